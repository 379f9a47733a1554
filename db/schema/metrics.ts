import { doublePrecision, foreignKey, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { money, quantity, tenantId } from "./columns";
import { agreements } from "./agreements";
import { supplierReadPolicies } from "./policies";
import { tenants } from "./tenants";

/**
 * What the inventory core computed for an agreement at `computed_at` (the recompute service owns
 * every column). Rates are per day; the weekly figures the core worked on are kept alongside so
 * that the agreement page can show them as they were computed.
 */
export const agreementMetrics = pgTable(
  "agreement_metrics",
  {
    tenantId: tenantId().references(() => tenants.id, { onDelete: "cascade" }),
    agreementId: uuid().notNull(),
    supplierId: uuid().notNull(),
    /** The last day of consumption the computation used (the tenant's yesterday at the time). */
    asOf: text().notNull(),
    annualValue: money().notNull(),
    abc: text({ enum: ["A", "B", "C"] }).notNull(),
    abcRank: integer().notNull(),
    xyz: text({ enum: ["X", "Y", "Z"] }).notNull(),
    cv: doublePrecision(),
    pattern: text({ enum: ["smooth", "erratic", "intermittent", "lumpy", "none"] }).notNull(),
    adi: doublePrecision(),
    cv2: doublePrecision(),
    forecastMethod: text().notNull(),
    /** Forecast demand per week and its standard deviation (the backtest RMSE). */
    forecastWeekly: doublePrecision().notNull(),
    forecastSdWeekly: doublePrecision().notNull(),
    forecastDaily: doublePrecision().notNull(),
    /**
     * Where the forecast's seasonal profile came from: the agreement's own history, the same item
     * at other sites, or the item's category; null when the forecast has no season.
     */
    seasonSource: text({ enum: ["own", "item", "category"] }),
    /** How many agreements' series a borrowed profile was pooled from; null unless borrowed. */
    seasonPeers: integer(),
    backtestMae: doublePrecision(),
    backtestWape: doublePrecision(),
    backtestBias: doublePrecision(),
    serviceLevel: doublePrecision(),
    safetyStock: quantity().notNull(),
    recommendedMin: quantity().notNull(),
    recommendedMax: quantity().notNull(),
    eoq: quantity().notNull(),
    /** On hand ÷ forecast daily demand at as_of; null when demand is 0 (cover is unbounded). */
    daysOfCover: doublePrecision(),
    onHand: quantity(),
    computedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.agreementId] }),
    foreignKey({
      name: "agreement_metrics_agreement_fk",
      columns: [t.tenantId, t.agreementId, t.supplierId],
      foreignColumns: [agreements.tenantId, agreements.id, agreements.supplierId],
    })
      .onUpdate("cascade")
      .onDelete("cascade"),
    ...supplierReadPolicies("agreement_metrics"),
  ],
).enableRLS();
