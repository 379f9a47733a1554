import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { Form, Link } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField } from "~/components/forms";
import { Button, buttonClass } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { RuleFormDefaults, RuleFormRules } from "~/services/alerts/rule-form";
import type { RuleNames } from "~/services/alerts/rules-page.server";
import { wholeNumber } from "~/utils/input/decimal";
import { formatQuantity } from "~/utils/format";
import { ChoiceGroup, Section } from "./alert-rule-fields";

type Param = "horizon" | "percent" | "days" | "hours";

/**
 * The alert rule form: name; condition and its thresholds; scope (cells, suppliers, sites);
 * severity; recipients (roles, named people); channels (in the app, e-mail each or as a digest);
 * to-do and its due days; cool-down; enabled. Without JavaScript every condition's thresholds are
 * shown, each saying which conditions use it; once hydrated only the chosen condition's are shown
 * (the others are disabled, so not sent). The browser checks the form by the same reading and
 * schema as the server, whose messages come back under the same field names.
 */
export function AlertRuleForm({
  rules,
  defaults,
  names,
  lastResult,
  isNew,
  cancelTo,
}: {
  rules: RuleFormRules;
  defaults: RuleFormDefaults;
  names: RuleNames;
  lastResult: SubmissionResult<string[]> | undefined;
  isNew: boolean;
  cancelTo: string;
}) {
  const { t, i18n } = useTranslation();
  const pending = useIsPending({ intent: "save" });
  const [form, fields] = useForm({
    id: "alert-rule",
    lastResult,
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rules.schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  const condition = fields.condition.getFieldset();
  const scope = fields.scope.getFieldset();
  const recipients = fields.recipients.getFieldset();
  const channels = fields.channels.getFieldset();
  const todo = fields.todo.getFieldset();
  const kind = String(condition.kind.value ?? defaults.condition.kind) as keyof RuleFormRules["params"];
  const params: readonly Param[] = rules.params[kind] ?? [];
  const horizonMode = String(condition.horizon.value ?? defaults.condition.horizon);
  const todoOn = todo.enabled.value === "on";
  const shown = (param: Param) => !hydrated || params.includes(param);
  const usedBy = (param: Param) =>
    t("alertRules.form.usedBy", {
      conditions: rules.conditions
        .filter((c) => rules.params[c].includes(param))
        .map((c) => t(`alertRules.conditions.${c}`))
        .join(", "),
    });
  const specific = (group: "percentFor" | "daysFor", fallback: string) =>
    hydrated ? t(`alertRules.form.${group}.${kind}`, { defaultValue: fallback }) : fallback;

  const number = (meta: FieldMetadata<unknown>, label: string, hint: string | undefined, visible: boolean, decimal = false) => (
    <div hidden={!visible}>
      <Field
        label={label}
        hint={hint}
        inputProps={{
          ...getInputProps(meta, { type: "text", ariaAttributes: false }),
          inputMode: decimal ? "decimal" : "numeric",
          disabled: !visible,
        }}
        errors={meta.errors}
      />
    </div>
  );
  const cooldown = wholeNumber(fields.cooldownMinutes.value);
  const cooldownHours =
    cooldown !== null && cooldown > 0 && cooldown % 60 === 0
      ? t("alertRules.form.cooldownHours", { hours: formatQuantity(i18n.language, cooldown / 60) })
      : "";

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormErrors id={form.errorId} errors={form.errors} />
      <Section title={t("alertRules.form.condition")} hint={t("alertRules.form.conditionHint")}>
        <Field
          className="sm:col-span-2"
          label={t("alertRules.form.name")}
          hint={t("alertRules.form.nameHint")}
          inputProps={{
            ...getInputProps(fields.name, { type: "text", ariaAttributes: false }),
            maxLength: rules.nameMax,
            autoComplete: "off",
          }}
          errors={fields.name.errors}
        />
        <SelectField
          className="sm:col-span-2"
          label={t("alertRules.form.condition")}
          hint={hydrated ? t(`alertRules.hints.${kind}`, { defaultValue: "" }) : undefined}
          selectProps={getSelectProps(condition.kind, { ariaAttributes: false })}
          options={rules.conditions.map((c) => ({ value: c, label: t(`alertRules.conditions.${c}`) }))}
          errors={condition.kind.errors}
        />
        <p className="text-sm text-slate-600 sm:col-span-2">
          {hydrated ? t("alertRules.form.parameters") : t("alertRules.form.parametersHint")}
        </p>
        <div hidden={!shown("horizon")} className="sm:col-span-2">
          <ChoiceGroup
            meta={condition.horizon}
            formId={form.id}
            type="radio"
            legend={t("alertRules.form.horizon")}
            hint={hydrated ? undefined : usedBy("horizon")}
            choices={rules.horizonModes.map((m) => ({
              value: m,
              label: t(m === "lead_time" ? "alertRules.form.horizonLeadTime" : "alertRules.form.horizonDays"),
            }))}
          />
        </div>
        {number(
          condition.horizonDays,
          t("alertRules.form.horizonDaysLabel"),
          undefined,
          !hydrated || (params.includes("horizon") && horizonMode === "days"),
        )}
        {number(
          condition.percent,
          specific("percentFor", t("alertRules.form.percent")),
          hydrated ? undefined : usedBy("percent"),
          shown("percent"),
          true,
        )}
        {number(
          condition.days,
          specific("daysFor", t("alertRules.form.days")),
          hydrated ? undefined : usedBy("days"),
          shown("days"),
          true,
        )}
        {number(condition.hours, t("alertRules.form.hours"), hydrated ? undefined : usedBy("hours"), shown("hours"))}
      </Section>

      <Section title={t("alertRules.form.scope")} hint={t("alertRules.form.scopeHint")}>
        <ChoiceGroup
          className="sm:col-span-2"
          meta={scope.cells}
          formId={form.id}
          type="checkbox"
          legend={t("alertRules.form.cells")}
          choices={rules.cells.map((c) => ({ value: c, label: c }))}
        />
        <ChoiceGroup
          meta={scope.supplierIds}
          formId={form.id}
          type="checkbox"
          legend={t("alertRules.form.suppliers")}
          choices={names.suppliers.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
          empty={t("alertRules.form.noChoices")}
          scroll
        />
        <ChoiceGroup
          meta={scope.siteIds}
          formId={form.id}
          type="checkbox"
          legend={t("alertRules.form.sites")}
          choices={names.sites.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))}
          empty={t("alertRules.form.noChoices")}
          scroll
        />
      </Section>

      <Section title={t("alertRules.form.recipients")} hint={t("alertRules.form.recipientsHint")}>
        <SelectField
          label={t("alertRules.form.severity")}
          selectProps={getSelectProps(fields.severity, { ariaAttributes: false })}
          options={rules.severities.map((s) => ({ value: s, label: t(`alertRules.severity.${s}`) }))}
          errors={fields.severity.errors}
        />
        <ChoiceGroup
          meta={recipients.roles}
          formId={form.id}
          type="checkbox"
          legend={t("alertRules.form.roles")}
          choices={rules.roles.map((r) => ({ value: r, label: t(`alertRules.roles.${r}`) }))}
        />
        <ChoiceGroup
          className="sm:col-span-2"
          meta={recipients.userIds}
          formId={form.id}
          type="checkbox"
          legend={t("alertRules.form.people")}
          choices={names.people.map((p) => ({
            value: p.userId,
            label: p.active
              ? `${p.name} · ${t(`role.${p.role}`)}${p.supplierCode ? ` (${p.supplierCode})` : ""}`
              : t("alertRules.form.peopleDeactivated", { name: p.name }),
          }))}
          empty={t("alertRules.form.noChoices")}
          scroll
        />
        <CheckboxField
          label={t("alertRules.channels.inApp")}
          inputProps={getInputProps(channels.inApp, { type: "checkbox", ariaAttributes: false })}
          errors={channels.inApp.errors}
        />
        <ChoiceGroup
          meta={channels.email}
          formId={form.id}
          type="radio"
          legend={t("alertRules.form.email")}
          choices={rules.emailChannels.map((c) => ({ value: c, label: t(`alertRules.channels.email.${c}`) }))}
        />
      </Section>

      <Section title={t("alertRules.form.todo")}>
        <CheckboxField
          label={t("alertRules.form.todoBox")}
          inputProps={getInputProps(todo.enabled, { type: "checkbox", ariaAttributes: false })}
          errors={todo.enabled.errors}
        />
        {number(todo.dueInDays, t("alertRules.form.dueInDays"), t("alertRules.form.dueInDaysHint"), !hydrated || todoOn)}
        <Field
          label={t("alertRules.form.cooldown")}
          hint={t("alertRules.form.cooldownHint", { hours: cooldownHours })}
          inputProps={{ ...getInputProps(fields.cooldownMinutes, { type: "text", ariaAttributes: false }), inputMode: "numeric" }}
          errors={fields.cooldownMinutes.errors}
        />
        <CheckboxField
          label={t("alertRules.form.enabled")}
          hint={t("alertRules.form.enabledHint")}
          inputProps={getInputProps(fields.enabled, { type: "checkbox", ariaAttributes: false })}
          errors={fields.enabled.errors}
        />
      </Section>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" name="intent" value="save" pending={pending}>
          {t(isNew ? "alertRules.form.create" : "alertRules.form.save")}
        </Button>
        <Link to={cancelTo} className={buttonClass("secondary")}>
          {t("alertRules.form.cancel")}
        </Link>
      </div>
    </Form>
  );
}
