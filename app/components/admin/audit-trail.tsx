import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { Button } from "~/components/ui/button";
import type { AuditFilterRules, AuditQuery, AuditQueryField } from "~/services/admin/audit-rules";
import type { AuditPerson, AuditTrailRow } from "~/services/admin/audit.server";
import { formatInstant } from "~/utils/format";

/** The trail's GET form: the person, the action, the kind of record and the days. */
export function AuditFilters({
  query,
  errors,
  people,
  rules,
  clearTo,
}: {
  query: AuditQuery;
  errors: Partial<Record<AuditQueryField, string>>;
  people: readonly AuditPerson[];
  rules: AuditFilterRules;
  clearTo: string;
}) {
  const { t } = useTranslation();
  const hasFilters = Boolean(query.person || query.action || query.entity || query.from || query.to);
  const day = (name: "from" | "to") => (
    <div className="flex flex-col">
      <label htmlFor={`audit-${name}`} className="text-xs font-medium text-slate-600">
        {t(`adminAudit.filters.${name}`)}
      </label>
      <input
        id={`audit-${name}`}
        type="date"
        name={name}
        defaultValue={query[name] ?? ""}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `audit-${name}-error` : undefined}
        className={filterControl}
      />
      <ErrorList id={`audit-${name}-error`} errors={errors[name] ? [errors[name]] : []} />
    </div>
  );
  const choiceErrors = (["person", "action", "entity"] as const).map((name) => errors[name]).filter(Boolean) as string[];
  return (
    <Form method="get" role="search" aria-label={t("adminAudit.filters.label")} className="flex flex-wrap items-end gap-3">
      <FilterSelect
        name="person"
        label={t("adminAudit.filters.person")}
        value={query.person}
        allLabel={t("adminAudit.filters.anyone")}
        options={people.map((p) => ({ value: p.id, label: `${p.name} (${p.email})` }))}
      />
      <FilterSelect
        name="action"
        label={t("adminAudit.filters.action")}
        value={query.action}
        allLabel={t("adminAudit.filters.anyAction")}
        options={rules.actions.map((a) => ({ value: a, label: t(`adminAudit.actions.${a}`) }))}
      />
      <FilterSelect
        name="entity"
        label={t("adminAudit.filters.entity")}
        value={query.entity}
        allLabel={t("adminAudit.filters.anyEntity")}
        options={rules.entities.map((e) => ({ value: e, label: t(`adminAudit.entities.${e}`) }))}
      />
      {day("from")}
      {day("to")}
      <Button type="submit" variant="secondary" size="md">
        {t("adminAudit.filters.apply")}
      </Button>
      {hasFilters ? (
        <Link to={clearTo} className="text-sm text-indigo-700 hover:underline">
          {t("adminAudit.filters.clear")}
        </Link>
      ) : null}
      <ErrorList errors={choiceErrors} className="basis-full text-sm text-red-600" />
    </Form>
  );
}

/** A value of before or after, short enough for a table cell. */
function shortValue(value: unknown): string {
  if (value === null || value === undefined) return "—";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

/** What changed: each field of before and after, `field: before → after`. */
function changesOf(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const record = (v: unknown) => (typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const b = record(before);
  const a = record(after);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return fields.map((field) => ({
    field,
    from: field in b ? shortValue(b[field]) : "",
    to: field in a ? shortValue(a[field]) : "",
  }));
}

/** Where a record of the trail can be opened, when it has a page of its own. */
function recordPath(tenant: string, row: AuditTrailRow): string | null {
  if (!row.entityId) return null;
  switch (row.entityType) {
    case "agreement":
      return `/t/${tenant}/inventory/${row.entityId}`;
    case "replenishment_plan":
      return `/t/${tenant}/plans/${row.entityId}`;
    case "shipment":
      return `/t/${tenant}/shipments/${row.entityId}`;
    default:
      return null;
  }
}

export function AuditTable({ rows, tenant, timezone }: { rows: readonly AuditTrailRow[]; tenant: string; timezone: string }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <p className="rounded-md bg-slate-50 p-4 text-sm text-slate-600">{t("adminAudit.empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {(["when", "person", "action", "record", "details"] as const).map((c) => (
              <th key={c} scope="col" className="px-3 py-2">
                {t(`adminAudit.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const path = recordPath(tenant, row);
            const entity = t(`adminAudit.entities.${row.entityType}`, { defaultValue: row.entityType });
            const tried = row.action === "auth.sign_in_failed" ? (row.after as { email?: unknown } | null)?.email : undefined;
            const changes = row.action.startsWith("auth.") ? [] : changesOf(row.before, row.after);
            return (
              <tr key={row.id} data-audit-action={row.action} className="align-top">
                <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                  <time dateTime={row.occurredAt}>{formatInstant(i18n.language, timezone, row.occurredAt)}</time>
                </td>
                <td className="px-3 py-2">
                  {row.userName ?? (row.userId ? t("adminAudit.formerMember") : t("adminAudit.system"))}
                  {row.userEmail ? <div className="text-xs text-slate-500">{row.userEmail}</div> : null}
                </td>
                <td className="px-3 py-2">
                  {t(`adminAudit.actions.${row.action}`, { defaultValue: row.action })}
                  {row.ip ? <div className="text-xs text-slate-500">{t("adminAudit.fromAddress", { ip: row.ip })}</div> : null}
                  {typeof tried === "string" ? (
                    <div className="text-xs text-slate-500">{t("adminAudit.emailTried", { email: tried })}</div>
                  ) : null}
                </td>
                <td className="px-3 py-2">
                  {path ? (
                    <Link to={path} className="text-indigo-700 hover:underline">
                      {entity}
                    </Link>
                  ) : (
                    entity
                  )}
                  {row.entityId ? <div className="font-mono text-xs text-slate-500">{row.entityId.slice(0, 8)}</div> : null}
                </td>
                <td className="px-3 py-2">
                  {changes.length > 0 ? (
                    <dl className="grid grid-cols-[auto_1fr] gap-x-2 text-xs" aria-label={t("adminAudit.changes")}>
                      {changes.map((c) => (
                        <div key={c.field} className="contents">
                          <dt className="font-medium text-slate-700">{c.field}</dt>
                          <dd className="break-all text-slate-600">{c.from ? `${c.from} → ${c.to || "—"}` : c.to}</dd>
                        </div>
                      ))}
                    </dl>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
