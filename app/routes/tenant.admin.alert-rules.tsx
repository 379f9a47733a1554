import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertRulesFrame, AlertRulesTable } from "~/components/admin/alert-rules-table";
import { buttonClass } from "~/components/ui/button";
import { loadRulesListPage } from "~/services/alerts/rules-page.server";
import { ALERT_RULE_READERS } from "~/services/alerts/rules.server";
import { requireMembership } from "~/services/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Alert rules · VMI Portal" }];

/** The buyer's side reads the rules (administrators also get the button to a new one); suppliers get the 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ALERT_RULE_READERS);
  return loadRulesListPage(membership);
}

export default function AlertRules() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { rules, names, canEdit, timezone } = useLoaderData<typeof loader>();
  return (
    <AlertRulesFrame
      admin={canEdit}
      tenant={tenant}
      heading={t("alertRules.title")}
      actions={
        canEdit ? (
          <Link to={`/t/${tenant}/admin/alert-rules/new`} className={buttonClass("primary", "md")}>
            {t("alertRules.newRule")}
          </Link>
        ) : null
      }
    >
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t(canEdit ? "alertRules.intro" : "alertRules.introReadOnly")}</p>
      {rules.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-6 text-sm text-slate-600">
          {t(canEdit ? "alertRules.emptyAdmin" : "alertRules.empty")}
        </p>
      ) : (
        <AlertRulesTable rules={rules} names={names} tenant={tenant} timezone={timezone} />
      )}
    </AlertRulesFrame>
  );
}
