import en from "./locales/en";
import zhCN from "./locales/zh-CN";

export const supportedLanguages = ["en", "zh-CN"] as const;
export type Language = (typeof supportedLanguages)[number];
export const fallbackLanguage: Language = "en";
/** The language picked on this browser, for visitors who are not signed in. */
export const LANGUAGE_COOKIE = "vmi_lng";

export const resources = { en: { common: en }, "zh-CN": { common: zhCN } } as const;

/** Shared by the server render and the browser, so both render the same text. */
export const i18nOptions = {
  supportedLngs: [...supportedLanguages],
  fallbackLng: fallbackLanguage,
  defaultNS: "common",
  ns: ["common"],
  resources,
  interpolation: { escapeValue: false },
  react: { useSuspense: false },
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === "string" && (supportedLanguages as readonly string[]).includes(value);
}
