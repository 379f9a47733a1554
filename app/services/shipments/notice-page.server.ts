import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { PlanStatus } from "@db/schema";
import { withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { getNotice } from "~/models/shipment-notices.server";
import type { Membership } from "~/services/auth/guards.server";
import { AppError, isAppError } from "~/utils/app-error";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { wholeNumber } from "~/utils/input/decimal";
import { cancelNotice, correctNotice, type NoticeChangeResult } from "./correct-notice.server";
import { ASN_MAX_LINES, CARRIER_MAX, TRACKING_MAX } from "./fields.server";
import { receiveNotice, type NoticeReceiptResult } from "./receive-notice.server";

// The shapes the notice page's components receive, declared once where they are read.
export type { ShipmentRecord } from "~/models/shipments.server";
export type { NoticeSummary, NoticeStatus } from "~/models/shipment-notices.server";

/**
 * The notice page (`/shipments/:shipmentId`, any line's id): the notice and its lines, the
 * buyer's receipt of its lines in one form, and the supplier's correction and cancellation.
 * Every field is read as text and judged by the services, so that each refusal stands under its
 * field; a box sends "on" when ticked, and any other value is refused rather than read as unticked.
 */

const on = z.literal("on", { error: "errors.bad_request" }).optional();

const NoticeFormSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("receive"),
    lines: z
      .array(
        z.object({
          shipmentId: z.string().optional(),
          receive: on,
          receivedQty: z.string().optional(),
          receivedOn: z.string().optional(),
          expectRest: on,
        }),
      )
      .optional(),
  }),
  z.object({
    intent: z.literal("correct"),
    carrier: z.string().optional(),
    tracking: z.string().optional(),
    lines: z
      .array(z.object({ shipmentId: z.string().optional(), qty: z.string().optional(), expectedArrival: z.string().optional() }))
      .optional(),
  }),
  z.object({
    intent: z.literal("cancel"),
    confirm: z.literal("on", { error: "shipments.notice.confirmRequired" }),
  }),
]);

export type NoticeFormValue = z.output<typeof NoticeFormSchema>;

const LINE_INDEX = /^lines\[(\d+)\]/;

/** The posted form as conform reads it; null when it names a line past the most a notice can list. */
export function parseNoticeForm(form: FormData) {
  for (const key of form.keys()) {
    const index = LINE_INDEX.exec(key)?.[1];
    if (index !== undefined && (index.length > 4 || (wholeNumber(index) ?? ASN_MAX_LINES) >= ASN_MAX_LINES)) return null;
  }
  return parseWithZod(form, { schema: NoticeFormSchema });
}

/** The notice with its lines, and what this member may do with it; null when not in scope. */
export async function loadNoticePage(membership: Membership, shipmentId: string) {
  const today = todayIn(membership.tenant.timezone);
  const found = await withTenant(getDb(), membership.scope, (tx) => getNotice(tx, membership.scope, shipmentId, today));
  if (!found) return null;
  const { summary, lines } = found;
  const planStatus = (lines.find((l) => l.planStatus)?.planStatus ?? null) as PlanStatus | null;
  const inTransit = lines.filter((l) => l.status === "in_transit");
  const canReceive =
    inTransit.length > 0 &&
    membership.role !== "supplier" &&
    planActionAllowed(membership.role, planStatus ?? "approved", "receive");
  // A notice changes while none of it is received, against a plan that still takes shipments.
  const canChange =
    membership.role === "supplier" &&
    inTransit.length === lines.length &&
    (planStatus === null || planActionAllowed("supplier", planStatus, "ship"));
  return {
    notice: summary,
    lines,
    today,
    canReceive,
    canChange,
    limits: { carrier: CARRIER_MAX, tracking: TRACKING_MAX },
  };
}

export type NoticePageData = NonNullable<Awaited<ReturnType<typeof loadNoticePage>>>;

/**
 * Does what the form asks. A role that may not do it is told the shipment was not found, as a
 * member of another supplier is: the answer confirms nothing.
 */
export async function actOnNotice(
  membership: Membership,
  shipmentId: string,
  form: NoticeFormValue,
): Promise<{ intent: "receive"; result: NoticeReceiptResult } | { intent: "correct" | "cancel"; result: NoticeChangeResult }> {
  const db = getDb();
  try {
    switch (form.intent) {
      case "receive":
        return {
          intent: "receive",
          result: await receiveNotice(db, membership.scope, {
            shipmentId,
            role: membership.role,
            lines: (form.lines ?? []).map((l) => ({
              shipmentId: l.shipmentId,
              receive: l.receive === "on",
              receivedQty: l.receivedQty,
              receivedOn: l.receivedOn,
              closeLine: l.expectRest === undefined,
            })),
          }),
        };
      case "correct":
        return {
          intent: "correct",
          result: await correctNotice(db, membership.scope, {
            shipmentId,
            carrier: form.carrier,
            tracking: form.tracking,
            lines: form.lines ?? [],
          }),
        };
      case "cancel":
        return { intent: "cancel", result: await cancelNotice(db, membership.scope, { shipmentId }) };
    }
  } catch (error) {
    if (isAppError(error, "forbidden")) throw AppError.notFound();
    throw error;
  }
}
