import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { withUser } from "@db/scope";
import { LANGUAGE_COOKIE, supportedLanguages } from "~/i18n";
import { setLocale } from "~/models/users.server";
import { getUser } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { safeRedirect } from "~/utils/safe-redirect";

const LanguageChoice = z.object({ language: z.enum(supportedLanguages) });

export async function loader() {
  throw redirect("/");
}

/** Saves the language on the account (signed in) and on this browser (always). */
export async function action(args: ActionFunctionArgs) {
  const formData = await args.request.formData();
  const parsed = LanguageChoice.safeParse({ language: formData.get("language") });
  if (!parsed.success) throw new Response("Unknown language", { status: 400 });
  const user = await getUser(args);
  if (user) await withUser(getDb(), user.id, (tx) => setLocale(tx, user.id, parsed.data.language));
  const cookie = `${LANGUAGE_COOKIE}=${parsed.data.language}; Path=/; Max-Age=31536000; SameSite=Lax`;
  throw redirect(safeRedirect(formData.get("redirectTo")), { headers: { "Set-Cookie": cookie } });
}
