import type { LoaderFunctionArgs } from "@remix-run/node";
import { getFixedT } from "~/i18next.server";
import { requireMembership } from "~/services/auth/guards.server";
import { buildInventoryExport } from "~/services/inventory/inventory-export.server";
import { parseInventoryQuery } from "~/services/inventory/inventory-query";
import { toCsv } from "~/utils/csv";

/**
 * Every row of the inventory view the URL describes (same filters, same sort, same scope), as CSV
 * in the user's language.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const { query, errors } = parseInventoryQuery(new URL(args.request.url).searchParams);
  const t = await getFixedT(args.request, membership.user.locale);
  if (errors.q) {
    return new Response(t(errors.q.key, errors.q.values), {
      status: 400,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const file = await buildInventoryExport(membership, query, t);
  return new Response(toCsv(file.header, file.rows), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.fileName}"`,
      "Cache-Control": "no-store",
    },
  });
}
