import { checkBand } from "./internal/check-band";
import { checkNonNegative, checkPositive } from "./internal/checks";
import { horizonOf, inboundByDay, type DailyDemand } from "./internal/daily-demand";
import { projectInventory, type InventoryProjection } from "./project-inventory";
import type { Receipt } from "./types";

const NOISE = 1e-9;

export interface ProposeReplenishmentParams {
  /** On hand at the start of today (day 0), ≥ 0. */
  onHand: number;
  /** Forecast demand per day (a number for every day, or one value per day). */
  demand: DailyDemand;
  /** Horizon in days; default the demand array's length, or 56. */
  days?: number;
  /** Receipts already expected (in transit, approved not shipped), by day index. */
  receipts?: readonly Receipt[];
  min: number;
  max: number;
  /** Lead time in days from shipping to arrival, ≥ 0; arrivals come no earlier than today + it. */
  leadTime: number;
  /** Minimum order quantity per shipment, ≥ 0. */
  moq: number;
  /** Pack size, > 0: every quantity is a whole number of packs. */
  packSize: number;
}

export interface ProposedShipment {
  /** Day index the goods arrive (≥ ⌈leadTime⌉). */
  arrivalDay: number;
  /** Day index they must ship: arrivalDay − ⌈leadTime⌉ (≥ 0). */
  shipDay: number;
  quantity: number;
  /** quantity ÷ packSize, a whole number. */
  packs: number;
  /** True when stock at the end of the arrival day will be above max. */
  exceedsMax: boolean;
  /** Why max is exceeded: the MOQ, or a pack size larger than the room in the band. */
  reason: "moq" | "pack-size" | null;
}

export interface ReplenishmentProposal {
  lines: ProposedShipment[];
  /** The projection with the existing receipts and the proposed shipments. */
  projection: InventoryProjection;
}

/**
 * Proposes the shipments that keep projected stock inside the band over the horizon.
 *
 * Walks the days with the same convention as `projectInventory` (receipts arrive before the day's
 * demand, the end-of-day stock is the snapshot). From the first day a shipment can arrive,
 * ⌈leadTime⌉, whenever the end-of-day stock would fall below min, a shipment arrives that day:
 * the largest whole number of packs that keeps the end-of-day stock ≤ max (topping up towards
 * max). It is raised, and flagged `exceedsMax`, only when a hard rule forces it: to the MOQ
 * (rounded up to the pack size) → reason `moq`; or, when no whole number of packs fits between
 * min and max, to the fewest packs that reach min → reason `pack-size`. Days before ⌈leadTime⌉
 * can still fall below min; nothing can arrive in time for them.
 *
 * @throws RangeError for negative stock, demand, lead time or MOQ, a pack size that is not > 0,
 *   max < min, or invalid receipts
 * @example
 * proposeReplenishment({ onHand: 120, demand: 20, days: 14, min: 60, max: 200,
 *   leadTime: 2, moq: 50, packSize: 25 });
 * // day 3 would end at 40 < 60: ship day 1, arrive day 3, 150 (6 packs) → ends at 190
 * // day 10 would end at 50 < 60: ship day 8, arrive day 10, 150 → ends at 200
 * // lines: [{ arrivalDay: 3, shipDay: 1, quantity: 150, packs: 6, exceedsMax: false, reason: null },
 * //         { arrivalDay: 10, shipDay: 8, quantity: 150, packs: 6, exceedsMax: false, reason: null }]
 */
export function proposeReplenishment(p: ProposeReplenishmentParams): ReplenishmentProposal {
  checkNonNegative("onHand", p.onHand);
  checkBand(p.min, p.max);
  checkNonNegative("leadTime", p.leadTime);
  checkNonNegative("moq", p.moq);
  checkPositive("packSize", p.packSize);
  const days = horizonOf(p.demand, p.days);
  const receipts = p.receipts ?? [];
  const inbound = inboundByDay(receipts, days);
  const daily = typeof p.demand === "number" ? p.demand : -1;
  const perDay = typeof p.demand === "number" ? null : p.demand;

  const pack = p.packSize;
  const earliest = Math.ceil(p.leadTime);
  const smallestPacks = Math.max(1, Math.ceil(p.moq / pack - NOISE));
  const lines: ProposedShipment[] = [];
  let stock = p.onHand;
  for (let d = 0; d < days; d++) {
    let end = stock + (inbound === null ? 0 : inbound[d]) - (perDay === null ? daily : perDay[d]);
    if (d >= earliest && end < p.min - NOISE) {
      let packs = Math.floor((p.max - end) / pack + NOISE);
      let reason: ProposedShipment["reason"] = null;
      if (packs * pack < p.min - end - NOISE) {
        packs = Math.ceil((p.min - end) / pack - NOISE);
        reason = "pack-size";
      }
      if (packs < smallestPacks) {
        packs = smallestPacks;
        if (end + packs * pack > p.max + NOISE) reason = "moq";
      }
      const quantity = packs * pack;
      end += quantity;
      const exceedsMax = end > p.max + NOISE;
      lines.push({ arrivalDay: d, shipDay: d - earliest, quantity, packs, exceedsMax, reason: exceedsMax ? reason : null });
    }
    stock = end > 0 ? end : 0;
  }

  const all: Receipt[] = receipts.slice();
  for (let i = 0; i < lines.length; i++) all.push({ day: lines[i].arrivalDay, quantity: lines[i].quantity });
  const projection = projectInventory({ onHand: p.onHand, demand: p.demand, days, receipts: all, min: p.min, max: p.max });
  return { lines, projection };
}
