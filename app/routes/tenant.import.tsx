import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ImportPreview } from "~/components/imports/import-preview";
import { requireMembership } from "~/services/auth/guards.server";
import { commitImportFor, discardImportFor, loadImportPageFor } from "~/services/imports/index.server";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound, notFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: `${d?.record.fileName ?? "Import"} · VMI Portal` }];

const IMPORTERS = ["admin", "buyer"] as const;
const ImportActionSchema = z.object({ intent: z.enum(["commit", "discard"]) });

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, IMPORTERS);
  const page = await loadImportPageFor(membership, args.params.importId ?? "");
  // Unknown, or another company's: the same 404.
  invariantFound(page);
  return { ...page, timezone: membership.tenant.timezone };
}

/** Confirm (write every row, in one transaction) or discard a previewed import. */
export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, IMPORTERS);
  const importId = args.params.importId ?? "";
  const submission = parseWithZod(await requireFormData(args.request), { schema: ImportActionSchema });
  // Only the page's two buttons post here: anything else is an address that does not exist.
  if (submission.status !== "success") throw notFound();
  const here = `/t/${membership.tenant.slug}/imports/${importId}`;
  try {
    if (submission.value.intent === "discard") {
      await discardImportFor(membership, importId);
      return redirectWithToast(args.request, `/t/${membership.tenant.slug}/imports`, { key: "imports.toast.discarded" });
    }
    const outcome = await commitImportFor(membership, importId);
    // Still being written (a large file), or refused meanwhile: the page shows which.
    if (!outcome) return redirect(here);
    return redirectWithToast(args.request, here, { key: "imports.toast.committed", params: { ...outcome.counts } });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

export default function ImportPage() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const page = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-6">
      <Link to={`/t/${tenant}/imports`} className="text-sm text-indigo-700 hover:underline">
        ← {t("imports.title")}
      </Link>
      <ImportPreview tenant={tenant} page={page} timezone={page.timezone} lastResult={lastResult} />
    </div>
  );
}
