import { z } from "zod";
import { DEFAULT_ABC_CUTOFFS, DEFAULT_XYZ_CUTOFFS } from "~/core";

const cells = ["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"] as const;
const probability = z.number().gt(0).lt(1);

/** Days of cover a recommended max may reach by ABC class (docs/domain.md). */
export const DEFAULT_MAX_COVER_DAYS = Object.freeze({ A: 30, B: 60, C: 120 });

const cellPolicy = z
  .object({
    serviceLevel: probability.nullable(),
    strategy: z.enum(["continuous-tight", "continuous", "make-to-order", "automated", "periodic", "two-bin", "order-on-demand"]),
    review: z.enum(["continuous", "periodic"]),
    approval: z.enum(["buyer-then-manager", "buyer", "auto-if-in-band"]),
  })
  .partial()
  .strict();

/**
 * The tenant's settings (tenants.settings, jsonb), validated on read: missing fields take the
 * defaults of docs/domain.md, unknown fields are refused so that a typo never passes for a setting.
 */
export const tenantSettingsSchema = z
  .object({
    abcCutoffs: z
      .object({ a: probability, b: probability })
      .refine((c) => c.a < c.b, { message: "adminSettings.errors.abcOrder", path: ["b"] })
      .default({ ...DEFAULT_ABC_CUTOFFS }),
    xyzCutoffs: z
      .object({ x: z.number().positive(), y: z.number().positive() })
      .refine((c) => c.x < c.y, { message: "adminSettings.errors.xyzOrder", path: ["y"] })
      .default({ ...DEFAULT_XYZ_CUTOFFS }),
    /** Per-cell overrides of docs/domain.md's policy table. */
    cells: z.partialRecord(z.enum(cells), cellPolicy).default({}),
    /** Holding cost per year as a share of unit cost (15–30 % is usual). */
    holdingRate: z.number().min(0).max(1).default(0.25),
    /** Cost of placing one replenishment order, in the tenant's currency (EOQ's S). */
    orderCost: z.number().min(0).default(500),
    /** Days that projections and proposals look ahead. */
    horizonDays: z.number().int().min(7).max(182).default(56),
    /** Weeks of history the forecasts use. */
    historyWeeks: z.number().int().min(8).max(260).default(104),
    /**
     * The most days of forecast demand a recommended max may cover, per ABC class: a lot of a
     * cheap item can be a year of demand, which nobody would hold (the band stays at least one
     * pack and one review period wide above it).
     */
    maxCoverDays: z
      .object({
        A: z.number().int().min(1).max(3650),
        B: z.number().int().min(1).max(3650),
        C: z.number().int().min(1).max(3650),
      })
      .strict()
      .default({ ...DEFAULT_MAX_COVER_DAYS }),
    /**
     * How far (a share: 0.25 = 25 %) an agreed min or max may stray from the recommended one
     * before the agreement counts as drifting from its recommendation.
     */
    bandDriftThreshold: z.number().gt(0).max(1).default(0.25),
    /** Days without consumption after which stock counts as dead. */
    deadStockDays: z.number().int().min(1).default(180),
    /**
     * Plan approval routing: above `managerThreshold` (tenant currency) a buyer, then a
     * manager; an all-CX/CY plan that keeps stock in band is approved at submission up to
     * `autoApproveThreshold`.
     */
    approval: z
      .object({
        managerThreshold: z.number().min(0).default(200_000),
        autoApproveThreshold: z.number().min(0).default(50_000),
      })
      .strict()
      .refine((a) => a.autoApproveThreshold <= a.managerThreshold, {
        message: "adminSettings.errors.autoAboveManager",
        path: ["autoApproveThreshold"],
      })
      .default({ managerThreshold: 200_000, autoApproveThreshold: 50_000 }),
    /**
     * Shipments: an ASN may ship up to the approved quantity plus `overShipTolerance`
     * (a share: 0.05 = 5 %); a line counts as on time when received at most `onTimeToleranceDays`
     * after its agreed arrival date (docs/domain.md's on-time delivery).
     */
    shipping: z
      .object({
        overShipTolerance: z.number().min(0).max(1).default(0.05),
        onTimeToleranceDays: z.number().int().min(0).max(30).default(0),
      })
      .strict()
      .default({ overShipTolerance: 0.05, onTimeToleranceDays: 0 }),
  })
  .strict();

export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

/** Reads stored settings; anything invalid is reported with its path, never silently defaulted. */
export function parseTenantSettings(value: unknown): TenantSettings {
  const result = tenantSettingsSchema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(`tenant settings: ${issue.path.join(".") || "(root)"} ${issue.message}`);
  }
  return result.data;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = parseTenantSettings({});
