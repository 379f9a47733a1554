import { roundUpToMultiple } from "../../app/core";
import type { Random } from "./random";

/**
 * Daily demand by pattern, and the stock that results from it under a supplier that replenishes
 * with a periodic-review, order-up-to policy. All quantities are whole units, so the stock
 * identity on_hand[t] = on_hand[t−1] + received[t] − consumed[t] holds exactly.
 */

export const demandPatterns = ["smooth", "seasonal", "trending", "erratic", "intermittent", "lumpy", "dead"] as const;
export type DemandPattern = (typeof demandPatterns)[number];

export const supplierBehaviours = ["reliable", "late", "over-shipping", "under-shipping"] as const;
export type SupplierBehaviour = (typeof supplierBehaviours)[number];

export const stockStatuses = ["stockout", "belowMin", "inBand", "aboveMax"] as const;
export type StockStatus = (typeof stockStatuses)[number];

export function stockStatus(onHand: number, min: number, max: number): StockStatus {
  if (onHand <= 0) return "stockout";
  if (onHand < min) return "belowMin";
  if (onHand > max) return "aboveMax";
  return "inBand";
}

export interface DemandProfile {
  pattern: DemandPattern;
  /** Mean daily demand over the two years (for `dead`: before it died). */
  level: number;
  /** Share of days with demand (intermittent, lumpy, and dead items that were intermittent). */
  probability: number;
  /** Seasonal swing as a share of the level, and the day of the year of the peak. */
  amplitude: number;
  peakDayOfYear: number;
  /** Trending: the level moves from (1 − trend) to (1 + trend) times the mean over the period. */
  trend: number;
  /** Dead: the first day index without any demand. */
  deadFrom: number;
}

/** Typical daily standard deviation of a profile, for the safety stock in the agreed band. */
export function demandSd(profile: DemandProfile): number {
  const { level, probability } = profile;
  switch (profile.pattern) {
    case "smooth":
      return 0.2 * level;
    case "seasonal":
      return level * Math.sqrt(0.04 + (profile.amplitude * profile.amplitude) / 2);
    case "trending":
      return 0.4 * level;
    case "erratic":
      return 1.0 * level;
    case "intermittent":
      return level * Math.sqrt((1 - probability) / probability + 0.09 / probability);
    case "lumpy":
      return level * Math.sqrt((1 - probability) / probability + 1.44 / probability);
    case "dead":
      return probability < 1 ? level * Math.sqrt((1 - probability) / probability) : 0.2 * level;
  }
}

const DAYS_PER_YEAR = 365.2425;

/**
 * Demand for `days` days starting at `firstEpochDay` (days since 1970-01-01; the seasonal cycle
 * follows the calendar). Whole units, never negative.
 */
export function generateDemand(profile: DemandProfile, days: number, firstEpochDay: number, random: Random): Float64Array {
  const demand = new Float64Array(days);
  const { level, probability } = profile;
  for (let t = 0; t < days; t++) {
    // A day either has demand (at least one unit) or none at all.
    let quantity = 0;
    let event = true;
    switch (profile.pattern) {
      case "smooth":
        quantity = level * (1 + 0.2 * random.normal());
        break;
      case "seasonal": {
        const phase = ((firstEpochDay + t - profile.peakDayOfYear) / DAYS_PER_YEAR) * 2 * Math.PI;
        quantity = level * (1 + profile.amplitude * Math.cos(phase)) * (1 + 0.2 * random.normal());
        break;
      }
      case "trending": {
        const drift = 1 - profile.trend + (2 * profile.trend * t) / (days - 1);
        quantity = level * drift * (1 + 0.25 * random.normal());
        break;
      }
      case "erratic":
        quantity = random.logNormal(level, 1.0);
        break;
      case "intermittent":
        event = random.chance(probability);
        if (event) quantity = (level / probability) * (1 + 0.3 * random.normal());
        break;
      case "lumpy":
        event = random.chance(probability);
        if (event) quantity = random.logNormal(level / probability, 1.2);
        break;
      case "dead":
        if (t >= profile.deadFrom) event = false;
        else if (probability < 1) {
          event = random.chance(probability);
          if (event) quantity = (level / probability) * (1 + 0.3 * random.normal());
        } else quantity = level * (1 + 0.2 * random.normal());
        break;
    }
    demand[t] = event ? Math.max(1, Math.round(quantity)) : 0;
  }
  return demand;
}

