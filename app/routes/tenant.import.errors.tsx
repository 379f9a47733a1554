import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18next.server";
import { requireMembership } from "~/services/auth/guards.server";
import { importErrorReportFor } from "~/services/imports/index.server";
import { isAppError } from "~/utils/app-error";
import { csvFileName, toCsv } from "~/utils/csv";
import { todayIn } from "~/utils/dates";
import { notFound } from "~/utils/responses.server";

/** Every refused row of an import as a CSV file: row, column, value and reason, in the reader's language. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin", "buyer"]);
  const t = await getFixedT(args.request, membership.user.locale);
  const report = await importErrorReportFor(membership, args.params.importId ?? "", t).catch(rethrowAsNotFound);
  const name = csvFileName(`import-errors-${report.fileName.replace(/\.[^.]*$/, "")}`, todayIn(membership.tenant.timezone));
  return new Response(toCsv(report.header, report.rows), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}

/** A service's not_found is this page's 404 (another company's import reads as one that does not exist). */
function rethrowAsNotFound(error: unknown): never {
  if (isAppError(error, "not_found")) throw notFound();
  throw error;
}
