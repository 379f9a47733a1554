import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/services/auth/guards.server";
import { importAck997For } from "~/services/imports/index.server";
import { invariantFound } from "~/utils/responses.server";

/** The 997 functional acknowledgment of an EDI import, for the buyer's gateway. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin", "buyer"]);
  const ack = await importAck997For(membership, args.params.importId ?? "");
  invariantFound(ack);
  return new Response(ack.text, {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": "application/edi-x12; charset=utf-8",
      "Content-Disposition": `attachment; filename="${ack.name}"`,
    },
  });
}
