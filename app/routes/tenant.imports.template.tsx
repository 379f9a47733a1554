import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/services/auth/guards.server";
import { importTemplateFor } from "~/services/imports/index.server";
import { invariantFound } from "~/utils/responses.server";

/**
 * An empty file of a kind to fill in (`?kind=items&format=csv|xlsx`), its headers in the user's
 * language. Administrators and buyers, for the kinds they may import; anything else is a 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin", "buyer"]);
  const url = new URL(args.request.url);
  const file = importTemplateFor(membership, url.searchParams.get("kind"), url.searchParams.get("format"));
  invariantFound(file);
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.name}"`,
    },
  });
}
