import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ImportHistory } from "~/components/imports/import-history";
import { ImportUploadForm } from "~/components/imports/import-upload-form";
import { requireMembership } from "~/services/auth/guards.server";
import { loadImportsPageFor, uploadImportFor } from "~/services/imports/index.server";
import { importUploadSchema } from "~/services/imports/upload-rules";
import { formErrorData } from "~/utils/responses.server";

export const meta: MetaFunction = () => [{ title: "Imports · VMI Portal" }];

const IMPORTERS = ["admin", "buyer"] as const;

/** Administrators and buyers: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, IMPORTERS);
  return { ...(await loadImportsPageFor(membership)), timezone: membership.tenant.timezone };
}

/** The upload: streamed to disk, checked, and shown as a preview; nothing is written yet. */
export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, IMPORTERS);
  try {
    const importId = await uploadImportFor(membership, args.request);
    return redirect(`/t/${membership.tenant.slug}/imports/${importId}`);
  } catch (error) {
    // The body was a stream the service read: the refusal is answered under the form's own names.
    return formErrorData(error, parseWithZod(new FormData(), { schema: z.object({}) }));
  }
}

export default function Imports() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const { kinds, columns, history, timezone, maxBytes } = useLoaderData<typeof loader>();
  const schema = useMemo(() => importUploadSchema(maxBytes), [maxBytes]);
  const lastResult = useActionData<typeof action>();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">{t("imports.title")}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("imports.intro")}</p>
      </div>
      <ImportUploadForm schema={schema} tenant={tenant} kinds={kinds} columns={columns} lastResult={lastResult} />
      <ImportHistory tenant={tenant} rows={history} timezone={timezone} />
    </div>
  );
}
