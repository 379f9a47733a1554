import type { Database, Tx } from "@db/client";
import { type TenantScope, withTenant } from "@db/scope";
import { recordAudit } from "~/models/audit.server";
import { isSupplierActive } from "~/models/catalog-admin.server";
import { getPlanningClock, loadPlanningContext } from "~/models/planning.server";
import { getPlanHeader, PLAN_ENTITY } from "~/models/plans/read.server";
import {
  findPlanByRequestId,
  insertPlan,
  insertPlanEvent,
  lockPlan,
  nextPlanNumber,
  replaceLines,
  updatePlan,
  wasRequestApplied,
  type LineValues,
  type PlanState,
} from "~/models/plans/write.server";
import type { PlanningContext } from "~/core";
import { AppError } from "~/utils/app-error";
import { todayIn } from "~/utils/dates";
import { isUuid } from "~/utils/ids";
import { actorRoleOf, isUniqueViolation, PLAN_AUDIT, type PlanWriteResult } from "./common.server";
import {
  checkPlanForm,
  PLAN_NOTE_MAX,
  planFormMessages,
  readPlanText,
  validatePlanLines,
  type PlanFormError,
  type PlanLineError,
  type PlanLineInput,
} from "./plan-line-rules";
import { movePastShipDates } from "./past-ship-dates";
import { proposeFor } from "./propose.server";
import { afterSubmission, planRoute } from "./routing.server";
import { type SupplierScope, requireSupplier } from "~/services/auth/scope-sides.server";
import { alertsFollowPlan } from "./follow-alerts.server";

export interface PlanFormInput {
  /** The plan being edited; absent to create one. */
  planId?: string | null;
  /**
   * Idempotency key of this form submission (a UUID the form generates once). The same key again
   * — a double click, a retry after a lost response — returns the plan as the first request left
   * it instead of creating a second plan or applying the change twice.
   */
  requestId: string;
  /** The plan's lockVersion when the form was loaded; required with planId. */
  lockVersion?: number | null;
  note?: string | null;
  /** Lines as the form sends them (see planLineInputSchema); parsed and checked here. */
  lines: readonly unknown[];
  /** The tenant's today; its clock when absent (tests and batch jobs pass it). */
  today?: string;
}

/**
 * Saves a draft: creates it (status draft, version 1) or replaces the lines of a draft. Only what
 * keeps a line from being stored is refused here (shape, another supplier's or an unknown
 * agreement, qty ≤ 0, arrival before ship date); the rest of the checks wait for submission.
 *
 * @throws AppError: forbidden without a supplier scope; invalid (nothing written; every error
 *   under its form field, `lines[2].qty`); not_found; conflict (`stale` lockVersion, or `state`:
 *   the plan is not a draft)
 */
export async function saveDraft(db: Database, scope: TenantScope, input: PlanFormInput): Promise<PlanWriteResult> {
  return writePlan(db, scope, input, "draft");
}

/**
 * Submits a plan: a new one, a draft, or a revised version (same planId). Runs every check of the
 * plan and refuses with all errors, writing nothing. Otherwise gives the plan its number at
 * first submission (RP-YYYY-NNNNN, sequential per tenant; a revision keeps it), sets status
 * submitted and submitted_at, and writes the timeline event and the audit row in the same
 * transaction.
 *
 * @throws AppError, as saveDraft
 */
export async function submitPlan(db: Database, scope: TenantScope, input: PlanFormInput): Promise<PlanWriteResult> {
  const result = await writePlan(db, scope, input, "submit");
  if (!result.replayed) await alertsFollowPlan(db, scope, result.plan.id);
  return result;
}

