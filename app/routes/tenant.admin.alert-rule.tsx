import type { SubmissionResult } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertRuleForm } from "~/components/admin/alert-rule-form";
import { AlertRuleManage } from "~/components/admin/alert-rule-manage";
import { AlertRulesFrame, AlertRuleSummary } from "~/components/admin/alert-rules-table";
import { RULE_FORM_RULES, RuleDeleteSchema, RuleFormSchema } from "~/services/alerts/rule-form";
import { actOnRule, findRule, loadRuleFormPage, saveRuleForm } from "~/services/alerts/rules-page.server";
import { ALERT_RULE_READERS, mayEditAlertRules } from "~/services/alerts/rules.server";
import { requireMembership } from "~/services/auth/guards.server";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, invariantFound, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d?.rule ? `${d.rule.name} · VMI Portal` : "Alert rule · VMI Portal" },
];

/**
 * A rule's page: its form and its own buttons for an administrator, the rule read-only for a
 * manager or a buyer. Suppliers, unknown ids and other companies' rules get the same 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ALERT_RULE_READERS);
  const ruleId = args.params.ruleId ?? "";
  invariantFound(isUuid(ruleId));
  const page = await loadRuleFormPage(membership, ruleId);
  invariantFound(page);
  return page;
}

interface RuleActionData {
  form: "rule" | "delete";
  reply: SubmissionResult<string[]>;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ALERT_RULE_READERS);
  const ruleId = args.params.ruleId ?? "";
  invariantFound(isUuid(ruleId));
  // Only administrators change rules: to anyone else the forms are the 404 of no such page.
  invariantFound(mayEditAlertRules(membership.scope));
  // An unknown rule (another company's too) is the 404 before any field is read.
  invariantFound(await findRule(membership, ruleId));
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  const back = `/t/${membership.tenant.slug}/admin/alert-rules`;
  if (intent === "save") {
    const submission = parseWithZod(form, { schema: RuleFormSchema });
    if (submission.status !== "success")
      return data<RuleActionData>({ form: "rule", reply: submission.reply() }, { status: 400 });
    try {
      const { toast } = await saveRuleForm(membership, ruleId, submission.value);
      return redirectWithToast(args.request, `${back}/${ruleId}`, toast);
    } catch (error) {
      const { reply, status } = replyToError(error, submission);
      return data<RuleActionData>({ form: "rule", reply }, { status });
    }
  }
  if (intent === "delete") {
    const submission = parseWithZod(form, { schema: RuleDeleteSchema });
    if (submission.status !== "success")
      return data<RuleActionData>({ form: "delete", reply: submission.reply() }, { status: 400 });
    const toast = await actOnRule(membership, ruleId, "delete");
    invariantFound(toast);
    return redirectWithToast(args.request, back, toast);
  }
  if (intent === "enable" || intent === "disable") {
    const toast = await actOnRule(membership, ruleId, intent);
    invariantFound(toast);
    return redirectWithToast(args.request, `${back}/${ruleId}`, toast);
  }
  throw badRequest();
}

export default function AlertRulePage() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { rule, defaults, names, canEdit } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as RuleActionData | undefined;
  const replyOf = (name: RuleActionData["form"]) => (actionData?.form === name ? actionData.reply : undefined);
  const listPath = `/t/${tenant}/admin/alert-rules`;
  if (!rule) return null;
  return (
    <AlertRulesFrame
      admin={canEdit}
      tenant={tenant}
      heading={t(canEdit ? "alertRules.editTitle" : "alertRules.viewTitle", { name: rule.name })}
    >
      <Link to={listPath} className="text-sm text-indigo-700 hover:underline">
        ← {t("alertRules.back")}
      </Link>
      {rule.rule ? null : (
        <p role="status" className="mt-4 max-w-4xl rounded-md bg-amber-50 p-3 text-sm text-amber-800">
          {t("alertRules.invalidStored")}
        </p>
      )}
      {canEdit ? (
        <div className="mt-4 grid max-w-4xl gap-6">
          <AlertRuleForm
            // A saved change reloads the form with the rule as it now is.
            key={rule.updatedAt}
            rules={RULE_FORM_RULES}
            defaults={defaults}
            names={names}
            lastResult={replyOf("rule")}
            isNew={false}
            cancelTo={listPath}
          />
          <AlertRuleManage
            key={`${rule.updatedAt}-manage`}
            rules={RULE_FORM_RULES}
            enabled={rule.enabled}
            lastResult={replyOf("delete")}
          />
        </div>
      ) : (
        <div className="mt-4 space-y-3">
          <p className="text-sm text-slate-600">{t("alertRules.readOnly")}</p>
          <AlertRuleSummary view={rule} names={names} />
        </div>
      )}
    </AlertRulesFrame>
  );
}
