import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AdminFrame } from "~/components/admin/admin-frame";
import { CancelEdit, type CatalogActionData, CatalogForm, catalogReplyFor } from "~/components/admin/catalog-form";
import { SuppliersTable, useSupplierFields } from "~/components/admin/suppliers-table";
import { CATALOG_FORM_RULES, SupplierEditSchema, SupplierSchema, SupplierStatusSchema } from "~/services/admin/catalog-rules";
import { actOnSuppliers, loadSuppliersPage, type SupplierAction } from "~/services/admin/suppliers.server";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Suppliers · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const suppliers = await loadSuppliersPage(membership);
  // `?edit=<id>` shows that supplier's form in place of the new one's; an id not in the list, none.
  const editId = new URL(args.request.url).searchParams.get("edit");
  return { suppliers, editing: suppliers.find((s) => s.id === editId) ?? null };
}

const INTENTS = {
  create: { schema: SupplierSchema, form: () => "create" },
  update: { schema: SupplierEditSchema, form: (f: FormData) => `edit-${f.get("supplierId")}` },
  deactivate: { schema: SupplierStatusSchema, form: (f: FormData) => `status-${f.get("supplierId")}` },
  reactivate: { schema: SupplierStatusSchema, form: (f: FormData) => `status-${f.get("supplierId")}` },
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "create" && intent !== "update" && intent !== "deactivate" && intent !== "reactivate") throw badRequest();
  const { schema, form: formOf } = INTENTS[intent];
  const name = formOf(form);
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<SupplierAction, "intent">> });
  if (submission.status !== "success") return data<CatalogActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    const { toast } = await actOnSuppliers(membership, { ...submission.value, intent } as SupplierAction);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/admin/suppliers`, { key: toast });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<CatalogActionData>({ form: name, reply }, { status });
  }
}

export default function AdminSuppliers() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { suppliers, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = useSupplierFields(CATALOG_FORM_RULES);
  return (
    <AdminFrame tenant={tenant} section="suppliers" heading={t("adminCatalog.suppliers.title")}>
      <div className="space-y-6">
        <section aria-labelledby="form-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="form-heading" className="mb-3 text-lg font-semibold">
            {editing ? t("adminCatalog.editing", { name: editing.name }) : t("adminCatalog.suppliers.create")}
          </h2>
          {editing ? (
            <CatalogForm
              key={editing.id}
              id={`edit-${editing.id}`}
              schema={CATALOG_FORM_RULES.supplierEdit}
              fields={fields}
              hidden={{ supplierId: editing.id }}
              defaultValue={{
                code: editing.code,
                name: editing.name,
                contactEmails: editing.contactEmails.join("\n"),
                locale: editing.locale ?? "",
              }}
              intent="update"
              submitLabel={t("adminCatalog.save")}
              lastResult={catalogReplyFor(actionData, `edit-${editing.id}`)}
            >
              <CancelEdit to={`/t/${tenant}/admin/suppliers`} />
            </CatalogForm>
          ) : (
            <CatalogForm
              key="create"
              id="create"
              schema={CATALOG_FORM_RULES.supplier}
              fields={fields}
              intent="create"
              submitLabel={t("adminCatalog.suppliers.create")}
              lastResult={catalogReplyFor(actionData, "create")}
            />
          )}
        </section>
        <SuppliersTable suppliers={suppliers} actionData={actionData} />
      </div>
    </AdminFrame>
  );
}
