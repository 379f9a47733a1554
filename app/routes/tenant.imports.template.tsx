import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireMembership } from "~/services/auth/guards.server";
import { importTemplateFor } from "~/services/imports/index.server";
import { isAppError } from "~/utils/app-error";
import { notFound } from "~/utils/responses.server";

/**
 * An empty file of a kind to fill in (`?kind=items&format=csv|xlsx`), its headers in the user's
 * language. Administrators and buyers, for the kinds they may import; anything else is a 404.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin", "buyer"]);
  const url = new URL(args.request.url);
  let file: ReturnType<typeof importTemplateFor>;
  try {
    file = importTemplateFor(membership, url.searchParams.get("kind"), url.searchParams.get("format"));
  } catch (error) {
    rethrowAsNotFound(error);
  }
  return new Response(typeof file.body === "string" ? file.body : new Uint8Array(file.body), {
    headers: {
      "Cache-Control": "no-store",
      "Content-Type": file.contentType,
      "Content-Disposition": `attachment; filename="${file.name}"`,
    },
  });
}

/** A kind the member may not import, or a format there is none of: the 404 of an address that does not exist. */
function rethrowAsNotFound(error: unknown): never {
  if (isAppError(error, "not_found")) throw notFound();
  throw error;
}
