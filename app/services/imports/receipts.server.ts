import type { Tx } from "@db/client";
import type { TenantScope } from "@db/scope";
import { planActionAllowed, planWorkflowStatuses } from "~/core";
import { resolveStagedNoticeReceipts, stagedNoticeReceipts, unstageReceipts } from "~/models/import-receipts.server";
import { getShippingTerms } from "~/models/shipments.server";
import { receiveNoticeShipment } from "~/services/shipments/record-receipt.server";
import { todayIn } from "~/utils/dates";
import type { RowProblem } from "./rows";

/**
 * Receipts that name a shipping notice (its ASN number) receive that notice's shipment of the
 * item at the site, by the rules of the receipt page: the notice must carry the item to the
 * site and not be cancelled, its plan must still take receipts, and the day must fall between the ship date and
 * today. A shipment already received with the same quantity on the same day is unchanged (a
 * replay); received otherwise, the row is refused. The ERP books receipts, so the import
 * receives as the buyer's side does.
 */

const ERR = (name: string) => `imports.errors.${name}`;

const RECEIVABLE = new Set<string>(planWorkflowStatuses.filter((status) => planActionAllowed("buyer", status, "receive")));

export interface NoticeReceiptCheck {
  /** One entry per refused row. */
  refused: RowProblem[][];
  /** Rows already received as they say. */
  unchanged: number;
}

/** Checks the staged receipts with a reference; refused and unchanged rows leave the stage. */
export async function checkNoticeReceipts(tx: Tx, scope: TenantScope): Promise<NoticeReceiptCheck> {
  const staged = await resolveStagedNoticeReceipts(tx, scope.tenantId);
  if (staged.length === 0) return { refused: [], unchanged: 0 };
  const today = todayIn((await getShippingTerms(tx, scope)).timeZone);
  const refused: RowProblem[][] = [];
  const leaving: number[] = [];
  let unchanged = 0;
  for (const receipt of staged) {
    const reference = (message: string, params?: RowProblem["params"]): RowProblem => ({
      row: receipt.row,
      column: "reference",
      value: receipt.reference,
      message: ERR(message),
      ...(params ? { params } : {}),
    });
    const day = (message: string, params: RowProblem["params"]): RowProblem => ({
      row: receipt.row,
      column: "day",
      value: receipt.day,
      message: ERR(message),
      params,
    });
    const shipment = receipt.shipment;
    let problem: RowProblem | null = null;
    if (!shipment) {
      if (receipt.matches > 1) problem = reference("noticeAmbiguous", { count: receipt.matches });
      else problem = reference(receipt.noticeExists ? "noticeOtherItem" : "unknownNotice");
    } else if (shipment.status === "cancelled") {
      problem = reference("noticeCancelled");
    } else if (shipment.status === "received") {
      if (shipment.receivedQty === receipt.qty && shipment.receivedOn === receipt.day) {
        unchanged += 1;
        leaving.push(receipt.row);
        continue;
      }
      problem = reference("noticeReceived", { qty: shipment.receivedQty ?? 0, day: shipment.receivedOn ?? "" });
    } else if (shipment.planStatus !== null && !RECEIVABLE.has(shipment.planStatus)) {
      problem = reference("noticePlanClosed", { status: shipment.planStatus });
    } else if (receipt.day < shipment.shipDate) {
      problem = day("beforeShipDate", { shipDate: shipment.shipDate });
    } else if (receipt.day > today) {
      problem = day("inFuture", { today });
    }
    if (problem) {
      refused.push([problem]);
      leaving.push(receipt.row);
    }
  }
  await unstageReceipts(tx, leaving);
  return { refused, unchanged };
}

/** Receives, in the import's transaction, every staged receipt that names a notice. */
export async function receiveStagedNotices(tx: Tx, scope: TenantScope): Promise<number> {
  const receipts = await stagedNoticeReceipts(tx);
  if (receipts.length === 0) return 0;
  const { shipping } = await getShippingTerms(tx, scope);
  for (const receipt of receipts) await receiveNoticeShipment(tx, scope, receipt, shipping.onTimeToleranceDays);
  return receipts.length;
}
