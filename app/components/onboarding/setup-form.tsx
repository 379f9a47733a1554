import { type FieldMetadata, type FormMetadata, getFormProps, getInputProps, getSelectProps } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { supportedLanguages } from "~/i18n";
import type { SetupInput } from "~/services/onboarding/company-rules";

export interface SetupDefaults {
  currency: string;
  timezone: string;
  locale: string;
  currencies: string[];
  timeZones: string[];
}

type Fields = { [K in keyof SetupInput]: FieldMetadata<string, SetupInput, string[]> };

/** The set-up form (conform's form from the route): the company, then its first administrator. */
export function SetupForm({
  form,
  fields,
  defaults,
}: {
  form: FormMetadata<SetupInput, string[]>;
  fields: Fields;
  defaults: SetupDefaults;
}) {
  const { t } = useTranslation();
  const pending = useIsPending();
  const text = (name: "companyName" | "slug" | "adminName", label: string, hint?: string, autoComplete?: string) => (
    <Field
      label={label}
      hint={hint}
      inputProps={{ ...getInputProps(fields[name], { type: "text" }), autoComplete }}
      errors={fields[name].errors}
      key={fields[name].key}
    />
  );
  return (
    <Form method="post" className="space-y-6" {...getFormProps(form)}>
      <FormErrors id={form.errorId} errors={form.errors} />
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("onboarding.setup.company")}</legend>
        {text("companyName", t("onboarding.setup.companyName"), undefined, "organization")}
        {text("slug", t("onboarding.setup.slug"), t("onboarding.setup.slugHint"), "off")}
        <Field
          label={t("onboarding.setup.currency")}
          hint={t("onboarding.setup.currencyHint")}
          inputProps={{ ...getInputProps(fields.currency, { type: "text" }), list: "setup-currencies", autoComplete: "off" }}
          errors={fields.currency.errors}
          key={fields.currency.key}
        />
        <datalist id="setup-currencies">
          {defaults.currencies.map((code) => (
            <option key={code} value={code} />
          ))}
        </datalist>
        <Field
          label={t("onboarding.setup.timezone")}
          hint={t("onboarding.setup.timezoneHint")}
          inputProps={{ ...getInputProps(fields.timezone, { type: "text" }), list: "setup-time-zones", autoComplete: "off" }}
          errors={fields.timezone.errors}
          key={fields.timezone.key}
        />
        <datalist id="setup-time-zones">
          {defaults.timeZones.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
        <SelectField
          label={t("onboarding.setup.locale")}
          hint={t("onboarding.setup.localeHint")}
          selectProps={getSelectProps(fields.locale)}
          options={supportedLanguages.map((language) => ({ value: language, label: t(`language.${language}`) }))}
          errors={fields.locale.errors}
          key={fields.locale.key}
        />
      </fieldset>
      <fieldset className="space-y-4">
        <legend className="text-base font-semibold">{t("onboarding.setup.admin")}</legend>
        {text("adminName", t("onboarding.setup.adminName"), undefined, "name")}
        <Field
          label={t("onboarding.setup.adminEmail")}
          inputProps={{ ...getInputProps(fields.adminEmail, { type: "email" }), autoComplete: "username" }}
          errors={fields.adminEmail.errors}
          key={fields.adminEmail.key}
        />
        <Field
          label={t("onboarding.setup.password")}
          hint={t("onboarding.setup.passwordHint")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.password.errors}
          key={fields.password.key}
        />
      </fieldset>
      <Button type="submit" pending={pending} className="w-full shadow-sm">
        {t("onboarding.setup.submit")}
      </Button>
    </Form>
  );
}
