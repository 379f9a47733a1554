import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { RuleFormRules } from "~/services/alerts/rule-form";

/**
 * A rule's own buttons on its page: enable or disable it (one form, one button), and delete it,
 * which asks for its box to be ticked first (no JavaScript needed for either).
 */
export function AlertRuleManage({
  rules,
  enabled,
  lastResult,
}: {
  rules: RuleFormRules;
  enabled: boolean;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const toggling = useIsPending({ intent: enabled ? "disable" : "enable" });
  const deleting = useIsPending({ intent: "delete" });
  const [form, fields] = useForm({
    id: "delete-rule",
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rules.remove }),
    shouldValidate: "onSubmit",
  });
  return (
    <section aria-labelledby="manage-rule" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="manage-rule" className="text-lg font-semibold">
        {t("alertRules.manage.title")}
      </h2>
      <Form method="post" className="flex flex-wrap items-center gap-3">
        <Button
          type="submit"
          name="intent"
          value={enabled ? "disable" : "enable"}
          variant="secondary"
          size="md"
          pending={toggling}
        >
          {t(enabled ? "alertRules.manage.disable" : "alertRules.manage.enable")}
        </Button>
        <p className="text-sm text-slate-600">{t(enabled ? "alertRules.manage.disableHint" : "alertRules.manage.enableHint")}</p>
      </Form>
      <Form method="post" {...getFormProps(form)} className="space-y-3 border-t border-slate-100 pt-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <p className="text-sm text-slate-600">{t("alertRules.manage.deleteHint")}</p>
        <CheckboxField
          label={t("alertRules.manage.confirmDelete")}
          inputProps={getInputProps(fields.confirm, { type: "checkbox", ariaAttributes: false })}
          errors={fields.confirm.errors}
        />
        <Button type="submit" name="intent" value="delete" variant="danger" size="md" pending={deleting}>
          {t("alertRules.manage.delete")}
        </Button>
      </Form>
    </section>
  );
}
