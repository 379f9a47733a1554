import { parseDecimal, QUANTITY_COLUMN, wholeNumber } from "~/utils/input/decimal";
import type { X12Segment, X12TransactionSet } from "./x12";

/**
 * An 852 (Product Activity Data) or 846 (Inventory Inquiry/Advice) transaction set as the rows
 * the portal imports: on hand per item, location and day (stock), quantity sold (consumption) and
 * quantity received (receipts: goods received that no shipping notice of the portal announced).
 * Pure: which item and site the ids name is the matcher's business.
 *
 * 852: the XQ segment gives the reporting period (XQ02 start, XQ03 end). An N1 of a location
 * (N101 ST, SN, WH, RL or DA; N103 the id's qualifier, N104 the id) applies to the LIN loops that
 * follow it, until the next one. A LIN carries qualifier/id pairs (LIN02/03, LIN04/05…). Each ZA
 * (ZA01 activity, ZA02 quantity, ZA03 unit, ZA04 date qualifier, ZA05 date) is a row: QA on hand
 * → stock, QS sold → consumption, QR received → receipts; every other activity (QP, QO…) is kept
 * as a note, not imported. The day is the ZA's own
 * date when it has one (CCYYMMDD; YYMMDD in 003030), else the end of the XQ period (XQ02 when it
 * has no end). A ZA whose loop holds SDQ segments (SDQ02 the ids' qualifier, then location/quantity
 * pairs) is one row per pair, its own ZA02 ignored.
 *
 * 846: LIN loops as in 852; QTY01 17 (quantity on hand) or, failing that, 33 (quantity available
 * for sale) → stock, any other QTY a note. A LIN loop whose SDQ segments spread the quantity over
 * locations (SDQ01 unit, SDQ02 the ids' qualifier, then location/quantity pairs) gives one stock
 * row per pair instead of the QTY's own. The day is the LIN loop's DTM, else the header's DTM,
 * else BIA04.
 */

export interface AdviceId {
  qualifier: string;
  id: string;
}

export interface AdviceLocation extends AdviceId {
  /** The N1 (or SDQ) segment's position in the set. */
  segment: number;
  /** The segment that names it. */
  segmentId: "N1" | "SDQ";
}

export interface AdviceItem {
  /** LIN01 when it is a number, else the LIN's ordinal in the set. */
  lin: number;
  /** The LIN segment's position in the set. */
  segment: number;
  ids: AdviceId[];
}

export interface AdviceRow {
  kind: "stock" | "consumption" | "receipts";
  lin: number;
  ids: AdviceId[];
  location: AdviceLocation;
  /** YYYY-MM-DD */
  day: string;
  qty: number;
  unit: string | null;
  /** The ZA, QTY or SDQ segment's position in the set. */
  segment: number;
  item: AdviceItem;
}

export interface AdviceNote {
  /** ZA01 or QTY01: QP, QO… */
  activity: string;
  reason: "informational";
  lin: number;
  qty: number | null;
  segment: number;
}

/** A segment the mapping cannot use; `message` is an i18n key of `imports.edi.errors`. */
export interface AdviceProblem {
  segment: number;
  segmentId: string;
  /** The element in error (2 for ZA02), or null for the segment as a whole. */
  element: number | null;
  value: string | null;
  message: string;
  params?: Record<string, string | number>;
}

export interface InventoryAdvice {
  rows: AdviceRow[];
  notes: AdviceNote[];
  problems: AdviceProblem[];
}

export const SUPPORTED_SETS = ["852", "846"] as const;
const LOCATION_PARTIES = new Set(["ST", "SN", "WH", "RL", "DA"]);
const ON_HAND_QTY = ["17", "33"] as const;
const ERR = (name: string) => `imports.edi.errors.${name}`;

export function readInventoryAdvice(set: X12TransactionSet, groupVersion: string): InventoryAdvice {
  const shortDates = groupVersion.startsWith("0030");
  if (set.id === "852") return read852(set, shortDates);
  if (set.id === "846") return read846(set, shortDates);
  return {
    rows: [],
    notes: [],
    problems: [
      {
        segment: 1,
        segmentId: "ST",
        element: 1,
        value: set.id,
        message: ERR("unsupportedSet"),
        params: { id: set.id },
      },
    ],
  };
}

const el = (segment: X12Segment, index: number) => (segment.elements[index] ?? "").trim();

