import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18next.server";
import { requireMembership } from "~/services/auth/guards.server";
import { buildComplianceExport } from "~/services/compliance/export.server";
import { csvFileName, toCsv } from "~/utils/csv";
import { todayIn } from "~/utils/dates";
import { isAppError } from "~/utils/app-error";
import { errorResponse } from "~/utils/responses.server";
import { toXlsx, XLSX_TYPE } from "~/utils/xlsx";

/**
 * One compliance table as a file: `table` names it, `format` is csv (the default) or xlsx, the
 * period and the supplier come as on the page. Suppliers get only their own scorecard's tables;
 * anything else is a 404, like the pages.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const params = new URL(args.request.url).searchParams;
  const t = await getFixedT(args.request, membership.user.locale);
  let sheet;
  try {
    sheet = await buildComplianceExport(membership, params.get("table") ?? "", params, t);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const response = errorResponse(error, t);
    response.headers.set("Cache-Control", "no-store");
    return response;
  }
  const base = csvFileName(sheet.name, todayIn(membership.tenant.timezone)).replace(/\.csv$/, "");
  const headers = { "Cache-Control": "no-store" };
  if (params.get("format") === "xlsx") {
    return new Response(Buffer.from(toXlsx(t("compliance.export.sheet"), sheet.header, sheet.rows)), {
      headers: { ...headers, "Content-Type": XLSX_TYPE, "Content-Disposition": `attachment; filename="${base}.xlsx"` },
    });
  }
  return new Response(toCsv(sheet.header, sheet.rows), {
    headers: {
      ...headers,
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${base}.csv"`,
    },
  });
}