async function writePlan(
  db: Database,
  scope: TenantScope,
  input: PlanFormInput,
  mode: "draft" | "submit",
): Promise<PlanWriteResult> {
  const submit = mode === "submit";
  requireSupplier(scope, submit ? PLAN_AUDIT.submit : PLAN_AUDIT.update);
  const lines = Array.isArray(input.lines) ? input.lines : [];
  const planErrors = checkPlanForm({ note: input.note, lines }, { mode });
  // Too many lines is refused before anything is loaded or checked: checking costs grow with the
  // square of an agreement's lines, and no request may hold the database for that long.
  if (planErrors.some((e) => e.code === "too_many_lines")) throw invalidPlan([], planErrors);
  if (input.planId !== undefined && input.planId !== null && !isUuid(input.planId)) throw AppError.notFound();
  if (!isUuid(input.requestId)) throw invalidPlan([], [...planErrors, { field: "requestId", code: "required" }]);
  const requestId = input.requestId.toLowerCase();

  try {
    return await withTenant(db, scope, async (tx) => {
      // An inactive supplier keeps its plans and history but takes no new plans or versions.
      if (!(await isSupplierActive(tx, scope.tenantId, scope.supplierId)))
        throw AppError.conflict("supplier_inactive", { key: "adminCatalog.errors.supplierInactivePlans" });
      let state: PlanState | null = null;
      if (input.planId) {
        state = await lockPlan(tx, scope, input.planId);
        if (!state) throw AppError.notFound();
        const action = submit ? PLAN_AUDIT.submit : PLAN_AUDIT.update;
        if (await wasRequestApplied(tx, scope, state.id, action, requestId)) return replayOf(tx, scope, state.id);
        if (input.lockVersion !== state.lockVersion) throw builderConflict("stale", state);
        if (state.status !== "draft") throw builderConflict("state", state);
      } else {
        const existing = await findPlanByRequestId(tx, scope, requestId);
        if (existing) return replayOf(tx, scope, existing.id);
      }

      const clock = await getPlanningClock(tx, scope);
      const today = input.today ?? todayIn(clock.timeZone);
      const context = await loadPlanningContext(tx, scope, {
        today,
        horizonDays: clock.horizonDays,
        agreementIds: agreementIdsOf(lines),
        excludePlanId: state?.id ?? null,
      });
      // A revision's ship dates that passed while the buyer decided are moved to today, not refused.
      const revision = submit && state && state.version > 1 ? movePastShipDates(lines, today) : null;
      const checked = validatePlanLines(revision?.lines ?? lines, context, { mode });
      if (checked.errors.length || planErrors.length) throw invalidPlan(checked.errors, planErrors);
      if (checked.lines.some((l) => l === null)) throw new Error("a plan line failed to parse without an error");
      const values = withVerifiedProposals(
        checked.lines.map((l) => lineValues(l as PlanLineInput)),
        context,
      );
      const noteText = readPlanText(input.note, PLAN_NOTE_MAX);
      const note = noteText.ok ? noteText.value : null;
      const summary = { requestId, lineCount: values.length, totalQty: values.reduce((s, l) => s + l.qty, 0) };

      if (!state) return create(tx, scope, { requestId, note, values, submit, today, summary, context });

      const number = submit && !state.number ? await nextPlanNumber(tx, yearOf(today)) : undefined;
      const route = submit ? await planRoute(tx, scope, values, context) : null;
      const lockVersion = await updatePlan(tx, scope, state.id, state.lockVersion, {
        note,
        ...(submit ? { status: "submitted" as const, submitted: true, route } : {}),
        ...(number ? { number } : {}),
      });
      if (lockVersion === null) throw builderConflict("stale", state);
      await replaceLines(tx, scope, { id: state.id, supplierId: state.supplierId, version: state.version }, values);
      let submittedEventId: string | null = null;
      if (submit) {
        submittedEventId = await insertPlanEvent(tx, scope, {
          planId: state.id,
          supplierId: state.supplierId,
          version: state.version,
          action: state.version > 1 ? "resubmitted" : "submitted",
          fromStatus: state.status,
          toStatus: "submitted",
          actorUserId: scope.userId,
          actorRole: actorRoleOf(scope),
        });
      }
      await recordAudit(tx, {
        tenantId: scope.tenantId,
        supplierId: state.supplierId,
        actorUserId: scope.userId,
        action: submit ? PLAN_AUDIT.submit : PLAN_AUDIT.update,
        entityType: PLAN_ENTITY,
        entityId: state.id,
        before: { status: state.status, lockVersion: state.lockVersion, version: state.version },
        after: {
          ...summary,
          status: submit ? "submitted" : state.status,
          number: number ?? state.number,
          version: state.version,
          lockVersion,
        },
      });
      if (submittedEventId && route) {
        const plan = {
          id: state.id,
          supplierId: state.supplierId,
          number: number ?? state.number,
          version: state.version,
          lockVersion,
        };
        await afterSubmission(tx, scope, plan, submittedEventId, route, values);
      }
      return { plan: await headerOf(tx, scope, state.id), replayed: false, movedShipDates: revision?.moved.length ?? 0 };
    });
  } catch (error) {
    // Two requests with one key at once: the loser's insert hits the unique key; the winner's
    // plan is the answer.
    if (!input.planId && isUniqueViolation(error, "replenishment_plans_request_key")) {
      const existing = await withTenant(db, scope, async (tx) => {
        const found = await findPlanByRequestId(tx, scope, requestId);
        return found ? headerOf(tx, scope, found.id) : null;
      });
      if (existing) return { plan: existing, replayed: true };
      throw builderConflict("state", { status: "unknown", lockVersion: 0 });
    }
    throw error;
  }
}

