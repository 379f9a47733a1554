import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18next.server";
import { parseAuditQuery } from "~/services/admin/audit-rules";
import { exportAuditTrailFor } from "~/services/admin/audit.server";
import { requireMembership } from "~/services/auth/guards.server";
import { csvFileName, toCsv } from "~/utils/csv";
import { todayIn } from "~/utils/dates";

/**
 * The audit trail as a CSV file, with the page's filters (a filter that is not valid is left out,
 * as on the page). Administrators only: anyone else gets a 404, like the page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const { query } = parseAuditQuery(new URL(args.request.url).searchParams);
  const t = await getFixedT(args.request, membership.user.locale);
  const sheet = await exportAuditTrailFor(membership, query, t);
  const name = csvFileName(`audit-${membership.tenant.slug}`, todayIn(membership.tenant.timezone));
  return new Response(toCsv(sheet.header, sheet.rows), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
    },
  });
}
