import { fillRate, isoDate, onTimeDelivery } from "../../../app/core";
import { round4 } from "../../../app/services/shipments/fields.server";
import type { Random } from "../random";
import { localInstant } from "./dates";
import type { DemoPlanLine, DemoShipment } from "./rows";
import { type LineDraft, type PlanDraft, SETTINGS } from "./shared";

/**
 * Shipments and receipts of approved lines: who carried them, when they arrived (late or short as
 * the agreement's supplier tends to be), and what the receipt service then keeps on the line.
 */

/** Carriers by tenant slug (weights), with their tracking number formats. */
const CARRIERS: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  acme: { "SF Express": 4, "JD Logistics": 3, "ZTO Express": 2, "DHL Express": 1 },
  globex: { "SF Express": 5, "DHL Express": 3, "ZTO Express": 1 },
};

function trackingNumber(carrier: string, random: Random): string {
  const digits = (n: number) => Array.from({ length: n }, () => random.int(0, 9)).join("");
  switch (carrier) {
    case "SF Express":
      return `SF${random.int(1, 9)}${digits(12)}`;
    case "JD Logistics":
      return `JDV${random.int(1, 9)}${digits(11)}`;
    case "ZTO Express":
      return `7${random.int(3, 8)}${digits(10)}`;
    default:
      return `${random.int(1, 9)}${digits(9)}`;
  }
}

/**
 * What the shipment and receipt services keep on a line: shipped once it has a shipment, received
 * once all of them are; the shipped and received sums; on receipt, the day of the last one,
 * whether it came by the agreed arrival (plus the tenant's tolerance) and the fill rate.
 */
export function fulfilment(
  line: LineDraft,
  shipments: readonly Omit<DemoShipment, "id" | "asnNumber">[],
): Pick<DemoPlanLine, "status" | "shippedQty" | "receivedQty" | "receivedOn" | "onTime" | "fillRate"> {
  const none = { status: line.status, shippedQty: 0, receivedQty: 0, receivedOn: null, onTime: null, fillRate: null };
  if (shipments.length === 0) return none;
  const shippedQty = shipments.reduce((sum, s) => sum + s.qty, 0);
  const receivedQty = shipments.reduce((sum, s) => sum + (s.status === "received" ? s.receivedQty! : 0), 0);
  if (shipments.some((s) => s.status !== "received")) return { ...none, status: "shipped", shippedQty, receivedQty };
  const receivedOn = shipments.map((s) => s.receivedOn!).sort()[shipments.length - 1];
  const agreedArrival = isoDate(line.approvedArrival!);
  const toleranceDays = SETTINGS.shipping.onTimeToleranceDays;
  return {
    status: "received",
    shippedQty,
    receivedQty,
    receivedOn,
    onTime: onTimeDelivery([{ receivedOn, agreedArrival }], { toleranceDays }) === 1,
    fillRate: round4(fillRate({ received: receivedQty, approved: line.approvedQty! })),
  };
}

/**
 * The shipment of an accepted line, if its ship date has passed: it leaves on the day that makes
 * it arrive on the agreed (approved) arrival. Late suppliers arrive late more often, and
 * under-shippers fall short; a receipt before today is received, the rest is in transit.
 */
export function shipLine(
  line: LineDraft,
  lineId: string,
  draft: PlanDraft,
  todayEpoch: number,
  random: Random,
): Omit<DemoShipment, "id" | "asnNumber"> | null {
  const { agreement } = line;
  const arrival = line.approvedArrival!;
  const ship = arrival - agreement.leadTimeDays;
  if (ship >= todayEpoch) return null;
  const qty = line.approvedQty!;
  const carrier = random.weighted(CARRIERS[draft.slug] ?? CARRIERS.acme);
  const tracking = trackingNumber(carrier, random);
  const late = agreement.behaviour === "late" ? random.chance(0.5) : random.chance(0.1);
  const received = arrival + (late ? random.int(1, agreement.behaviour === "late" ? 6 : 3) : 0);
  const createdAt = localInstant(ship, random.int(14 * 60, 18 * 60), draft.tenant.timezone);
  const base = {
    tenantId: draft.tenant.id,
    supplierId: draft.supplier.id,
    agreementId: agreement.id,
    planLineId: lineId,
    qty,
    shipDate: isoDate(ship),
    expectedArrival: isoDate(arrival),
    carrier,
    tracking,
    createdAt,
  };
  if (received >= todayEpoch) return { ...base, status: "in_transit", receivedQty: null, receivedOn: null, updatedAt: createdAt };
  const short = agreement.behaviour === "under-shipping" ? random.chance(0.45) : random.chance(0.06);
  let receivedQty = qty;
  if (short) {
    const packs = Math.floor(qty / agreement.packSize);
    receivedQty =
      packs >= 2
        ? qty - agreement.packSize * random.int(1, Math.max(1, Math.floor(packs / 4)))
        : qty - Math.max(1, Math.round(qty * random.uniform(0.05, 0.2)));
  }
  return {
    ...base,
    status: "received",
    receivedQty,
    receivedOn: isoDate(received),
    updatedAt: localInstant(received, random.int(9 * 60, 12 * 60), draft.tenant.timezone),
  };
}

/**
 * Numbers a tenant's seeded shipments as the portal does (ASN-YYYY-NNNNN per year of shipping, in
 * the order they were recorded): each seeded shipment is a notice of its own. Returns the last
 * number of each year.
 */
export function numberShipments(shipments: DemoShipment[]): Map<number, number> {
  const last = new Map<number, number>();
  const ordered = [...shipments].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  for (const shipment of ordered) {
    const year = Number(shipment.shipDate.slice(0, 4));
    const n = (last.get(year) ?? 0) + 1;
    last.set(year, n);
    shipment.asnNumber = `ASN-${year}-${String(n).padStart(5, "0")}`;
  }
  return last;
}
