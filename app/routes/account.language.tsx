import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, redirect } from "@remix-run/node";
import { z } from "zod";
import { LANGUAGE_COOKIE, supportedLanguages } from "~/i18n";
import { saveLanguage } from "~/services/auth/account.server";
import { getUser } from "~/services/auth/guards.server";
import { safeRedirect } from "~/utils/safe-redirect";
import { badRequest } from "~/utils/responses.server";

/** The language picker's form (app/components/language-picker.tsx). */
const LanguageChoice = z.object({ language: z.enum(supportedLanguages), redirectTo: z.string().optional() });

export async function loader() {
  throw redirect("/");
}

/** Saves the language on the account (signed in) and on this browser (always). */
export async function action(args: ActionFunctionArgs) {
  const submission = parseWithZod(await args.request.formData(), { schema: LanguageChoice });
  // The picker offers the supported languages only: anything else is not our form.
  if (submission.status !== "success") throw badRequest("Unknown language");
  const { language, redirectTo } = submission.value;
  const user = await getUser(args);
  if (user) await saveLanguage(user.id, language);
  const cookie = `${LANGUAGE_COOKIE}=${language}; Path=/; Max-Age=31536000; SameSite=Lax`;
  throw redirect(safeRedirect(redirectTo), { headers: { "Set-Cookie": cookie } });
}
