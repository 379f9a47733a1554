import type { Membership } from "~/services/auth/guards.server";
import { knownCurrencies, knownTimeZones } from "~/services/onboarding/company-rules";
import { getDb } from "~/utils/db.server";
import { getCompanySettings, saveCompanySettings } from "./settings.server";
import { settingsFormDefaults } from "./settings-rules";

/** The settings page of an administrator: the form's values as saved, and the lists its fields suggest. */
export async function loadSettingsPage(membership: Membership) {
  const view = await getCompanySettings(getDb(), membership.scope);
  return {
    defaults: settingsFormDefaults(view),
    currency: view.currency,
    currencies: knownCurrencies(),
    timeZones: knownTimeZones(),
  };
}

/**
 * Saves the page's form. @returns the toast for the page the action redirects to: saved (and
 * recomputed, or not when the recompute failed), or nothing changed.
 * @throws AppError invalid (by field), forbidden
 */
export async function saveSettingsPage(membership: Membership, values: unknown): Promise<{ toast: string }> {
  const { changed, recomputed } = await saveCompanySettings(getDb(), membership.scope, values);
  if (changed.length === 0) return { toast: "adminSettings.done.unchanged" };
  return { toast: recomputed ? "adminSettings.done.savedRecomputed" : "adminSettings.done.saved" };
}
