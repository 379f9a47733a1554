import { z } from "zod";
import type { ShipmentErrorCode } from "./errors.server";
import { hasAtMostDecimals } from "~/core";
import { isCalendarDate } from "~/utils/plan-lines";

/** Quantities are stored with 4 decimals, up to this size (as plan lines). */
export const SHIPMENT_QTY_MAX = 1e12;
export const SHIPMENT_QTY_DECIMALS = 4;
/** Carrier names and tracking numbers, as long as any carrier's fit. */
export const CARRIER_MAX = 100;
export const TRACKING_MAX = 100;
/** An ASN covers lines of one plan, which has at most 500. */
export const ASN_MAX_LINES = 500;

type Parsed<T> = { ok: true; value: T } | { ok: false; code: ShipmentErrorCode; params?: Record<string, number | string> };

const blank = (v: unknown) => (v === null || v === undefined || (typeof v === "string" && v.trim() === "") ? undefined : v);

const quantitySchema = z.preprocess(
  (v) => {
    const b = blank(v);
    return typeof b === "string" ? Number(b.trim()) : b;
  },
  z.number({ error: (issue) => (issue.input === undefined ? "required" : "invalid_number") })
    .refine(Number.isFinite, { error: "invalid_number" })
    .refine((n) => Math.abs(n) <= SHIPMENT_QTY_MAX, { error: "too_large" })
    .refine((n) => hasAtMostDecimals(n, SHIPMENT_QTY_DECIMALS), { error: "too_precise" }),
);

const daySchema = z.preprocess(
  blank,
  z.string({ error: (issue) => (issue.input === undefined ? "required" : "invalid_date") }).trim().refine(isCalendarDate, { error: "invalid_date" }),
);


function fromZod<T>(result: { success: true; data: T } | { success: false; error: z.ZodError }): Parsed<T> {
  if (result.success) return { ok: true, value: result.data };
  const code = (result.error.issues[0]?.message ?? "required") as ShipmentErrorCode;
  if (code === "too_large") return { ok: false, code, params: { max: SHIPMENT_QTY_MAX } };
  if (code === "too_precise") return { ok: false, code, params: { decimals: SHIPMENT_QTY_DECIMALS } };
  return { ok: false, code };
}

/** A quantity as a form or a client sends it (text or number), rounded to the stored 4 decimals. */
export function parseQuantity(value: unknown): Parsed<number> {
  const parsed = fromZod(quantitySchema.safeParse(value));
  return parsed.ok ? { ok: true, value: round4(parsed.value) } : parsed;
}

/** A calendar day written YYYY-MM-DD. */
export function parseDay(value: unknown): Parsed<string> {
  return fromZod(daySchema.safeParse(value));
}

/** Optional free text: blank is none, longer than `max` is refused. */
export function parseOptionalText(value: unknown, max: number): Parsed<string | null> {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value !== "string") return { ok: false, code: "required" };
  const trimmed = value.trim();
  if (trimmed.length > max) return { ok: false, code: "too_long", params: { max } };
  return { ok: true, value: trimmed === "" ? null : trimmed };
}

/** Rounds to the 4 decimals quantities are stored with. */
export function round4(n: number) {
  return Math.round(n * 10_000) / 10_000;
}
