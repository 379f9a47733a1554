import { getCollectionProps, getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { ApiKeyFormRules } from "~/services/api/key-rules";

/** i18next reads `:` as its namespace separator: the scopes' words sit under `items_write` and so on. */
export const scopeTextKey = (scope: string) => `adminApiKeys.scopes.${scope.replace(":", "_")}`;

/** A new key: its name, its scopes (checkboxes, at least one) and, optionally, its last day. */
export function ApiKeyCreateForm({
  rules,
  lastResult,
}: {
  rules: ApiKeyFormRules;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "create" });
  const [form, fields] = useForm({
    id: "create",
    lastResult,
    constraint: getZodConstraint(rules.create),
    // Reading is what most integrations need first; the command line's default is the same.
    defaultValue: { scopes: ["read"] },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rules.create }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="grid gap-4 sm:grid-cols-2">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("adminApiKeys.create.name")}
        hint={t("adminApiKeys.create.nameHint")}
        inputProps={{ ...getInputProps(fields.name, { type: "text", ariaAttributes: false }), autoComplete: "off" }}
        errors={fields.name.errors}
      />
      <Field
        label={t("adminApiKeys.create.expires")}
        hint={t("adminApiKeys.create.expiresHint")}
        inputProps={getInputProps(fields.expires, { type: "date", ariaAttributes: false })}
        errors={fields.expires.errors}
      />
      <fieldset
        className="sm:col-span-2"
        aria-invalid={fields.scopes.errors ? true : undefined}
        aria-describedby={fields.scopes.errors ? fields.scopes.errorId : undefined}
      >
        <legend className="block text-sm font-medium text-slate-700">{t("adminApiKeys.create.scopes")}</legend>
        <div className="mt-2 grid gap-2 sm:grid-cols-2">
          {getCollectionProps(fields.scopes, { type: "checkbox", options: [...rules.scopes], ariaAttributes: false }).map(
            (props) => (
              <label key={props.key} className="flex items-center gap-2 text-sm text-slate-700">
                <input {...props} key={props.key} />
                {t(scopeTextKey(props.value))}
              </label>
            ),
          )}
        </div>
        <ErrorList id={fields.scopes.errorId} errors={fields.scopes.errors} />
      </fieldset>
      <div className="sm:col-span-2">
        <Button type="submit" name="intent" value="create" size="md" pending={pending}>
          {t("adminApiKeys.create.submit")}
        </Button>
      </div>
    </Form>
  );
}
