import { z } from "zod";
import { alertConditionKinds, alertSeverities } from "@db/schema/alerts";
import type { AlertListStatus } from "~/models/alerts.server";
import { pageField } from "~/utils/input/decimal-field";
import { readText } from "~/utils/input/text";

/**
 * The alerts list's URL query. Filters live in the URL so that a view can be shared and kept; a
 * bad filter is ignored rather than an error (the list never fails on one). The search `q` is
 * read by the free-text rule: a search the page refuses is shown beside its field (400).
 */

export const ALERT_STATUSES = [
  "open",
  "snoozed",
  "acknowledged",
  "todo",
  "mine",
  "closed",
  "all",
] as const satisfies readonly AlertListStatus[];

/** The severities and conditions the filters offer (the schema's own lists). */
export const ALERT_SEVERITIES = alertSeverities;
export const ALERT_CONDITIONS = alertConditionKinds;

/** Longest search, in characters. */
export const ALERT_SEARCH_MAX = 100;

const AlertFilters = z.object({
  page: pageField,
  status: z.enum(ALERT_STATUSES).catch("open"),
  severity: z.enum(alertSeverities).optional().catch(undefined),
  condition: z.enum(alertConditionKinds).optional().catch(undefined),
  supplier: z.uuid().optional().catch(undefined),
  site: z.uuid().optional().catch(undefined),
  cell: z
    .string()
    .regex(/^([ABC][XYZ]|[ABC]|[XYZ])$/)
    .optional()
    .catch(undefined),
});
export type AlertsQuery = z.infer<typeof AlertFilters> & { q?: string };

/** What is wrong with the search text: an i18n key and its values. */
export interface AlertsQueryErrors {
  q?: { key: string; values?: Record<string, number> };
}

export function parseAlertsQuery(searchParams: URLSearchParams): { query: AlertsQuery; errors: AlertsQueryErrors } {
  const raw = Object.fromEntries(searchParams);
  const filters: AlertsQuery = AlertFilters.parse(raw);
  const search = readText(raw.q, { max: ALERT_SEARCH_MAX });
  if (!search.ok) {
    const q =
      search.problem === "too_long"
        ? { key: "alerts.errors.searchTooLong", values: { max: ALERT_SEARCH_MAX } }
        : { key: "alerts.errors.controlCharacter" };
    return { query: filters, errors: { q } };
  }
  return { query: search.value ? { ...filters, q: search.value } : filters, errors: {} };
}

/** The query string of a view: defaults left out so that URLs stay short. */
export function alertsSearch(query: Partial<AlertsQuery>): string {
  const params = new URLSearchParams();
  if (query.status && query.status !== "open") params.set("status", query.status);
  if (query.severity) params.set("severity", query.severity);
  if (query.condition) params.set("condition", query.condition);
  if (query.supplier) params.set("supplier", query.supplier);
  if (query.site) params.set("site", query.site);
  if (query.cell) params.set("cell", query.cell);
  if (query.q) params.set("q", query.q);
  if (query.page && query.page > 1) params.set("page", String(query.page));
  const text = params.toString();
  return text ? `?${text}` : "";
}
