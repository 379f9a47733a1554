import {
  type FieldMetadata,
  getFormProps,
  getInputProps,
  getSelectProps,
  type SubmissionResult,
  useForm,
} from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ErrorList, Field, FormErrors, inputClass, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { SettingsFormDefaults, SettingsFormRules } from "~/services/admin/settings-rules";

/**
 * The policy and settings form: the company, the classification cut-offs, the policy of each
 * ABC-XYZ cell, the approval thresholds, costs, the limits of the recommended bands and shipping
 * tolerances. The browser checks each field by the shared rules; the server checks the settings
 * as a whole and answers with messages under the same field names.
 */
export function SettingsForm({
  rules,
  defaults,
  lastResult,
  currency,
  currencies,
  timeZones,
}: {
  rules: SettingsFormRules;
  defaults: SettingsFormDefaults;
  lastResult: SubmissionResult<string[]> | undefined;
  /** The company's currency as saved, for the amounts' labels. */
  currency: string;
  currencies: readonly string[];
  timeZones: readonly string[];
}) {
  const { t } = useTranslation();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: "settings",
    lastResult,
    constraint: getZodConstraint(rules.schema),
    defaultValue: defaults,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rules.schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const abc = fields.abcCutoffs.getFieldset();
  const xyz = fields.xyzCutoffs.getFieldset();
  const approval = fields.approval.getFieldset();
  const shipping = fields.shipping.getFieldset();
  const cells = fields.cells.getFieldset();
  const cover = fields.maxCoverDays.getFieldset();
  const number = (meta: FieldMetadata<unknown>, label: string, hint?: string, decimal = true) => (
    <Field
      label={label}
      hint={hint}
      inputProps={{ ...getInputProps(meta, { type: "text", ariaAttributes: false }), inputMode: decimal ? "decimal" : "numeric" }}
      errors={meta.errors}
    />
  );

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-6">
      <FormErrors id={form.errorId} errors={form.errors} />

      <Section title={t("adminSettings.company.title")}>
        <Field
          label={t("adminSettings.company.name")}
          inputProps={{
            ...getInputProps(fields.companyName, { type: "text", ariaAttributes: false }),
            autoComplete: "organization",
          }}
          errors={fields.companyName.errors}
        />
        <Field
          label={t("adminSettings.company.currency")}
          hint={t("adminSettings.company.currencyHint")}
          inputProps={{ ...getInputProps(fields.currency, { type: "text", ariaAttributes: false }), list: "settings-currencies" }}
          errors={fields.currency.errors}
        />
        <Field
          label={t("adminSettings.company.timezone")}
          hint={t("adminSettings.company.timezoneHint")}
          inputProps={{ ...getInputProps(fields.timezone, { type: "text", ariaAttributes: false }), list: "settings-time-zones" }}
          errors={fields.timezone.errors}
        />
        <SelectField
          label={t("adminSettings.company.defaultLocale")}
          hint={t("adminSettings.company.defaultLocaleHint")}
          selectProps={getSelectProps(fields.defaultLocale, { ariaAttributes: false })}
          options={rules.locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
          errors={fields.defaultLocale.errors}
        />
        <datalist id="settings-currencies">
          {currencies.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="settings-time-zones">
          {timeZones.map((z) => (
            <option key={z} value={z} />
          ))}
        </datalist>
      </Section>

      <Section title={t("adminSettings.classes.title")} intro={t("adminSettings.classes.intro")}>
        {number(abc.a, t("adminSettings.classes.a"), t("adminSettings.classes.aHint"))}
        {number(abc.b, t("adminSettings.classes.b"), t("adminSettings.classes.bHint"))}
        {number(xyz.x, t("adminSettings.classes.x"), t("adminSettings.classes.xHint"))}
        {number(xyz.y, t("adminSettings.classes.y"), t("adminSettings.classes.yHint"))}
      </Section>

      <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
        <legend className="px-1 text-lg font-semibold">{t("adminSettings.cells.title")}</legend>
        <p className="text-sm text-slate-600">{t("adminSettings.cells.intro")}</p>
        <div className="mt-3 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="cell-policies">
            <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("adminSettings.cells.cell")}
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("adminSettings.cells.serviceLevel")}
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("adminSettings.cells.strategy")}
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("adminSettings.cells.approval")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {rules.cells.map((cell) => {
                const c = cells[cell].getFieldset();
                return (
                  <tr key={cell}>
                    <th scope="row" className="px-3 py-2 text-left font-semibold">
                      {cell}
                    </th>
                    <td className="px-3 py-2 align-top">
                      <CellControl label={t("adminSettings.cells.serviceLevelOf", { cell })} meta={c.serviceLevel}>
                        {(props) => (
                          <input
                            {...props}
                            {...getInputProps(c.serviceLevel, { type: "text", ariaAttributes: false })}
                            inputMode="decimal"
                            placeholder={t("adminSettings.cells.none")}
                          />
                        )}
                      </CellControl>
                    </td>
                    <td className="px-3 py-2 align-top">
                      <CellControl label={t("adminSettings.cells.strategyOf", { cell })} meta={c.strategy}>
                        {(props) => (
                          <select {...props} {...getSelectProps(c.strategy, { ariaAttributes: false })}>
                            {rules.strategies.map((s) => (
                              <option key={s} value={s}>
                                {t(`adminSettings.strategy.${s}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                    </td>
                    <td className="px-3 py-2 align-top">
                      <CellControl label={t("adminSettings.cells.approvalOf", { cell })} meta={c.approval}>
                        {(props) => (
                          <select {...props} {...getSelectProps(c.approval, { ariaAttributes: false })}>
                            {rules.approvalRoutes.map((r) => (
                              <option key={r} value={r}>
                                {t(`adminSettings.route.${r}`)}
                              </option>
                            ))}
                          </select>
                        )}
                      </CellControl>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </fieldset>

      <Section title={t("adminSettings.approval.title")} intro={t("adminSettings.approval.intro")}>
        {number(approval.managerThreshold, t("adminSettings.approval.managerThreshold", { currency }))}
        {number(approval.autoApproveThreshold, t("adminSettings.approval.autoApproveThreshold", { currency }))}
      </Section>

      <Section title={t("adminSettings.stock.title")}>
        {number(fields.holdingRate, t("adminSettings.stock.holdingRate"), t("adminSettings.stock.holdingRateHint"))}
        {number(fields.deadStockDays, t("adminSettings.stock.deadStockDays"), t("adminSettings.stock.deadStockDaysHint"), false)}
      </Section>

      <Section title={t("adminSettings.bands.title")} intro={t("adminSettings.bands.intro")}>
        {rules.abcClasses.map((abc) => (
          <Fragment key={abc}>
            {number(
              cover[abc],
              t("adminSettings.bands.maxCoverDays", { abc }),
              t(`adminSettings.bands.maxCoverHint${abc}`),
              false,
            )}
          </Fragment>
        ))}
        {number(fields.bandDriftThreshold, t("adminSettings.bands.driftThreshold"), t("adminSettings.bands.driftHint"))}
      </Section>

      <Section title={t("adminSettings.shipping.title")}>
        {number(
          shipping.overShipTolerance,
          t("adminSettings.shipping.overShipTolerance"),
          t("adminSettings.shipping.overShipHint"),
        )}
        {number(
          shipping.onTimeToleranceDays,
          t("adminSettings.shipping.onTimeToleranceDays"),
          t("adminSettings.shipping.onTimeHint"),
          false,
        )}
      </Section>

      <p className="text-sm text-slate-600">{t("adminSettings.recomputeNote")}</p>
      <Button type="submit" pending={pending}>
        {t("adminSettings.save")}
      </Button>
    </Form>
  );
}

function Section({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {intro ? <p className="text-sm text-slate-600">{intro}</p> : null}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

/** A control in the cells' table: labelled for screen readers by cell and column, its errors tied to it. */
function CellControl({
  label,
  meta,
  children,
}: {
  label: string;
  meta: FieldMetadata<unknown>;
  children: (props: {
    id: string;
    "aria-label": string;
    "aria-invalid": true | undefined;
    "aria-describedby": string | undefined;
    className: string;
  }) => ReactNode;
}) {
  const invalid = Boolean(meta.errors?.some(Boolean));
  const errorId = `${meta.id}-error`;
  return (
    <>
      {children({
        id: meta.id,
        "aria-label": label,
        "aria-invalid": invalid || undefined,
        "aria-describedby": invalid ? errorId : undefined,
        className: inputClass,
      })}
      <ErrorList id={errorId} errors={meta.errors} className="mt-1 max-w-xs text-sm text-red-600" />
    </>
  );
}
