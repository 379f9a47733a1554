import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import type { SubmissionResult } from "@conform-to/react";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminFrame } from "~/components/admin/admin-frame";
import { ApiKeyCreateForm } from "~/components/api-keys/api-key-create-form";
import { ApiKeysTable, RevokeApiKey } from "~/components/api-keys/api-keys-table";
import { NewApiKey } from "~/components/api-keys/new-api-key";
import { API_KEY_FORM_RULES, ApiKeyCreateSchema, ApiKeyRevokeSchema } from "~/services/api/key-rules";
import { actOnApiKeys, type ApiKeyAction, loadApiKeysPage } from "~/services/api/keys-page.server";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "API keys · VMI Portal" }];

/**
 * Administrators only: anyone else gets the 404 of an address that does not exist. A key made by
 * the last action is shown once (see keys-page.server); `?revoke=<id>` asks to confirm revoking
 * that key.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const { clearCookie, ...page } = await loadApiKeysPage(membership, args.request);
  if (clearCookie) args.context.state.cookies.push(clearCookie);
  const revokeId = new URL(args.request.url).searchParams.get("revoke");
  const revoking = page.keys.find((k) => k.id === revokeId && k.state !== "revoked") ?? null;
  return { ...page, revoking };
}

const SCHEMAS = { create: ApiKeyCreateSchema, revoke: ApiKeyRevokeSchema } as const;

interface ApiKeysActionData {
  form: "create" | "revoke";
  reply: SubmissionResult<string[]>;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "create" && intent !== "revoke") throw badRequest();
  const submission = parseWithZod(form, { schema: SCHEMAS[intent] });
  if (submission.status !== "success") {
    return data<ApiKeysActionData>({ form: intent, reply: submission.reply() }, { status: 400 });
  }
  try {
    const done = await actOnApiKeys(membership, args.request, { ...submission.value, intent } as ApiKeyAction);
    const headers = done.setCookie ? { "Set-Cookie": done.setCookie } : undefined;
    return redirectWithToast(
      args.request,
      `/t/${membership.tenant.slug}/admin/api-keys`,
      { key: done.toast, params: done.params },
      { headers },
    );
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<ApiKeysActionData>({ form: intent, reply }, { status });
  }
}

export default function AdminApiKeys() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { keys, shown, timezone, revoking } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const replyOf = (name: ApiKeysActionData["form"]) => (actionData?.form === name ? actionData.reply : undefined);
  return (
    <AdminFrame tenant={tenant} section="api-keys" heading={t("adminApiKeys.title")}>
      <div className="space-y-6">
        <p className="max-w-3xl text-sm text-slate-600">{t("adminApiKeys.intro")}</p>
        {shown ? <NewApiKey shown={shown} /> : null}
        {revoking ? (
          <RevokeApiKey
            apiKey={revoking}
            cancelTo={`/t/${tenant}/admin/api-keys`}
            errors={replyOf("revoke")?.error?.[""] ?? undefined}
          />
        ) : null}
        <section aria-labelledby="create-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="create-heading" className="mb-3 text-lg font-semibold">
            {t("adminApiKeys.create.heading")}
          </h2>
          {/* A new key empties the form: its own key remounts it. */}
          <ApiKeyCreateForm key={shown?.id ?? "create"} rules={API_KEY_FORM_RULES} lastResult={replyOf("create")} />
        </section>
        <section aria-labelledby="list-heading" className="space-y-2">
          <h2 id="list-heading" className="text-lg font-semibold">
            {t("adminApiKeys.list.heading")}
          </h2>
          <ApiKeysTable keys={keys} timezone={timezone} />
        </section>
      </div>
    </AdminFrame>
  );
}
