import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AdminFrame } from "~/components/admin/admin-frame";
import { CancelEdit, type CatalogActionData, CatalogForm, catalogReplyFor } from "~/components/admin/catalog-form";
import { ItemsPager, ItemsSearch, ItemsTable, useItemFields } from "~/components/admin/items-table";
import { CATALOG_FORM_RULES, ItemEditSchema, ItemSchema } from "~/services/admin/catalog-rules";
import { actOnItems, type ItemAction, loadItemsPage, parseItemsQuery } from "~/services/admin/items.server";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Items · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const { query, searchError } = parseItemsQuery(new URL(args.request.url).searchParams);
  // `?edit=<id>` shows that item's form in place of the new one's; an id not the tenant's, none.
  const editId = new URL(args.request.url).searchParams.get("edit");
  const page = await loadItemsPage(membership, searchError ? { after: query.after } : query, editId);
  return data({ ...page, query, searchError, currency: membership.tenant.currency }, { status: searchError ? 400 : 200 });
}

const INTENTS = {
  create: { schema: ItemSchema, form: () => "create" },
  update: { schema: ItemEditSchema, form: (f: FormData) => `edit-${f.get("itemId")}` },
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "create" && intent !== "update") throw badRequest();
  const { schema, form: formOf } = INTENTS[intent];
  const name = formOf(form);
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<ItemAction, "intent">> });
  if (submission.status !== "success") return data<CatalogActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    const { toast } = await actOnItems(membership, { ...submission.value, intent } as ItemAction);
    // Back to the list as it was (search and page kept), without the edit form.
    const url = new URL(args.request.url);
    url.searchParams.delete("edit");
    return redirectWithToast(args.request, `${url.pathname}${url.search}`, { key: toast });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<CatalogActionData>({ form: name, reply }, { status });
  }
}

export default function AdminItems() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { items, total, nextAfter, query, searchError, currency, editing } = useLoaderData<typeof loader>();
  const listSearch = (extra: Record<string, string> = {}) => {
    const params = new URLSearchParams({
      ...(query.q ? { q: query.q } : {}),
      ...(query.after ? { after: query.after } : {}),
      ...extra,
    });
    return `?${params.toString()}`;
  };
  const actionData = useActionData<typeof action>();
  const fields = useItemFields();
  return (
    <AdminFrame tenant={tenant} section="items" heading={t("adminCatalog.items.title")}>
      <div className="space-y-6">
        <section aria-labelledby="form-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="form-heading" className="mb-3 text-lg font-semibold">
            {editing ? t("adminCatalog.editing", { name: editing.sku }) : t("adminCatalog.items.create")}
          </h2>
          {editing ? (
            <CatalogForm
              key={editing.id}
              id={`edit-${editing.id}`}
              schema={CATALOG_FORM_RULES.itemEdit}
              fields={fields}
              hidden={{ itemId: editing.id }}
              defaultValue={{
                sku: editing.sku,
                name: editing.name,
                uom: editing.uom,
                unitCost: String(editing.unitCost),
                category: editing.category ?? "",
                gtin: editing.gtin ?? "",
                supplierPartNumber: editing.supplierPartNumber ?? "",
              }}
              intent="update"
              submitLabel={t("adminCatalog.save")}
              lastResult={catalogReplyFor(actionData, `edit-${editing.id}`)}
            >
              <CancelEdit to={`/t/${tenant}/admin/items${listSearch()}`} />
            </CatalogForm>
          ) : (
            <CatalogForm
              key="create"
              id="create"
              schema={CATALOG_FORM_RULES.item}
              fields={fields}
              defaultValue={{ uom: "EA" }}
              intent="create"
              submitLabel={t("adminCatalog.items.create")}
              lastResult={catalogReplyFor(actionData, "create")}
            />
          )}
        </section>
        <section className="space-y-3">
          <ItemsSearch q={query.q} searchError={searchError} clearTo={`/t/${tenant}/admin/items`} />
          <ItemsTable items={items} currency={currency} editHref={(id) => listSearch({ edit: id })} />
          <ItemsPager total={total} q={query.q} after={query.after} nextAfter={nextAfter} />
        </section>
      </div>
    </AdminFrame>
  );
}