export interface ReplenishmentTerms {
  min: number;
  max: number;
  leadTimeDays: number;
  leadTimeSdDays: number;
  moq: number;
  packSize: number;
  reviewPeriodDays: number;
}

export interface StockHistory {
  consumed: Float64Array;
  onHand: Float64Array;
  received: Float64Array;
  /**
   * Every replenishment the supplier sent: the day it decided (the review), the day it arrives,
   * what it planned and what it shipped (the behaviour bends the second).
   */
  orders: { day: number; arrival: number; planned: number; shipped: number }[];
}

/**
 * The supplier reviews the stock every review period; when the position (on hand + in transit)
 * would not cover demand until a later order could arrive while staying above min, it orders up
 * to max plus the lead-time demand, in packs and at least the MOQ. Its behaviour bends that:
 * late suppliers slip and skip reviews, over-shippers send more, under-shippers less.
 * Consumption is capped by what is on hand: a stockout day ends with 0.
 */
export function simulateStock(
  terms: ReplenishmentTerms,
  demand: Float64Array,
  behaviour: SupplierBehaviour,
  initialOnHand: number,
  random: Random,
): StockHistory {
  const days = demand.length;
  const consumed = new Float64Array(days);
  const onHand = new Float64Array(days);
  const received = new Float64Array(days);
  const arrivals = new Float64Array(days + 400);
  const orders: StockHistory["orders"] = [];
  const { min, max, packSize, moq, reviewPeriodDays: review } = terms;
  const phase = random.int(0, review - 1);
  const window = 28;
  let windowSum = 0;
  let inTransit = 0;
  let stock = initialOnHand;
  // Before any history the supplier plans with the agreed band's implied rate.
  const initialRate = Math.max(0, (max - min) / (review + 21));

  for (let t = 0; t < days; t++) {
    received[t] = arrivals[t];
    inTransit -= arrivals[t];
    stock += arrivals[t];
    const used = Math.min(demand[t], stock);
    consumed[t] = used;
    stock -= used;
    onHand[t] = stock;
    windowSum += used - (t >= window ? consumed[t - window] : 0);

    if ((t + phase) % review !== 0) continue;
    if (behaviour === "late" && random.chance(0.25)) continue;
    const seen = Math.min(t + 1, window);
    const rate = (windowSum + initialRate * (window - seen)) / window;
    const position = stock + inTransit;
    if (position >= min + rate * (terms.leadTimeDays + review)) continue;

    // Aim a little under max so that ordinary noise does not push the receipt over it.
    const target = max - 0.15 * (max - min) + rate * terms.leadTimeDays;
    let quantity = Math.max(moq, roundUp(target - position, packSize));
    const planned = quantity;
    let lag = terms.leadTimeDays + terms.leadTimeSdDays * random.normal();
    switch (behaviour) {
      case "late":
        lag = terms.leadTimeDays + Math.abs(random.normal()) * terms.leadTimeSdDays * 1.5;
        if (random.chance(0.45)) lag += terms.leadTimeDays * random.uniform(0.4, 1.3);
        break;
      case "over-shipping":
        if (random.chance(0.7)) quantity = roundUp(quantity * random.uniform(1.3, 2.0), packSize);
        break;
      case "under-shipping":
        if (random.chance(0.7))
          quantity = Math.max(packSize, Math.floor((quantity * random.uniform(0.35, 0.7)) / packSize) * packSize);
        break;
      case "reliable":
        break;
    }
    const arrival = t + Math.max(1, Math.round(lag));
    orders.push({ day: t, arrival, planned, shipped: quantity });
    inTransit += quantity;
    if (arrival < arrivals.length) arrivals[arrival] += quantity;
  }
  return { consumed, onHand, received, orders };
}

/**
 * Up to whole packs, as the core rounds an order, and never less than one pack: stock is short
 * whenever an order is placed, even when the target it aims for is already covered.
 */
export function roundUp(quantity: number, pack: number): number {
  return Math.max(pack, roundUpToMultiple(Math.max(0, quantity), pack));
}