/** CCYYMMDD, or YYMMDD (003030 and older habits): null when it is no calendar date. */
export function x12Date(text: string, shortDates = false): string | null {
  let full = text;
  if (shortDates && /^\d{6}$/.test(text)) full = `${text < "80" ? "20" : "19"}${text}`;
  if (!/^\d{8}$/.test(full)) return null;
  const [y, m, d] = [full.slice(0, 4), full.slice(4, 6), full.slice(6, 8)].map((part) => wholeNumber(part) ?? 0);
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}`;
}

/** An X12 decimal (R): digits with an optional sign and point. */
function x12Number(text: string): number | null {
  const parsed = parseDecimal(text.replace(/^\+/, "").replace(/\.$/, ""), { ...QUANTITY_COLUMN, negative: true });
  return parsed.ok ? parsed.value : null;
}

function itemOf(segment: X12Segment, ordinal: number): AdviceItem {
  const ids: AdviceId[] = [];
  for (let i = 2; i + 1 < segment.elements.length; i += 2) {
    const qualifier = el(segment, i);
    const id = el(segment, i + 1);
    if (qualifier && id) ids.push({ qualifier, id });
  }
  const assigned = el(segment, 1);
  return { lin: (wholeNumber(assigned) ?? 0) > 0 ? (wholeNumber(assigned) ?? ordinal) : ordinal, segment: segment.position, ids };
}

function locationOf(segment: X12Segment): AdviceLocation | null {
  if (!LOCATION_PARTIES.has(el(segment, 1))) return null;
  const qualifier = el(segment, 3);
  const id = el(segment, 4);
  return qualifier && id ? { qualifier, id, segment: segment.position, segmentId: "N1" } : null;
}

/** What both sets share: the current location and item, and the problems found on the way. */
class Walk {
  readonly out: InventoryAdvice = { rows: [], notes: [], problems: [] };
  location: AdviceLocation | null = null;
  item: AdviceItem | null = null;
  private lins = 0;

  constructor(readonly shortDates: boolean) {}

  problem(segment: X12Segment, element: number | null, message: string, params?: AdviceProblem["params"]) {
    const value = element === null ? null : el(segment, element) || null;
    this.out.problems.push({ segment: segment.position, segmentId: segment.id, element, value, message: ERR(message), params });
  }

  onN1(segment: X12Segment) {
    const location = locationOf(segment);
    if (location) this.location = location;
    else if (LOCATION_PARTIES.has(el(segment, 1))) this.problem(segment, 4, "noLocationId");
  }

  onLin(segment: X12Segment) {
    this.lins += 1;
    this.item = itemOf(segment, this.lins);
    if (this.item.ids.length === 0) this.problem(segment, 3, "noItemId", { lin: this.item.lin });
  }

  date(segment: X12Segment, element: number): string | null | undefined {
    const text = el(segment, element);
    if (!text) return undefined;
    const day = x12Date(text, this.shortDates);
    if (day === null) this.problem(segment, element, "date");
    return day;
  }

  /** A quantity of the current item at a location: a row, or a note for an activity not imported. */
  quantity(
    segment: X12Segment,
    element: number,
    activity: { kind: AdviceRow["kind"] | null; code: string },
    where: { location: AdviceLocation | null; day: string | null | undefined; unit: string | null },
  ) {
    const item = this.item;
    if (!item) return this.problem(segment, null, "noItem");
    if (item.ids.length === 0) return;
    const text = el(segment, element);
    const qty = text === "" ? null : x12Number(text);
    if (!activity.kind) {
      this.out.notes.push({
        activity: activity.code,
        reason: "informational",
        lin: item.lin,
        qty,
        segment: segment.position,
      });
      return;
    }
    if (qty === null) return this.problem(segment, element, text === "" ? "noQuantity" : "quantity");
    if (!where.location) return this.problem(segment, null, "noLocation", { lin: item.lin });
    if (where.day === null) return;
    if (where.day === undefined) return this.problem(segment, null, "noDay", { lin: item.lin });
    this.out.rows.push({
      kind: activity.kind,
      lin: item.lin,
      ids: item.ids,
      location: where.location,
      day: where.day,
      qty,
      unit: where.unit,
      segment: segment.position,
      item,
    });
  }
}

const ZA_KINDS: Record<string, AdviceRow["kind"]> = { QA: "stock", QS: "consumption", QR: "receipts" };

function read852(set: X12TransactionSet, shortDates: boolean): InventoryAdvice {
  const walk = new Walk(shortDates);
  let periodEnd: string | null | undefined;
  const segments = set.segments;
  for (let i = 0; i < segments.length; i += 1) {
    const segment = segments[i];
    switch (segment.id) {
      case "XQ": {
        const start = walk.date(segment, 2);
        const end = walk.date(segment, 3);
        periodEnd = end === undefined ? start : end;
        break;
      }
      case "N1":
        walk.onN1(segment);
        break;
      case "LIN":
        walk.onLin(segment);
        break;
      case "ZA": {
        const code = el(segment, 1);
        const own = walk.date(segment, 5);
        const day = own === undefined ? periodEnd : own;
        const unit = el(segment, 3) || null;
        const kind = ZA_KINDS[code] ?? null;
        const activity = { kind, code };
        const sdq = loopSdq(segments, i + 1, ZA_LOOP_ENDS);
        if (sdq.length === 0 || !kind) walk.quantity(segment, 2, activity, { location: walk.location, day, unit });
        else spread(walk, sdq, activity, day, unit);
        break;
      }
    }
  }
  return walk.out;
}

function read846(set: X12TransactionSet, shortDates: boolean): InventoryAdvice {
  const walk = new Walk(shortDates);
  let headerDay: string | null | undefined;
  let linDay: string | null | undefined;
  let onHandTaken = false;
  let linAt = 0;
  for (const segment of set.segments) {
    switch (segment.id) {
      case "BIA":
        headerDay ??= walk.date(segment, 4);
        break;
      case "DTM":
        if (walk.item) linDay = walk.date(segment, 2);
        else headerDay = walk.date(segment, 2) ?? headerDay;
        break;
      case "N1":
        walk.onN1(segment);
        break;
      case "LIN":
        walk.onLin(segment);
        linDay = undefined;
        onHandTaken = false;
        linAt = segment.position;
        break;
      case "QTY": {
        const code = el(segment, 1);
        // 17 (on hand) wins over 33 (available for sale) when a LIN gives both.
        const onHand = ON_HAND_QTY.includes(code as (typeof ON_HAND_QTY)[number]);
        const takes = onHand && !onHandTaken && (code === "17" || !hasQty(set.segments, segment, "17"));
        if (takes) onHandTaken = true;
        const unit = el(segment, 3).split(/[^A-Z0-9]/)[0] || null;
        const day = linDay === undefined ? headerDay : linDay;
        const activity = { kind: takes ? ("stock" as const) : null, code };
        // SDQs anywhere in the LIN loop say where the on-hand quantity is, location by location.
        const sdq = takes && linAt > 0 ? loopSdq(set.segments, linAt, LIN_LOOP_ENDS) : [];
        if (sdq.length === 0) walk.quantity(segment, 2, activity, { location: walk.location, day, unit });
        else spread(walk, sdq, activity, day, unit);
        break;
      }
    }
  }
  return walk.out;
}

/** Segments that end a ZA loop; any other (CTP, PO3, G95, DTM…) may stand between a ZA and its SDQs. */
const ZA_LOOP_ENDS = new Set(["ZA", "LIN", "N1", "XQ", "CTT", "SE"]);
/** Segments that end an 846's LIN loop. */
const LIN_LOOP_ENDS = new Set(["LIN", "N1", "CTT", "SE"]);

/** The SDQ segments from index `from` of `segments` up to the first segment that ends the loop. */
function loopSdq(segments: readonly X12Segment[], from: number, ends: ReadonlySet<string>): X12Segment[] {
  const out: X12Segment[] = [];
  for (let i = from; i < segments.length && !ends.has(segments[i].id); i += 1) {
    if (segments[i].id === "SDQ") out.push(segments[i]);
  }
  return out;
}

/** One row per location/quantity pair of the SDQs (their own quantities, not the ZA's or QTY's). */
function spread(
  walk: Walk,
  sdq: readonly X12Segment[],
  activity: { kind: AdviceRow["kind"] | null; code: string },
  day: string | null | undefined,
  unit: string | null,
) {
  for (const s of sdq) {
    const qualifier = el(s, 2);
    for (let e = 3; e + 1 < s.elements.length; e += 2) {
      const id = el(s, e);
      if (!id) continue;
      const location: AdviceLocation = { qualifier, id, segment: s.position, segmentId: "SDQ" };
      walk.quantity(s, e + 1, activity, { location, day, unit: el(s, 1) || unit });
    }
  }
}

/** Does the LIN loop of `at` hold a QTY of this code? */
function hasQty(segments: readonly X12Segment[], at: X12Segment, code: string): boolean {
  let start = at.position - 1;
  while (start > 0 && segments[start - 1].id !== "LIN") start -= 1;
  for (let i = start; i < segments.length && (i === start || segments[i].id !== "LIN"); i += 1) {
    if (segments[i].id === "QTY" && el(segments[i], 1) === code) return true;
  }
  return false;
}
