import { isoDate } from "../../../app/core";
import { PLAN_ENTITY } from "../../../app/models/plans/read.server";
import { Random } from "../random";
import { localDayOf } from "./dates";
import type { DemoPlanHistory } from "./rows";
import { DECISIONS, PLAN_AUDIT_ACTIONS } from "./scenarios";
import type { PlanBuildContext, PlanDraft } from "./shared";
import { fulfilment, shipLine } from "./shipments";

/**
 * A drafted plan's rows: its number, then the plan, one timeline row and one audit row per
 * transition (as the plan services write them), the lines of every version and their shipments.
 */

/** Numbers at first submission, in submission order, per tenant-local year; the counters. */
export function numberPlans(drafts: PlanDraft[], timeZone: string): Map<number, number> {
  const counters = new Map<number, number>();
  const submitted = drafts
    .filter((d) => d.firstSubmittedAt)
    .sort((a, b) => a.firstSubmittedAt!.getTime() - b.firstSubmittedAt!.getTime() || a.id.localeCompare(b.id));
  for (const draft of submitted) {
    const year = Number(isoDate(localDayOf(draft.firstSubmittedAt!, timeZone)).slice(0, 4));
    const next = (counters.get(year) ?? 0) + 1;
    counters.set(year, next);
    draft.number = `RP-${year}-${String(next).padStart(5, "0")}`;
  }
  return counters;
}

/** Writes a drafted plan's rows into the history. */
export function emitPlan(
  history: DemoPlanHistory,
  draft: PlanDraft,
  actors: { supplier: string; buyer: string | null; manager: string | null },
  context: PlanBuildContext,
) {
  const { tenant, supplier, name, id: planId } = draft;
  const { id } = context;
  const requestId = id(`plan-request:${name}:0`);
  let lockVersion = 0;
  let submittedAt: Date | null = null;
  let decidedAt: Date | null = null;
  draft.steps.forEach((step, index) => {
    const before = index === 0 ? null : { status: step.fromStatus, version: draft.steps[index - 1].version, lockVersion };
    lockVersion++;
    const lines = draft.versions[step.version - 1];
    const summary = {
      requestId: index === 0 ? requestId : id(`plan-request:${name}:${index}`),
      lineCount: lines.length,
      totalQty: lines.reduce((sum, l) => sum + l.qty, 0),
    };
    let after: Record<string, unknown>;
    if (step.action === "created" || step.action === "submitted" || step.action === "resubmitted") {
      const number = step.action === "created" ? null : draft.number;
      after = { ...summary, status: step.toStatus, number, version: step.version, ...(index > 0 ? { lockVersion } : {}) };
      if (step.action !== "created") submittedAt = step.at;
    } else {
      after = { status: step.toStatus, version: step.version, lockVersion, ...(step.comment ? { comment: step.comment } : {}) };
      if (step.details) {
        after.step = step.details.step;
        after.accepted = step.details.lines.filter((l) => l.code !== "IR").length;
        after.rejected = step.details.lines.filter((l) => l.code === "IR").length;
        if (DECISIONS.includes(step.action)) after.decisionCode = draft.decisionCode;
      }
    }
    if (step.action === "changes_requested" || DECISIONS.includes(step.action)) decidedAt = step.at;
    if (step.action === "revised") decidedAt = null;
    const actorUserId = step.role === "supplier" ? actors.supplier : step.role === "manager" ? actors.manager : actors.buyer;
    history.planEvents.push({
      tenantId: tenant.id,
      id: id(`plan-event:${name}:${index}`),
      planId,
      supplierId: supplier.id,
      version: step.version,
      action: step.action,
      fromStatus: step.fromStatus,
      toStatus: step.toStatus,
      actorUserId,
      actorRole: step.role,
      comment: step.comment,
      details: step.details,
      occurredAt: step.at,
    });
    history.auditEvents.push({
      id: id(`audit:plan:${name}:${index}`),
      tenantId: tenant.id,
      supplierId: supplier.id,
      actorUserId,
      action: PLAN_AUDIT_ACTIONS[step.action],
      entityType: PLAN_ENTITY,
      entityId: planId,
      before,
      after,
      occurredAt: step.at,
    });
  });

  const last = draft.steps[draft.steps.length - 1];
  history.plans.push({
    tenantId: tenant.id,
    id: planId,
    supplierId: supplier.id,
    number: draft.number,
    status: last.toStatus,
    version: last.version,
    lockVersion,
    requestId,
    note: draft.note,
    createdBy: actors.supplier,
    route: draft.route,
    decisionCode: draft.decisionCode,
    submittedAt,
    decidedAt,
    createdAt: draft.steps[0].at,
    updatedAt: last.at,
  });

  const random = new Random(name, "shipments");
  const shipping = last.toStatus === "approved" || last.toStatus === "partially_approved";
  draft.versions.forEach((lines, v) => {
    const version = v + 1;
    lines.forEach((line, index) => {
      const lineId = id(`plan-line:${name}:v${version}:${index + 1}`);
      const lt = line.agreement.leadTimeDays;
      const shipment =
        shipping && version === last.version && line.status === "accepted"
          ? shipLine(line, lineId, draft, context.todayEpoch, random)
          : null;
      history.planLines.push({
        tenantId: tenant.id,
        id: lineId,
        planId,
        supplierId: supplier.id,
        version,
        lineNo: index + 1,
        agreementId: line.agreement.id,
        qty: line.qty,
        shipDate: isoDate(line.ship),
        arrivalDate: isoDate(line.ship + lt),
        proposedQty: line.proposedQty,
        reason: line.reason,
        approvedQty: line.approvedQty,
        approvedArrivalDate: line.approvedArrival === null ? null : isoDate(line.approvedArrival),
        decisionCode: line.code,
        decisionReason: line.decisionReason,
        ...fulfilment(line, shipment ? [shipment] : []),
        createdAt: draft.writtenAt[v],
      });
      if (shipment) history.shipments.push({ ...shipment, id: id(`shipment:${name}:${index + 1}`), asnNumber: "" });
    });
  });
}
