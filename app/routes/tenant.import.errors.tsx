import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18next.server";
import { requireMembership } from "~/services/auth/guards.server";
import { importErrorReportFor } from "~/services/imports/index.server";
import { csvFileName, toCsv } from "~/utils/csv";
import { todayIn } from "~/utils/dates";
import { invariantFound } from "~/utils/responses.server";

/** Every refused row of an import as a CSV file: row, column, value and reason, in the reader's language. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin", "buyer"]);
  const t = await getFixedT(args.request, membership.user.locale);
  const report = await importErrorReportFor(membership, args.params.importId ?? "", t);
  invariantFound(report);
  const name = csvFileName(`import-errors-${report.fileName.replace(/\.[^.]*$/, "")}`, todayIn(membership.tenant.timezone));
  return new Response(toCsv(report.header, report.rows), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
