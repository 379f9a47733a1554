/** One product of a supplier's range, in variants: what the generator draws items from. */
export interface ItemTemplate {
  /** Base name; each variant becomes one item named `${name} ${variant}`. */
  name: string;
  variants: readonly string[];
  category: string;
  uom: string;
  /** Unit cost range in the tenant's currency. */
  cost: readonly [number, number];
  /** Mean daily consumption range per site, in the unit of measure. */
  demand: readonly [number, number];
  /** Pack sizes the supplier ships in. */
  packs: readonly number[];
}
