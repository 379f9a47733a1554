/** ABC class by annual consumption value (A = the few items that make most of the value). */
export type Abc = "A" | "B" | "C";
/** XYZ class by the coefficient of variation of weekly demand (X = steady, Z = erratic). */
export type Xyz = "X" | "Y" | "Z";
/** Syntetos–Boylan demand pattern, plus `none` for a series with no demand at all. */
export type DemandPattern = "smooth" | "erratic" | "intermittent" | "lumpy" | "none";
/** One of the nine ABC-XYZ cells, e.g. `"AX"`. */
export type AbcXyzCell = `${Abc}${Xyz}`;
/** How stock is reviewed: continuously (reorder point) or every `reviewPeriod` (order-up-to). */
export type ReviewMode = "continuous" | "periodic";
/** Forecasting methods that `forecastDemand` can choose. `zero` is used when there is no demand. */
export type ForecastMethod = "zero" | "ses" | "holt" | "holt-winters" | "croston" | "sba" | "tsb";
/** A scheduled receipt: `quantity` units arrive on day index `day` (0 = today). */
export interface Receipt {
  day: number;
  quantity: number;
}
