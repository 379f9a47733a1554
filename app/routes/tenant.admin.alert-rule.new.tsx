import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AlertRuleForm } from "~/components/admin/alert-rule-form";
import { AlertRulesFrame } from "~/components/admin/alert-rules-table";
import { RULE_FORM_RULES, RuleFormSchema } from "~/services/alerts/rule-form";
import { loadRuleFormPage, saveRuleForm } from "~/services/alerts/rules-page.server";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New alert rule · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const page = await loadRuleFormPage(membership, null);
  invariantFound(page);
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  if (form.get("intent") !== "save") throw badRequest();
  const submission = parseWithZod(form, { schema: RuleFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { id, toast } = await saveRuleForm(membership, null, submission.value);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/admin/alert-rules/${id}`, toast);
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function NewAlertRule() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { defaults, names } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const listPath = `/t/${tenant}/admin/alert-rules`;
  return (
    <AlertRulesFrame admin tenant={tenant} heading={t("alertRules.newTitle")}>
      <Link to={listPath} className="text-sm text-indigo-700 hover:underline">
        ← {t("alertRules.back")}
      </Link>
      <div className="mt-4 max-w-4xl">
        <AlertRuleForm
          rules={RULE_FORM_RULES}
          defaults={defaults}
          names={names}
          lastResult={lastResult}
          isNew
          cancelTo={listPath}
        />
      </div>
    </AlertRulesFrame>
  );
}
