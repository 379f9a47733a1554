import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { endAgreementFromForm, loadEndAgreementPage } from "~/services/agreements/lifecycle-page.server";
import { AGREEMENT_EDITORS, AgreementEndSchema } from "~/services/agreements/terms";
import { requireMembership } from "~/services/auth/guards.server";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.agreement.sku} · ${d.agreement.siteCode}` : "VMI Portal" },
];

/** The buyer's side only; suppliers, unknown ids and other tenants' agreements get the same 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  const agreement = await loadEndAgreementPage(membership, args.params.agreementId ?? "");
  invariantFound(agreement);
  return { agreement };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, AGREEMENT_EDITORS);
  const agreementId = args.params.agreementId ?? "";
  invariantFound(isUuid(agreementId));
  const form = await requireFormData(args.request);
  const submission = parseWithZod(form, { schema: AgreementEndSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const { path, toast } = await endAgreementFromForm(membership, agreementId, submission.value.version);
    return redirectWithToast(args.request, path, { key: toast });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function EndAgreement() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const { agreement: a } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: `end-${a.id}-v${a.version}`,
    lastResult,
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AgreementEndSchema }),
    shouldValidate: "onSubmit",
  });
  const agreementPath = `/t/${tenant}/inventory/${a.id}`;
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <Link to={agreementPath} className="text-sm text-indigo-700 hover:underline">
          ← {t("agreement.edit.back")}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("agreement.end.title", { sku: a.sku, site: a.siteCode })}</h1>
        <p className="mt-1 text-sm text-slate-600">
          {a.itemName} · {a.siteName} · {a.supplierName}
        </p>
      </div>
      {a.status === "ended" ? (
        <p role="status" className="rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
          {t("agreement.end.alreadyEnded")}
        </p>
      ) : (
        <Form method="post" {...getFormProps(form)} className="space-y-4 rounded-lg border border-red-200 bg-white p-4">
          <FormErrors id={form.errorId} errors={form.errors} />
          <ul className="list-disc space-y-1 pl-5 text-sm text-slate-700">
            <li>{t("agreement.end.leavesLists")}</li>
            <li>{t("agreement.end.noNewPlans")}</li>
            <li>{t("agreement.end.historyStays")}</li>
            <li>{t("agreement.end.final")}</li>
          </ul>
          <input type="hidden" name="version" value={a.version} />
          <CheckboxField
            label={t("agreement.end.confirm")}
            inputProps={getInputProps(fields.confirm, { type: "checkbox", ariaAttributes: false })}
            errors={fields.confirm.errors}
          />
          <div className="flex items-center gap-3">
            <Button type="submit" variant="danger" pending={pending}>
              {t("agreement.end.submit")}
            </Button>
            <Link to={agreementPath} className="text-sm text-slate-700 hover:underline">
              {t("agreement.edit.cancel")}
            </Link>
          </div>
        </Form>
      )}
    </div>
  );
}
