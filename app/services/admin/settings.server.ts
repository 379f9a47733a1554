import type { Database } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { type CompanyRecord, getCompany, lockCompany, updateCompany } from "~/models/company-settings.server";
import { parseTenantSettings, tenantSettingsSchema, type TenantSettings } from "~/models/tenant-settings.server";
import { recomputeTenant } from "~/services/metrics/recompute.server";
import { AppError, type Message } from "~/utils/app-error";
import { getLogger } from "~/utils/logger.server";
import { CELLS, DEFAULT_CELLS, SettingsFormSchema, type SettingsFormValues } from "./settings-rules";

/**
 * The company's policy and settings (the administrators' settings page): its name, currency, time
 * zone and default language, and the planning policy of tenants.settings. A save is checked field
 * by field (settings-rules), then as a whole by tenantSettingsSchema — the schema every service
 * reads the settings with — so that nothing is stored that a later read would refuse. It writes
 * the changed values with one audit row (before and after, changed fields only) in one
 * transaction, and then, when an input of the planning figures changed, recomputes the company's
 * metrics in a transaction of its own (see docs/decisions/024).
 */

export const SETTINGS_AUDIT_ACTION = "tenant.settings.update";
export const SETTINGS_ENTITY = "tenant";

/** What the page shows: the effective values, defaults filled in. */
export interface CompanySettingsView {
  companyName: string;
  currency: string;
  timezone: string;
  defaultLocale: string;
  settings: TenantSettings;
}

export interface SaveSettingsResult {
  /** The form's field names whose values changed; empty when the save changed nothing. */
  changed: string[];
  /** Whether the planning figures were recomputed with the new settings. */
  recomputed: boolean;
}

export interface SaveSettingsOptions {
  /** The recompute's clock (tests). */
  now?: Date;
}

function requireAdmin(scope: TenantScope) {
  if (scope.role !== "admin" || scope.supplierId !== null) throw AppError.forbidden(SETTINGS_AUDIT_ACTION);
}

/** The company's settings as the page shows them. @throws AppError forbidden, not_found */
export async function getCompanySettings(db: Database, scope: TenantScope): Promise<CompanySettingsView> {
  requireAdmin(scope);
  const company = await withTenant(db, scope, (tx) => getCompany(tx, scope));
  if (!company) throw AppError.notFound();
  return viewOf(company);
}

function viewOf(company: CompanyRecord): CompanySettingsView {
  return {
    companyName: company.name,
    currency: company.currency,
    timezone: company.timezone,
    defaultLocale: company.defaultLocale,
    settings: parseTenantSettings(company.settings),
  };
}

/**
 * Saves the settings form (its values as the form sends them: text, or numbers from a caller).
 *
 * @throws AppError forbidden for anyone but an administrator of the buyer's side; invalid, with
 *   messages under the form's field names (`abcCutoffs.b`, `cells.AX.serviceLevel`), when a value
 *   or the settings as a whole break a rule (nothing is written)
 */
export async function saveCompanySettings(
  db: Database,
  scope: TenantScope,
  input: unknown,
  options: SaveSettingsOptions = {},
): Promise<SaveSettingsResult> {
  requireAdmin(scope);
  const parsed = SettingsFormSchema.safeParse(input);
  if (!parsed.success) throw invalid(parsed.error.issues);
  const form = parsed.data;

  const changed = await withTenant(db, scope, async (tx) => {
    const company = await lockCompany(tx, scope);
    if (!company) throw AppError.notFound();
    const next = nextCompany(company, form);
    const before = flatten(viewOf(company));
    const after = flatten(viewOf(next));
    const keys = Object.keys(after).filter((name) => !sameValue(before[name], after[name]));
    if (keys.length === 0) return keys;
    if (!(await updateCompany(tx, scope, next))) throw AppError.forbidden(SETTINGS_AUDIT_ACTION);
    await recordAudit(tx, {
      tenantId: scope.tenantId,
      actorUserId: scope.userId,
      action: SETTINGS_AUDIT_ACTION,
      entityType: SETTINGS_ENTITY,
      entityId: scope.tenantId,
      before: pick(before, keys),
      after: pick(after, keys),
    });
    return keys;
  });

  // After the commit, in a transaction of its own: a recompute reads every fact of the company
  // and may take seconds, which the settings' row lock must not wait for; it takes the company's
  // metrics lock, so it never runs beside the scheduler's.
  let recomputed = false;
  if (changed.some(feedsPlanningFigures)) {
    try {
      await recomputeTenant(db, scope.tenantId, { now: options.now, trigger: "on-demand", actorUserId: scope.userId });
      recomputed = true;
    } catch (error) {
      getLogger().error({ tenantId: scope.tenantId, err: String(error) }, "recompute after a settings change failed");
    }
  }
  return { changed, recomputed };
}

