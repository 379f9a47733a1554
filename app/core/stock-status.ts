/** Where on hand stands against the agreed band (docs/domain.md), plus agreements with no stock yet. */
export const stockStatuses = ["stockout", "below_min", "in_band", "above_max", "no_data"] as const;
export type StockStatus = (typeof stockStatuses)[number];
