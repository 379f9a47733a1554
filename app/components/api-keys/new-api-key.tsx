import { useTranslation } from "react-i18next";
import type { ShownKey } from "~/services/api/keys-page.server";

/**
 * The key just made, shown once: read-only and selected on focus, so that it is copied whole.
 * The portal keeps only its fingerprint; leaving the page loses it.
 */
export function NewApiKey({ shown }: { shown: ShownKey }) {
  const { t } = useTranslation();
  return (
    <section
      aria-labelledby="new-key-heading"
      className="rounded-lg border border-amber-300 bg-amber-50 p-4"
      data-testid="new-api-key"
    >
      <h2 id="new-key-heading" className="text-lg font-semibold text-amber-900">
        {t("adminApiKeys.shown.heading")}
      </h2>
      <p className="mt-1 text-sm text-amber-900">{t("adminApiKeys.shown.body", { name: shown.name })}</p>
      <label htmlFor="new-api-key" className="mt-3 block text-sm font-medium text-slate-700">
        {t("adminApiKeys.shown.label")}
      </label>
      <input
        id="new-api-key"
        readOnly
        value={shown.key}
        onFocus={(event) => event.currentTarget.select()}
        spellCheck={false}
        autoComplete="off"
        aria-describedby="new-api-key-hint"
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 font-mono text-sm"
      />
      <p id="new-api-key-hint" className="mt-1 text-xs text-slate-600">
        {t("adminApiKeys.shown.copyHint")}
      </p>
    </section>
  );
}