async function create(
  tx: Tx,
  scope: SupplierScope,
  p: {
    requestId: string;
    note: string | null;
    values: LineValues[];
    submit: boolean;
    today: string;
    summary: Record<string, unknown>;
    context: PlanningContext;
  },
): Promise<PlanWriteResult> {
  const status = p.submit ? ("submitted" as const) : ("draft" as const);
  // Numbered before the insert: a concurrent twin that loses on the request key rolls back, and
  // its number with it, so numbers stay gapless.
  const number = p.submit ? await nextPlanNumber(tx, yearOf(p.today)) : null;
  const route = p.submit ? await planRoute(tx, scope, p.values, p.context) : null;
  const id = await insertPlan(tx, scope, {
    supplierId: scope.supplierId,
    requestId: p.requestId,
    status,
    note: p.note,
    number,
    createdBy: scope.userId,
    submitted: p.submit,
    route,
  });
  await replaceLines(tx, scope, { id, supplierId: scope.supplierId, version: 1 }, p.values);
  const eventId = await insertPlanEvent(tx, scope, {
    planId: id,
    supplierId: scope.supplierId,
    version: 1,
    action: p.submit ? "submitted" : "created",
    fromStatus: null,
    toStatus: status,
    actorUserId: scope.userId,
    actorRole: actorRoleOf(scope),
  });
  await recordAudit(tx, {
    tenantId: scope.tenantId,
    supplierId: scope.supplierId,
    actorUserId: scope.userId,
    action: p.submit ? PLAN_AUDIT.submit : PLAN_AUDIT.create,
    entityType: PLAN_ENTITY,
    entityId: id,
    after: { ...p.summary, status, number, version: 1 },
  });
  if (route)
    await afterSubmission(
      tx,
      scope,
      { id, supplierId: scope.supplierId, number, version: 1, lockVersion: 1 },
      eventId,
      route,
      p.values,
    );
  return { plan: await headerOf(tx, scope, id), replayed: false };
}

async function replayOf(tx: Tx, scope: TenantScope, planId: string): Promise<PlanWriteResult> {
  return { plan: await headerOf(tx, scope, planId), replayed: true };
}

async function headerOf(tx: Tx, scope: TenantScope, planId: string) {
  const header = await getPlanHeader(tx, scope, planId);
  if (!header) throw AppError.notFound();
  return header;
}

function lineValues(l: PlanLineInput): LineValues {
  return {
    agreementId: l.agreementId.toLowerCase(),
    qty: l.qty,
    shipDate: l.shipDate,
    arrivalDate: l.arrivalDate,
    proposedQty: l.proposedQty,
    reason: l.reason,
  };
}

/**
 * What the form says the core proposed is kept only when the core does propose that quantity for
 * the agreement now: buyers read it beside the quantity, so a supplier must not be able to make
 * it up.
 */
function withVerifiedProposals(values: LineValues[], context: PlanningContext): LineValues[] {
  const proposed = new Map<string, Set<number>>();
  for (const agreement of context.agreements) {
    proposed.set(agreement.agreementId.toLowerCase(), new Set(proposeFor(agreement, context).map((l) => l.proposedQty)));
  }
  return values.map((v) =>
    v.proposedQty !== null && v.proposedQty !== undefined && !proposed.get(v.agreementId)?.has(v.proposedQty)
      ? { ...v, proposedQty: null }
      : v,
  );
}

/** The agreement ids the lines name (text only; the checks decide which are real and whose). */
function agreementIdsOf(lines: readonly unknown[]): string[] {
  const ids: string[] = [];
  for (const line of lines) {
    const id = line && typeof line === "object" ? (line as Record<string, unknown>).agreementId : undefined;
    if (typeof id === "string" && isUuid(id.trim())) ids.push(id.trim());
  }
  return ids;
}

const yearOf = (today: string) => Number(today.slice(0, 4));

/**
 * The plan changed since the builder was loaded, or is no longer a draft: either way the builder
 * says it changed and asks for a reload (the plan's page then shows what it is now).
 */
const builderConflict = (reason: "stale" | "state", state: { status: string; lockVersion: number }) =>
  AppError.conflict(reason, { key: "plans.page.conflict" }, { status: state.status, lockVersion: state.lockVersion });

/** The plan's errors, each under the form field it concerns: nothing was written. */
const invalidPlan = (lineErrors: PlanLineError[], planErrors: PlanFormError[]) =>
  AppError.invalid(planFormMessages(lineErrors, planErrors));
