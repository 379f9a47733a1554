import { type FieldMetadata, getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { loadAgreementForEdit, saveAgreementTerms } from "~/services/agreements/edit-page.server";
import { AGREEMENT_EDITORS, AgreementEditSchema, TERM_FIELDS, type TermField } from "~/services/agreements/terms";
import { requireMembership } from "~/services/auth/guards.server";
import { formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { parseDecimal, QUANTITY_COLUMN } from "~/utils/input/decimal";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.agreement.sku} · ${d.agreement.siteCode}` : "VMI Portal" },
];

/** Suppliers, unknown ids and other tenants' agreements: the same 404, which confirms nothing. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  const agreement = await loadAgreementForEdit(membership, args.params.agreementId ?? "");
  invariantFound(agreement);
  return { agreement };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  const agreementId = args.params.agreementId ?? "";
  invariantFound(isUuid(agreementId));
  const form = await requireFormData(args.request);
  const submission = parseWithZod(form, { schema: AgreementEditSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { version, ...terms } = submission.value;
  try {
    const { toast } = await saveAgreementTerms(membership, agreementId, { version, terms });
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/inventory/${agreementId}`, { key: toast });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

const inputClass =
  "block w-32 rounded-md border border-slate-300 bg-white px-2 py-1 text-right text-sm tabular-nums shadow-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500";

function TermRow({
  field,
  meta,
  agreed,
  recommended,
}: {
  field: TermField;
  meta: FieldMetadata<number>;
  agreed: string;
  recommended: string;
}) {
  const { t } = useTranslation();
  const errorId = `${meta.id}-error`;
  const invalid = Boolean(meta.errors?.some(Boolean));
  return (
    <tr>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        <label htmlFor={meta.id}>{t(`agreement.edit.${field}`)}</label>
      </th>
      <td className="px-3 py-2 text-right tabular-nums text-slate-600">{agreed}</td>
      <td className="px-3 py-2">
        <input
          {...getInputProps(meta, { type: "number", ariaAttributes: false })}
          key={meta.key}
          step={field === "reviewPeriodDays" ? 1 : "any"}
          inputMode={field === "reviewPeriodDays" ? "numeric" : "decimal"}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? errorId : undefined}
          className={inputClass}
        />
        <ErrorList id={errorId} errors={meta.errors} className="mt-1 max-w-xs text-sm text-red-600" />
      </td>
      <td className="px-3 py-2 text-right tabular-nums text-slate-600">{recommended}</td>
    </tr>
  );
}

export default function EditAgreement() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { agreement: a } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const locale = i18n.language;
  const q = (v: number | null | undefined, d = 2) => formatQuantity(locale, v, d);
  const m = a.metrics;
  const [form, fields] = useForm({
    // A new version (after a reload) is a new form with the agreement's values as they now are.
    id: `agreement-${a.id}-v${a.version}`,
    lastResult,
    constraint: getZodConstraint(AgreementEditSchema),
    defaultValue: Object.fromEntries(TERM_FIELDS.map((f) => [f, String(a[f])])),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgreementEditSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const recommended: Partial<Record<TermField, string>> = m
    ? { minQty: q(m.recommendedMin, 0), maxQty: q(m.recommendedMax, 0) }
    : {};
  const typedMin = parseDecimal(fields.minQty.value, QUANTITY_COLUMN);
  const newMin = typedMin.ok ? typedMin.value : null;
  const belowSafetyStock = m !== null && newMin !== null && newMin < m.safetyStock;
  const agreementPath = `/t/${tenant}/inventory/${a.id}`;
  const conflict = form.errors?.includes("agreement.edit.conflict");

  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link to={agreementPath} className="text-sm text-indigo-700 hover:underline">
          ← {t("agreement.edit.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("agreement.edit.title", { sku: a.sku, site: a.siteCode })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {a.itemName} · {a.siteName} · {a.supplierName}
        </p>
        <p className="mt-2 text-sm text-slate-600">{t("agreement.edit.intro")}</p>
      </div>

      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        {conflict ? (
          <p>
            <a href={`${agreementPath}/edit`} className="text-sm font-semibold text-indigo-700 hover:underline">
              {t("agreement.edit.reload")}
            </a>
          </p>
        ) : null}
        <input type="hidden" name="version" value={a.version} />
        <div className="overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm">
            <thead className="bg-slate-50 text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("agreement.edit.field")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("agreement.edit.agreed")}
                </th>
                <th scope="col" className="px-3 py-2 text-left">
                  {t("agreement.edit.newValue")}
                </th>
                <th scope="col" className="px-3 py-2 text-right">
                  {t("agreement.edit.recommended")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100" data-testid="agreement-terms">
              {TERM_FIELDS.map((field) => (
                <TermRow
                  key={field}
                  field={field}
                  meta={fields[field] as FieldMetadata<number>}
                  agreed={field === "reviewPeriodDays" ? String(a[field]) : q(a[field], 4)}
                  recommended={
                    field === "minQty" && m
                      ? `${recommended.minQty} (${t("agreement.edit.safetyStockNote", { value: q(m.safetyStock, 0) })})`
                      : (recommended[field] ?? t("agreement.edit.noRecommendation"))
                  }
                />
              ))}
            </tbody>
          </table>
        </div>
        {belowSafetyStock ? (
          <p
            role="status"
            data-warning="minBelowSafetyStock"
            className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900"
          >
            {t("agreement.edit.minBelowSafetyStock", { min: q(newMin), safetyStock: q(m.safetyStock, 0) })}
          </p>
        ) : null}
        <div className="flex items-center gap-3">
          <Button type="submit" pending={pending}>
            {t("agreement.edit.save")}
          </Button>
          <Link to={agreementPath} className="text-sm text-slate-700 hover:underline">
            {t("agreement.edit.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
