import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminFrame } from "~/components/admin/admin-frame";
import { SettingsForm } from "~/components/admin/settings-form";
import { loadSettingsPage, saveSettingsPage } from "~/services/admin/settings-page.server";
import { SETTINGS_FORM_RULES, SettingsFormSchema } from "~/services/admin/settings-rules";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Policy and settings · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  return loadSettingsPage(membership);
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const submission = parseWithZod(form, { schema: SettingsFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    // The form's values as sent: the service reads them by the same rules and then checks the
    // settings as a whole.
    const { toast } = await saveSettingsPage(membership, submission.payload);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/admin/settings`, { key: toast });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function AdminSettings() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { defaults, currency, currencies, timeZones } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <AdminFrame tenant={tenant} section="settings" heading={t("adminSettings.title")}>
      <p className="mb-4 max-w-3xl text-sm text-slate-600">{t("adminSettings.intro")}</p>
      <SettingsForm
        // A saved change reloads the form with the values as they now are.
        key={JSON.stringify(defaults)}
        rules={SETTINGS_FORM_RULES}
        defaults={defaults}
        lastResult={lastResult}
        currency={currency}
        currencies={currencies}
        timeZones={timeZones}
      />
    </AdminFrame>
  );
}
