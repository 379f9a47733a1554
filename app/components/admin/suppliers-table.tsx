import { getFormProps, useForm } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { CatalogFormRules } from "~/services/admin/catalog-rules";
import type { SupplierRecord } from "~/services/admin/suppliers.server";
import { type CatalogActionData, type CatalogField, catalogReplyFor } from "./catalog-form";

const badge = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** The supplier form's fields, for adding and editing. */
export function useSupplierFields(rules: CatalogFormRules): CatalogField[] {
  const { t } = useTranslation();
  return [
    { name: "code", label: t("adminCatalog.suppliers.code"), kind: "text" },
    { name: "name", label: t("adminCatalog.suppliers.name"), kind: "text" },
    {
      name: "contactEmails",
      label: t("adminCatalog.suppliers.contactEmails"),
      kind: "textarea",
      hint: t("adminCatalog.suppliers.contactEmailsHint"),
    },
    {
      name: "locale",
      label: t("adminCatalog.suppliers.locale"),
      kind: "select",
      options: [
        { value: "", label: t("adminCatalog.suppliers.localeDefault") },
        ...rules.locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) })),
      ],
    },
  ];
}

function StatusForm({ supplier, actionData }: { supplier: SupplierRecord; actionData: CatalogActionData | undefined }) {
  const { t } = useTranslation();
  const key = `status-${supplier.id}`;
  const [form] = useForm({ id: key, lastResult: catalogReplyFor(actionData, key) });
  const pending = useIsPending({ intent: supplier.status === "active" ? "deactivate" : "reactivate" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-1">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="supplierId" value={supplier.id} />
      {supplier.status === "active" ? (
        <>
          <Button
            type="submit"
            name="intent"
            value="deactivate"
            variant="danger-outline"
            size="sm"
            pending={pending}
            aria-label={t("adminCatalog.suppliers.deactivateLabel", { name: supplier.name })}
          >
            {t("adminCatalog.suppliers.deactivate")}
          </Button>
          <p className="text-xs text-slate-500">{t("adminCatalog.suppliers.inactiveHint")}</p>
        </>
      ) : (
        <Button
          type="submit"
          name="intent"
          value="reactivate"
          variant="secondary"
          size="sm"
          pending={pending}
          aria-label={t("adminCatalog.suppliers.reactivateLabel", { name: supplier.name })}
        >
          {t("adminCatalog.suppliers.reactivate")}
        </Button>
      )}
    </Form>
  );
}

export function SuppliersTable({
  suppliers,
  actionData,
}: {
  suppliers: readonly SupplierRecord[];
  actionData: CatalogActionData | undefined;
}) {
  const { t } = useTranslation();
  if (suppliers.length === 0) return <p className="text-sm text-slate-600">{t("adminCatalog.suppliers.empty")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="suppliers">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.code")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.contactEmails")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.locale")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.status")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminCatalog.suppliers.actions")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {suppliers.map((s) => {
            return (
              <tr key={s.id} data-supplier={s.code} data-status={s.status} className="align-top">
                <td className="px-3 py-2 font-mono">{s.code}</td>
                <td className="px-3 py-2 font-medium">{s.name}</td>
                <td className="px-3 py-2">
                  {s.contactEmails.length ? (
                    <ul>
                      {s.contactEmails.map((email) => (
                        <li key={email}>{email}</li>
                      ))}
                    </ul>
                  ) : (
                    t("adminCatalog.none")
                  )}
                </td>
                <td className="px-3 py-2">{s.locale ? t(`language.${s.locale}`) : t("adminCatalog.suppliers.localeDefault")}</td>
                <td className="px-3 py-2">
                  <span
                    className={`${badge} ${s.status === "active" ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20" : "bg-slate-100 text-slate-700 ring-slate-500/20"}`}
                  >
                    {t(`adminCatalog.suppliers.${s.status}`)}
                  </span>
                </td>
                <td className="px-3 py-2">
                  <div className="space-y-2">
                    <Link
                      to={`?edit=${s.id}`}
                      className="text-sm font-medium text-indigo-700 hover:underline"
                      aria-label={t("adminCatalog.editLabel", { name: s.name })}
                    >
                      {t("adminCatalog.edit")}
                    </Link>
                    <StatusForm supplier={s} actionData={actionData} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
