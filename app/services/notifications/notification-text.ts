import type { NotificationKind } from "@db/schema";
import { formatDay, formatQuantity } from "~/utils/format";
import { ALERT_NOTIFICATION_KINDS, alertNotificationText } from "./alert-text";

/**
 * The words of a notification, from its kind and payload, for the inbox page and the e-mails alike.
 * Payloads are written by several services over time: every field is optional here, and a missing
 * or odd one falls back to a neutral word rather than showing "undefined" or a raw key.
 */

/** The translate function of i18next, as far as this module needs it. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

const KINDS = [
  "plan.submitted",
  "plan.step_reached",
  "plan.decided",
  "plan.changes_requested",
  "band_proposal.submitted",
  "band_proposal.decided",
] as const satisfies readonly NotificationKind[];

/** What happens to a shipping notice: recorded, corrected or cancelled by its supplier, received, overdue. */
export const SHIPMENT_NOTIFICATION_KINDS = [
  "shipment.recorded",
  "shipment.corrected",
  "shipment.cancelled",
  "shipment.received",
  "shipment.overdue",
] as const satisfies readonly NotificationKind[];
export type ShipmentNotificationKind = (typeof SHIPMENT_NOTIFICATION_KINDS)[number];

const PLAN_STATUSES = [
  "draft",
  "submitted",
  "in_review",
  "approved",
  "partially_approved",
  "rejected",
  "changes_requested",
  "withdrawn",
];
const DECISION_CODES = ["AC", "AD", "RD"];
const DECISIONS = ["accepted", "rejected"];
const STEPS = ["buyer", "manager", "admin"];

/** Longest payload text shown; a payload is data, not a letter. */
const MAX_FIELD = 500;

function text(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed ? trimmed.slice(0, MAX_FIELD) : undefined;
}

function oneOf(value: unknown, allowed: readonly string[]): string | undefined {
  return typeof value === "string" && allowed.includes(value) ? value : undefined;
}

export interface NotificationText {
  title: string;
  /** Further lines (approval step, decision code, comment); possibly none. */
  details: string[];
}

/** `locale` formats the numbers and days of a payload (a proposed band, an alert's value). */
export function notificationText(
  t: Translate,
  kind: string,
  payload: Record<string, unknown> | null | undefined,
  locale = "en",
): NotificationText {
  const p = payload ?? {};
  const alertKind = ALERT_NOTIFICATION_KINDS.find((k) => k === kind);
  if (alertKind) return alertNotificationText(t, alertKind, p, locale);
  const isBand = kind.startsWith("band_proposal.");
  const isShipment = kind.startsWith("shipment.");
  const status = isBand || isShipment ? undefined : oneOf(p.status, PLAN_STATUSES);
  // A band proposal's outcome is its status (accepted, rejected).
  const decision = oneOf(p.decision, DECISIONS) ?? (isBand ? oneOf(p.status, DECISIONS) : undefined);
  const sku = text(p.sku) ?? text(p.itemName);
  const site = text(p.siteCode);
  const values = {
    number: text(p.number) ?? t("notifications.fallback.plan"),
    supplier: text(p.supplierName) ?? t("notifications.fallback.supplier"),
    sku: sku ? (site ? `${sku} @ ${site}` : sku) : t("notifications.fallback.item"),
    status: status ? t(`plans.statuses.${status}`) : t("notifications.fallback.status"),
    decision: decision ? t(`notifications.decisions.${decision}`) : t("notifications.fallback.decision"),
    asn: text(p.asnNumber) ?? t("notifications.fallback.notice"),
  };
  const known = (KINDS as readonly string[]).includes(kind) || (SHIPMENT_NOTIFICATION_KINDS as readonly string[]).includes(kind);
  const title = known ? t(`notifications.kind.${kind}`, values) : t("notifications.kind.unknown");

  const details: string[] = [];
  const step = oneOf(p.step, STEPS);
  if (step && kind === "plan.step_reached") details.push(t("notifications.detail.step", { step: t(`role.${step}`) }));
  const min = typeof p.proposedMin === "number" ? p.proposedMin : undefined;
  const max = typeof p.proposedMax === "number" ? p.proposedMax : undefined;
  if (isBand && min !== undefined && max !== undefined) {
    details.push(t("notifications.detail.band", { min: formatQuantity(locale, min), max: formatQuantity(locale, max) }));
  }
  const code = oneOf(p.decisionCode, DECISION_CODES);
  if (code) details.push(t("notifications.detail.decisionCode", { code, label: t(`notifications.decisionCodes.${code}`) }));
  if (isShipment) details.push(...shipmentDetails(t, p, locale));
  const comment = text(p.comment);
  if (comment) details.push(t("notifications.detail.comment", { comment }));
  return { title, details };
}

/** A notice's plan, lines and expected arrival, as far as the payload tells them. */
function shipmentDetails(t: Translate, p: Record<string, unknown>, locale: string): string[] {
  const out: string[] = [];
  const plan = text(p.number);
  if (plan) out.push(t("notifications.detail.plan", { number: plan }));
  if (typeof p.lines === "number" && Number.isInteger(p.lines) && p.lines > 0) {
    out.push(t("notifications.detail.lines", { count: p.lines }));
  }
  const arrival = text(p.expectedArrival);
  if (arrival && /^\d{4}-\d{2}-\d{2}$/.test(arrival)) {
    out.push(t("notifications.detail.expectedArrival", { day: formatDay(locale, arrival) }));
  }
  return out;
}

/**
 * Whether a stored link is a path below /t/:tenant and nothing else: relative, no `..`, no
 * scheme, no second slash that a browser would read as another host.
 */
export function isInboxLink(link: string): boolean {
  if (!/^[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)*\/?(\?[A-Za-z0-9_=&%.-]*)?(#[A-Za-z0-9_-]*)?$/.test(link)) return false;
  return !link
    .split(/[?#]/)[0]
    .split("/")
    .some((segment) => segment === "." || segment === "..");
}
