import { checkBand } from "./internal/check-band";
import { checkNonNegative, checkPositive } from "./internal/checks";
import { ceilTolerant, isBelow, stepsAtLeast, stepsAtMost } from "./internal/tolerance";
import { horizonOf, inboundByDay, type DailyDemand } from "./internal/daily-demand";
import { projectInventory, type InventoryProjection } from "./project-inventory";
import type { Receipt } from "./types";

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
  /**
   * True when, with this line, projected stock is above max on its arrival day or a later day of
   * the horizon where it would not be without it (or is higher above max than without it). Only a
   * line of the smallest orderable quantity can be (see `proposeReplenishment`).
   */
  exceedsMax: boolean;
  /**
   * Why max is exceeded: `moq` when the MOQ is more than one pack (the MOQ sets the smallest
   * orderable quantity), otherwise `pack-size` (a single pack is more than the room under max).
   */
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
 * demand, the end-of-day stock is the snapshot, unmet demand is lost). From the first day a
 * shipment can arrive, ⌈leadTime⌉ (ignoring floating-point noise: 2.0000000000000004 → 2), a
 * shipment arrives on every day whose end-of-day stock would be below min, or would be ≤ 0 (a
 * stockout) while there is demand that day — so min 0 still orders before a stockout.
 *
 * Its quantity is the largest whole number of packs, at least the MOQ, that keeps projected
 * stock ≤ max on that day AND every later day of the horizon, counting the receipts already
 * scheduled and the lines proposed so far (topping up towards max). A day that a scheduled receipt
 * overfills whatever is delivered is not raised any further (lost sales before it can absorb some
 * of the line: only what would survive to that day counts). If even the smallest
 * orderable quantity — max(MOQ, packSize) rounded up to the pack size — breaks max on some day,
 * that smallest quantity is proposed anyway (the day needs stock) and the line is flagged
 * `exceedsMax`, with reason `moq` when the MOQ is more than one pack and `pack-size` otherwise: a
 * pack larger than the room under max is an effective minimum order, just as the MOQ is. No
 * other line ever lifts a day above max. When the largest fitting quantity cannot reach min
 * (less than a pack of room, or a later receipt leaves no room), the day stays below min and the
 * next day is considered again. Days before ⌈leadTime⌉ can still fall below min; nothing can
 * arrive in time for them.
 *
 * Quantities are never below the MOQ (1000.0000001 with packs of 1000 is 2 packs); rounding
 * noise within a relative 1e-12 is ignored.
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
 * @example
 * // 100 more already due on day 4: day 2 would end at 40, but day 4 must stay ≤ 200 → 100, not 160
 * proposeReplenishment({ onHand: 100, demand: 20, days: 10, min: 60, max: 200, leadTime: 2,
 *   moq: 0, packSize: 10, receipts: [{ day: 4, quantity: 100 }] });
 * // lines: [{ arrivalDay: 2, shipDay: 0, quantity: 100, packs: 10, exceedsMax: false, reason: null }]
 * // projected on hand [80, 60, 140, 120, 200, 180, 160, 140, 120, 100]
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
  const max = p.max;
  const earliest = ceilTolerant(p.leadTime);
  const smallestPacks = Math.max(1, stepsAtLeast(p.moq, pack));
  const reason: ProposedShipment["reason"] = p.moq > pack ? "moq" : "pack-size";
  const lines: ProposedShipment[] = [];
  let stock = p.onHand;
  for (let d = 0; d < days; d++) {
    const demand = perDay === null ? daily : perDay[d];
    let end = stock + (inbound === null ? 0 : inbound[d]) - demand;
    if (d >= earliest && (isBelow(end, p.min) || (demand > 0 && end <= 0))) {
      // Room under max on day d and every later day. Stock on a later day t is
      // max(floor_t, end + quantity + net_t): net_t is the receipts minus demand of days d+1..t,
      // floor_t the stock day t would have after an empty day d (lost sales clamp at 0). A day
      // whose floor is above max (a scheduled receipt overfills it whatever arrives on day d) may
      // not be raised above that floor; every other day may not be raised above max.
      let room = max - end;
      let floor = 0;
      let net = 0;
      for (let t = d + 1; t < days; t++) {
        const change = (inbound === null ? 0 : inbound[t]) - (perDay === null ? daily : perDay[t]);
        net += change;
        floor = floor + change > 0 ? floor + change : 0;
        const limit = (floor > max ? floor : max) - end - net;
        if (limit < room) room = limit;
      }
      const fits = stepsAtMost(room, pack);
      const exceedsMax = fits < smallestPacks;
      const packs = exceedsMax ? smallestPacks : fits;
      const quantity = packs * pack;
      end += quantity;
      lines.push({ arrivalDay: d, shipDay: d - earliest, quantity, packs, exceedsMax, reason: exceedsMax ? reason : null });
    }
    stock = end > 0 ? end : 0;
  }

  const all: Receipt[] = receipts.slice();
  for (let i = 0; i < lines.length; i++) all.push({ day: lines[i].arrivalDay, quantity: lines[i].quantity });
  const projection = projectInventory({ onHand: p.onHand, demand: p.demand, days, receipts: all, min: p.min, max: p.max });
  return { lines, projection };
}
