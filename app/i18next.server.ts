import { RemixI18Next } from "remix-i18next/server";
import { readCookie } from "~/services/auth/cookie.server";
import { fallbackLanguage, i18nOptions, isLanguage, LANGUAGE_COOKIE, type Language, supportedLanguages } from "./i18n";

/** Reads the browser's Accept-Language; the saved choice and the cookie come first (root loader). */
export const i18nextServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    order: ["header"],
  },
  i18next: i18nOptions,
});

/** The language of a response: the user's saved choice, else this browser's pick, else Accept-Language. */
export async function resolveLocale(request: Request, userLocale: string | null | undefined): Promise<Language> {
  if (isLanguage(userLocale)) return userLocale;
  const cookieLanguage = readCookie(request, LANGUAGE_COOKIE);
  if (isLanguage(cookieLanguage)) return cookieLanguage;
  const detected = await i18nextServer.getLocale(request);
  return isLanguage(detected) ? detected : fallbackLanguage;
}

/** A translation function for server-made files (CSV exports) in the request's language. */
export async function getFixedT(request: Request, userLocale: string | null | undefined) {
  return i18nextServer.getFixedT(await resolveLocale(request, userLocale));
}
