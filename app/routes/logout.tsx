import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { signOut } from "~/services/auth/account.server";
import { clearedSessionCookie } from "~/services/auth/cookie.server";
import { getSession } from "~/services/auth/guards.server";

export async function loader() {
  throw redirect("/");
}

/** Sign-out deletes the session row, so the old cookie is worthless even if it was copied. */
export async function action(args: ActionFunctionArgs) {
  const session = await getSession(args);
  if (session) await signOut(session.user.id, session.sessionId);
  // Drop a renewal cookie the lookup may have queued: this response clears the cookie.
  args.context.state.cookies.length = 0;
  args.context.state.signedIn = false;
  throw redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(args.request) } });
}
