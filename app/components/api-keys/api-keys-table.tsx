import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/forms";
import { Button, buttonClass } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { ApiKeyRow } from "~/services/api/keys-page.server";
import { formatInstant } from "~/utils/format";
import { scopeTextKey } from "./api-key-create-form";

/** The company's keys, newest first: revoked and expired ones stay listed, marked. */
export function ApiKeysTable({ keys, timezone }: { keys: readonly ApiKeyRow[]; timezone: string }) {
  const { t, i18n } = useTranslation();
  if (keys.length === 0) return <p className="text-sm text-slate-600">{t("adminApiKeys.list.empty")}</p>;
  const when = (instant: Date | string | null) => formatInstant(i18n.language, timezone, instant);
  const headings = ["name", "prefix", "scopes", "createdBy", "createdAt", "expiresAt", "lastUsedAt", "status", "actions"];
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="api-keys">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            {headings.map((heading) => (
              <th key={heading} scope="col" className="px-3 py-2">
                {t(`adminApiKeys.list.${heading}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {keys.map((key) => (
            <tr key={key.id} data-api-key={key.prefix} className="align-top">
              <td className="px-3 py-2 font-medium">{key.name}</td>
              <td className="px-3 py-2 font-mono">{key.prefix}…</td>
              <td className="px-3 py-2">
                <ul>
                  {key.scopes.map((scope) => (
                    <li key={scope} title={t(scopeTextKey(scope))} className="font-mono text-xs">
                      {scope}
                    </li>
                  ))}
                </ul>
              </td>
              <td className="px-3 py-2">{key.createdByName ?? t("adminApiKeys.list.nobody")}</td>
              <td className="px-3 py-2 whitespace-nowrap">{when(key.createdAt)}</td>
              <td className="px-3 py-2 whitespace-nowrap">
                {key.expiresAt ? when(key.expiresAt) : t("adminApiKeys.list.noExpiry")}
              </td>
              <td className="px-3 py-2 whitespace-nowrap">
                {key.lastUsedAt ? when(key.lastUsedAt) : t("adminApiKeys.list.never")}
              </td>
              <td className="px-3 py-2">
                {key.state === "revoked"
                  ? t("adminApiKeys.list.revoked", { date: when(key.revokedAt) })
                  : t(`adminApiKeys.list.${key.state}`)}
              </td>
              <td className="px-3 py-2">
                {key.state === "revoked" ? null : (
                  <Link
                    to={`?revoke=${key.id}`}
                    className="text-sm font-medium text-red-700 hover:underline"
                    aria-label={t("adminApiKeys.list.revokeLabel", { name: key.name })}
                  >
                    {t("adminApiKeys.list.revoke")}
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The confirmation before a key is revoked: it names the key, and its form posts the key's id. */
export function RevokeApiKey({ apiKey, cancelTo, errors }: { apiKey: ApiKeyRow; cancelTo: string; errors?: string[] }) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "revoke" });
  return (
    <section aria-labelledby="revoke-heading" className="rounded-lg border border-red-200 bg-red-50 p-4">
      <h2 id="revoke-heading" className="text-lg font-semibold text-red-900">
        {t("adminApiKeys.revoke.heading", { name: apiKey.name })}
      </h2>
      <p className="mt-1 text-sm text-red-900">{t("adminApiKeys.revoke.body")}</p>
      <Form method="post" id="revoke" className="mt-3 flex flex-wrap items-center gap-3">
        <input type="hidden" name="keyId" value={apiKey.id} />
        <Button type="submit" name="intent" value="revoke" variant="danger" size="md" pending={pending}>
          {t("adminApiKeys.revoke.confirm")}
        </Button>
        <Link to={cancelTo} className={buttonClass("secondary", "md")}>
          {t("adminApiKeys.revoke.cancel")}
        </Link>
      </Form>
      <ErrorList errors={errors} />
    </section>
  );
}
