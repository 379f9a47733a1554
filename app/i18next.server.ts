import { createInstance, type i18n as I18n } from "i18next";
import { initReactI18next } from "react-i18next";
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
  const lng = await resolveLocale(request, userLocale);
  return (await serverI18n(lng)).getFixedT(lng);
}

const instances = new Map<Language, Promise<I18n>>();

/**
 * One i18next instance per language for the whole process: the texts are bundled and a rendering
 * never changes the language of its instance, so renders can share it (building an instance per
 * request was a measurable part of every page's time).
 */
export function serverI18n(lng: Language): Promise<I18n> {
  let instance = instances.get(lng);
  if (!instance) {
    const created = createInstance();
    instance = created
      .use(initReactI18next)
      .init({ ...i18nOptions, lng })
      .then(() => created);
    instances.set(lng, instance);
  }
  return instance;
}
