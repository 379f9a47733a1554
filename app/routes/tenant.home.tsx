import { type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { requireMembership } from "~/services/auth/guards.server";
import { roleHome } from "~/utils/navigation";

/** /t/:tenant → the home of the signed-in role. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  throw redirect(`/t/${membership.tenant.slug}/${roleHome[membership.role]}`);
}
