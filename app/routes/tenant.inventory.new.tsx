import { getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { createAgreementFromForm, loadNewAgreementPage } from "~/services/agreements/lifecycle-page.server";
import { AGREEMENT_EDITORS, AgreementCreateSchema, SKU_MAX, TERM_FIELDS } from "~/services/agreements/terms";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "New agreement · VMI Portal" }];

/** The buyer's side only: suppliers get the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  return loadNewAgreementPage(membership);
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  const form = await requireFormData(args.request);
  const submission = parseWithZod(form, { schema: AgreementCreateSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { path, toast } = await createAgreementFromForm(membership, submission.payload);
    return redirectWithToast(args.request, path, { key: toast });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

/** What a new agreement's terms start from: the schema's usual values where there is one. */
const DEFAULT_TERMS: Record<string, string> = { leadTimeSdDays: "0", moq: "0", packSize: "1", reviewPeriodDays: "7" };

export default function NewAgreement() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { suppliers, sites, items } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: "new-agreement",
    lastResult,
    constraint: getZodConstraint(AgreementCreateSchema),
    defaultValue: DEFAULT_TERMS,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgreementCreateSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const inventory = `/t/${tenant}/inventory`;
  const choose = (label: string, list: readonly { id: string; code: string; name: string }[]) => [
    { value: "", label },
    ...list.map((c) => ({ value: c.id, label: `${c.name} (${c.code})` })),
  ];
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <Link to={inventory} className="text-sm text-indigo-700 hover:underline">
          ← {t("agreement.create.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("agreement.create.title")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("agreement.create.intro")}</p>
      </div>
      <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
        <FormErrors id={form.errorId} errors={form.errors} />
        <div className="grid gap-4 sm:grid-cols-2">
          <SelectField
            label={t("agreement.create.supplier")}
            hint={t("agreement.create.supplierHint")}
            selectProps={getSelectProps(fields.supplierId, { ariaAttributes: false })}
            options={choose(t("agreement.create.chooseSupplier"), suppliers)}
            errors={fields.supplierId.errors}
          />
          <SelectField
            label={t("agreement.create.site")}
            selectProps={getSelectProps(fields.locationId, { ariaAttributes: false })}
            options={choose(t("agreement.create.chooseSite"), sites)}
            errors={fields.locationId.errors}
          />
          <Field
            label={t("agreement.create.sku")}
            hint={t("agreement.create.skuHint")}
            inputProps={{
              ...getInputProps(fields.sku, { type: "text", ariaAttributes: false }),
              list: "agreement-items",
              maxLength: SKU_MAX,
              autoComplete: "off",
            }}
            errors={fields.sku.errors}
          />
          <datalist id="agreement-items">
            {items.map((i) => (
              <option key={i.id} value={i.code}>
                {i.name}
              </option>
            ))}
          </datalist>
        </div>
        <fieldset>
          <legend className="text-sm font-semibold">{t("agreement.create.terms")}</legend>
          <div className="mt-2 grid gap-4 sm:grid-cols-2">
            {TERM_FIELDS.map((name) => (
              <Field
                key={name}
                label={t(`agreement.edit.${name}`)}
                inputProps={{
                  ...getInputProps(fields[name], { type: "text", ariaAttributes: false }),
                  inputMode: name === "reviewPeriodDays" ? "numeric" : "decimal",
                }}
                errors={fields[name].errors}
              />
            ))}
          </div>
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" pending={pending}>
            {t("agreement.create.submit")}
          </Button>
          <Link to={inventory} className="text-sm text-slate-700 hover:underline">
            {t("agreement.edit.cancel")}
          </Link>
        </div>
      </Form>
    </div>
  );
}
