import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { RuleNames } from "~/services/alerts/rules-page.server";
import type { AlertRuleListView, AlertRuleView } from "~/services/alerts/rules.server";
import { formatInstant, formatQuantity } from "~/utils/format";
import { AdminFrame } from "./admin-frame";
import { channelLines, cooldownText, describeCondition, recipientLines, scopeLines } from "./alert-rule-text";

const SEVERITY_CLASS: Record<AlertRuleView["severity"], string> = {
  critical: "bg-red-100 text-red-800",
  warning: "bg-amber-100 text-amber-800",
  info: "bg-sky-100 text-sky-800",
};

export function SeverityBadge({ severity }: { severity: AlertRuleView["severity"] }) {
  const { t } = useTranslation();
  return <span className={`badge ${SEVERITY_CLASS[severity]}`}>{t(`alertRules.severity.${severity}`)}</span>;
}

function Lines({ lines }: { lines: string[] }) {
  return (
    <ul className="space-y-0.5">
      {lines.map((line, i) => (
        <li key={i}>{line}</li>
      ))}
    </ul>
  );
}

/**
 * The company's rules, one row each: its name (to its page), its condition with thresholds, what
 * it watches, severity, who is told and how, to-do, cool-down, whether it is enabled, its alerts
 * not yet closed and its last evaluation.
 */
export function AlertRulesTable({
  rules,
  names,
  tenant,
  timezone,
}: {
  rules: AlertRuleListView[];
  names: RuleNames;
  tenant: string;
  timezone: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const columns = [
    "name",
    "condition",
    "scope",
    "severity",
    "recipients",
    "channels",
    "todo",
    "cooldown",
    "enabled",
    "openAlerts",
    "lastEvaluation",
  ] as const;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" aria-label={t("alertRules.list.label")}>
        <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col" className="px-3 py-2 text-left">
                {t(`alertRules.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top">
          {rules.map((r) => {
            const rule = r.rule;
            const e = r.lastEvaluation;
            return (
              <tr key={r.id} data-testid="alert-rule-row">
                <th scope="row" className="px-3 py-2 text-left font-medium">
                  <Link to={`/t/${tenant}/admin/alert-rules/${r.id}`} className="text-indigo-700 hover:underline">
                    {r.name}
                  </Link>
                  {r.defaultKey ? <div className="text-xs font-normal text-slate-500">{t("alertRules.defaultRule")}</div> : null}
                </th>
                <td className="px-3 py-2">
                  {rule ? describeCondition(t, rule.condition, locale) : t(`alertRules.conditions.${r.condition}`)}
                </td>
                <td className="px-3 py-2">{rule ? <Lines lines={scopeLines(t, rule.scope, names)} /> : "—"}</td>
                <td className="px-3 py-2">
                  <SeverityBadge severity={r.severity} />
                </td>
                <td className="px-3 py-2">{rule ? <Lines lines={recipientLines(t, rule.recipients, names)} /> : "—"}</td>
                <td className="px-3 py-2">{rule ? <Lines lines={channelLines(t, rule.channels)} /> : "—"}</td>
                <td className="px-3 py-2">
                  {rule?.todo ? t("alertRules.list.todoDue", { count: rule.todo.dueInDays }) : t("alertRules.list.todoNone")}
                </td>
                <td className="whitespace-nowrap px-3 py-2">{cooldownText(t, r.cooldownMinutes, locale)}</td>
                <td className="px-3 py-2">
                  <span className={`badge ${r.enabled ? "bg-emerald-100 text-emerald-800" : "bg-slate-100 text-slate-700"}`}>
                    {t(r.enabled ? "alertRules.list.enabledYes" : "alertRules.list.enabledNo")}
                  </span>
                </td>
                <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, r.openAlerts, 0)}</td>
                <td className="px-3 py-2 text-xs text-slate-600">
                  {e
                    ? t("alertRules.list.evaluation", {
                        when: formatInstant(locale, timezone, e.startedAt),
                        duration: formatQuantity(locale, e.durationMs, 0),
                        opened: formatQuantity(locale, e.opened, 0),
                        closed: formatQuantity(locale, e.closed, 0),
                      })
                    : t("alertRules.list.neverEvaluated")}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** One rule, read-only: what the buyer's side sees of it (administrators get its form). */
export function AlertRuleSummary({ view, names }: { view: AlertRuleView; names: RuleNames }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const rule = view.rule;
  const rows: [string, ReactNode][] = [
    [
      t("alertRules.columns.condition"),
      rule ? describeCondition(t, rule.condition, locale) : t(`alertRules.conditions.${view.condition}`),
    ],
    [t("alertRules.columns.scope"), rule ? <Lines lines={scopeLines(t, rule.scope, names)} /> : "—"],
    [t("alertRules.columns.severity"), <SeverityBadge key="s" severity={view.severity} />],
    [t("alertRules.columns.recipients"), rule ? <Lines lines={recipientLines(t, rule.recipients, names)} /> : "—"],
    [t("alertRules.columns.channels"), rule ? <Lines lines={channelLines(t, rule.channels)} /> : "—"],
    [
      t("alertRules.columns.todo"),
      rule?.todo ? t("alertRules.list.todoDue", { count: rule.todo.dueInDays }) : t("alertRules.list.todoNone"),
    ],
    [t("alertRules.columns.cooldown"), cooldownText(t, view.cooldownMinutes, locale)],
    [t("alertRules.columns.enabled"), t(view.enabled ? "alertRules.list.enabledYes" : "alertRules.list.enabledNo")],
  ];
  return (
    <dl className="grid max-w-3xl gap-x-6 gap-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-[12rem_1fr]">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="font-medium text-slate-600">{label}</dt>
          <dd className="text-slate-900">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * The frame of the rules pages: the administration's (with its tabs) for an administrator; for the
 * rest of the buyer's side, who see no other administration page, the page alone.
 */
export function AlertRulesFrame({
  admin,
  tenant,
  heading,
  actions,
  children,
}: {
  admin: boolean;
  tenant: string;
  heading: string;
  actions?: ReactNode;
  children: ReactNode;
}) {
  if (admin)
    return (
      <AdminFrame tenant={tenant} section="alert-rules" heading={heading} actions={actions}>
        {children}
      </AdminFrame>
    );
  return (
    <div className="mx-auto max-w-7xl px-4 py-6 sm:px-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold text-slate-900">{heading}</h1>
        {actions ? <div className="flex flex-wrap gap-2">{actions}</div> : null}
      </div>
      <div className="mt-6">{children}</div>
    </div>
  );
}
