import { RemixI18Next } from "remix-i18next/server";
import { fallbackLanguage, i18nOptions, supportedLanguages } from "./i18n";

/** Reads the browser's Accept-Language; the saved choice and the cookie come first (root loader). */
export const i18nextServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLanguages],
    fallbackLanguage,
    order: ["header"],
  },
  i18next: i18nOptions,
});