/**
 * The company with the form's values. Settings the form does not show (order cost, horizon,
 * history, a cell's review mode) are kept as stored; a cell stores only what differs from the
 * defaults, so that a cell left at its defaults follows them.
 */
function nextCompany(company: CompanyRecord, form: SettingsFormValues): CompanyRecord {
  const stored = isRecord(company.settings) ? company.settings : {};
  const storedCells = isRecord(stored.cells) ? stored.cells : {};
  const cells: Record<string, Record<string, unknown>> = {};
  for (const cell of CELLS) {
    const kept = isRecord(storedCells[cell]) && "review" in storedCells[cell] ? { review: storedCells[cell].review } : {};
    const override: Record<string, unknown> = { ...kept };
    for (const field of ["serviceLevel", "strategy", "approval"] as const) {
      if (form.cells[cell][field] !== DEFAULT_CELLS[cell][field]) override[field] = form.cells[cell][field];
    }
    if (Object.keys(override).length > 0) cells[cell] = override;
  }
  const settings = {
    ...stored,
    abcCutoffs: form.abcCutoffs,
    xyzCutoffs: form.xyzCutoffs,
    cells,
    approval: form.approval,
    holdingRate: form.holdingRate,
    maxCoverDays: form.maxCoverDays,
    bandDriftThreshold: form.bandDriftThreshold,
    deadStockDays: form.deadStockDays,
    shipping: form.shipping,
  };
  const checked = tenantSettingsSchema.safeParse(settings);
  if (!checked.success) throw invalid(checked.error.issues);
  return {
    name: form.companyName,
    currency: form.currency,
    timezone: form.timezone,
    defaultLocale: form.defaultLocale,
    settings,
  };
}

/**
 * The inputs of the stored metrics (docs/decisions/007): the classes, the service levels, the
 * holding cost, the cover limits of the recommended bands and the clock.
 */
function feedsPlanningFigures(name: string): boolean {
  return (
    name === "timezone" ||
    name === "holdingRate" ||
    name.startsWith("maxCoverDays.") ||
    name.startsWith("abcCutoffs.") ||
    name.startsWith("xyzCutoffs.") ||
    /^cells\.[A-C][X-Z]\.serviceLevel$/.test(name)
  );
}

type Flat = Record<string, string | number | null>;

/** The view as the form's field names and their values. */
function flatten(view: CompanySettingsView): Flat {
  const s = view.settings;
  const flat: Flat = {
    companyName: view.companyName,
    currency: view.currency,
    timezone: view.timezone,
    defaultLocale: view.defaultLocale,
    "abcCutoffs.a": s.abcCutoffs.a,
    "abcCutoffs.b": s.abcCutoffs.b,
    "xyzCutoffs.x": s.xyzCutoffs.x,
    "xyzCutoffs.y": s.xyzCutoffs.y,
  };
  for (const cell of CELLS) {
    const effective = { ...DEFAULT_CELLS[cell], ...s.cells[cell] };
    flat[`cells.${cell}.serviceLevel`] = effective.serviceLevel;
    flat[`cells.${cell}.strategy`] = effective.strategy;
    flat[`cells.${cell}.approval`] = effective.approval;
  }
  Object.assign(flat, {
    "approval.managerThreshold": s.approval.managerThreshold,
    "approval.autoApproveThreshold": s.approval.autoApproveThreshold,
    holdingRate: s.holdingRate,
    "maxCoverDays.A": s.maxCoverDays.A,
    "maxCoverDays.B": s.maxCoverDays.B,
    "maxCoverDays.C": s.maxCoverDays.C,
    bandDriftThreshold: s.bandDriftThreshold,
    deadStockDays: s.deadStockDays,
    "shipping.overShipTolerance": s.shipping.overShipTolerance,
    "shipping.onTimeToleranceDays": s.shipping.onTimeToleranceDays,
  });
  return flat;
}

const sameValue = (a: unknown, b: unknown) => a === b;
const pick = (flat: Flat, keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, flat[k]]));
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** Zod's issues under the form's field names; a message that is not one of ours reads as a generic one. */
function invalid(issues: readonly { path: readonly PropertyKey[]; message: string }[]): AppError {
  const fieldErrors: Record<string, Message[]> = {};
  const formErrors: Message[] = [];
  for (const issue of issues) {
    const message = { key: issue.message.startsWith("adminSettings.") ? issue.message : "adminSettings.errors.invalid" };
    const field = issue.path.map(String).join(".");
    if (field) (fieldErrors[field] ??= []).push(message);
    else formErrors.push(message);
  }
  return AppError.invalid({ fieldErrors, formErrors });
}
