import { parseWithZod } from "@conform-to/zod/v4";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { getPlanForShipment, getShippingTerms, linesForShipment } from "~/models/shipments.server";
import type { Membership } from "~/services/auth/guards.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { wholeNumber } from "~/utils/input/decimal";
import { ASN_MAX_LINES, CARRIER_MAX, TRACKING_MAX } from "./fields.server";
import { recordShipment, remainingToShip, SHIPPABLE_LINE_STATUSES, type AsnResult } from "./record-shipment.server";

/**
 * The ASN form (`/shipments/new?plan=…`): what it offers a supplier, and its POST. The form's
 * fields are read as text and judged by recordShipment, so that every refusal comes back under
 * the field it concerns; only what the form itself never sends is refused here.
 */

/** A ticked line sends "on": any other value is refused rather than read as "not shipped". */
const AsnFormSchema = z.object({
  requestId: z.string().optional(),
  shipDate: z.string().optional(),
  carrier: z.string().optional(),
  tracking: z.string().optional(),
  lines: z
    .array(
      z.object({
        lineId: z.string().optional(),
        ship: z.literal("on", { error: "errors.bad_request" }).optional(),
        qty: z.string().optional(),
        expectedArrival: z.string().optional(),
      }),
    )
    .optional(),
});

export type AsnFormValue = z.output<typeof AsnFormSchema>;

const LINE_INDEX = /^lines\[(\d+)\]/;

/**
 * The posted form as conform reads it; null when it names a line past the most an ASN can list
 * (a form of ours never does, and an index in the millions would be a list that long).
 */
export function parseAsnForm(form: FormData) {
  for (const key of form.keys()) {
    const index = LINE_INDEX.exec(key)?.[1];
    if (index !== undefined && (index.length > 4 || (wholeNumber(index) ?? ASN_MAX_LINES) >= ASN_MAX_LINES)) return null;
  }
  return parseWithZod(form, { schema: AsnFormSchema });
}

/** The lines the supplier may still ship of its plan, prefilled; null when the plan is not its own. */
export async function loadAsnForm(membership: Membership, planId: string) {
  const found = await withTenant(getDb(), membership.scope, async (tx) => {
    const plan = await getPlanForShipment(tx, membership.scope, planId);
    if (!plan) return null;
    const [lines, terms] = await Promise.all([
      linesForShipment(tx, membership.scope, plan),
      getShippingTerms(tx, membership.scope),
    ]);
    return { plan, lines, terms };
  });
  if (!found) return null;
  const { plan, lines, terms } = found;
  const shippable = planActionAllowed("supplier", plan.status, "ship")
    ? lines
        .filter((l) => (SHIPPABLE_LINE_STATUSES as readonly string[]).includes(l.status))
        .map((l) => {
          const approved = l.approvedQty ?? l.qty;
          return {
            id: l.id,
            lineNo: l.lineNo,
            sku: l.sku,
            itemName: l.itemName,
            uom: l.uom,
            siteCode: l.siteCode,
            approved,
            shipped: l.shippedQty,
            remaining: Math.max(0, approved - l.shippedQty),
            most: remainingToShip(l, terms.shipping.overShipTolerance),
            agreedArrival: l.approvedArrivalDate ?? l.arrivalDate,
          };
        })
        .filter((l) => l.most > 0)
    : [];
  return {
    plan: { id: plan.id, number: plan.number ?? "", status: plan.status },
    lines: shippable,
    today: todayIn(membership.tenant.timezone),
    tolerance: terms.shipping.overShipTolerance,
    limits: { carrier: CARRIER_MAX, tracking: TRACKING_MAX },
    // One id per rendering of the form: the same form posted twice records one ASN.
    requestId: randomUUID(),
  };
}

export type AsnFormData = NonNullable<Awaited<ReturnType<typeof loadAsnForm>>>;
export type AsnFormLine = AsnFormData["lines"][number];

/** Records the ASN the form describes: the ticked lines ship, each error names its form field. */
export function recordAsnForm(membership: Membership, planId: string, form: AsnFormValue): Promise<AsnResult> {
  return recordShipment(getDb(), membership.scope, {
    planId,
    requestId: form.requestId ?? "",
    shipDate: form.shipDate,
    carrier: form.carrier,
    tracking: form.tracking,
    lines: (form.lines ?? []).map((l) => ({
      lineId: l.lineId,
      ship: l.ship === "on",
      qty: l.qty,
      expectedArrival: l.expectedArrival,
    })),
  });
}
