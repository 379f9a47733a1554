import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AdminFrame } from "~/components/admin/admin-frame";
import { CancelEdit, type CatalogActionData, CatalogForm, catalogReplyFor } from "~/components/admin/catalog-form";
import { SitesTable, useSiteFields } from "~/components/admin/sites-table";
import { CATALOG_FORM_RULES, SiteEditSchema, SiteSchema } from "~/services/admin/catalog-rules";
import { actOnSites, loadSitesPage, type SiteAction } from "~/services/admin/sites.server";
import { requireMembership } from "~/services/auth/guards.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, replyToError } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction = () => [{ title: "Sites · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const sites = await loadSitesPage(membership);
  // `?edit=<id>` shows that site's form in place of the new one's; an id not in the list, none.
  const editId = new URL(args.request.url).searchParams.get("edit");
  return { sites, editing: sites.find((s) => s.id === editId) ?? null };
}

const INTENTS = {
  create: { schema: SiteSchema, form: () => "create" },
  update: { schema: SiteEditSchema, form: (f: FormData) => `edit-${f.get("siteId")}` },
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (intent !== "create" && intent !== "update") throw badRequest();
  const { schema, form: formOf } = INTENTS[intent];
  const name = formOf(form);
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<SiteAction, "intent">> });
  if (submission.status !== "success") return data<CatalogActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    const { toast } = await actOnSites(membership, { ...submission.value, intent } as SiteAction);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/admin/sites`, { key: toast });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<CatalogActionData>({ form: name, reply }, { status });
  }
}

export default function AdminSites() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { sites, editing } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const fields = useSiteFields();
  return (
    <AdminFrame tenant={tenant} section="sites" heading={t("adminCatalog.sites.title")}>
      <div className="space-y-6">
        <section aria-labelledby="form-heading" className="rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="form-heading" className="mb-3 text-lg font-semibold">
            {editing ? t("adminCatalog.editing", { name: editing.name }) : t("adminCatalog.sites.create")}
          </h2>
          {editing ? (
            <CatalogForm
              key={editing.id}
              id={`edit-${editing.id}`}
              schema={CATALOG_FORM_RULES.siteEdit}
              fields={fields}
              hidden={{ siteId: editing.id }}
              defaultValue={{ code: editing.code, name: editing.name, gln: editing.gln ?? "", address: editing.address ?? "" }}
              intent="update"
              submitLabel={t("adminCatalog.save")}
              lastResult={catalogReplyFor(actionData, `edit-${editing.id}`)}
            >
              <CancelEdit to={`/t/${tenant}/admin/sites`} />
            </CatalogForm>
          ) : (
            <CatalogForm
              key="create"
              id="create"
              schema={CATALOG_FORM_RULES.site}
              fields={fields}
              intent="create"
              submitLabel={t("adminCatalog.sites.create")}
              lastResult={catalogReplyFor(actionData, "create")}
            />
          )}
        </section>
        <SitesTable sites={sites} />
      </div>
    </AdminFrame>
  );
}
