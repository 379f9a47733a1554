import type { TenantScope } from "@db/scope";
import type { PlanHeader } from "~/models/plans/read.server";
import { AppError } from "~/utils/app-error";
import { readPlanText } from "./plan-line-rules";

/** What every plan write returns: the plan as it now stands. */
export interface PlanWriteResult {
  plan: PlanHeader;
  /** True when the request had already been applied (same requestId): nothing new was written. */
  replayed: boolean;
  /** Lines of a resubmitted revision whose past ship date was moved to today. */
  movedShipDates?: number;
}

/** Audit actions of the plan services. */
export const PLAN_AUDIT = {
  create: "plan.create",
  update: "plan.update",
  submit: "plan.submit",
  withdraw: "plan.withdraw",
  requestChanges: "plan.request_changes",
  revise: "plan.revise",
  autoApprove: "plan.auto_approve",
  decideStep: "plan.decide_step",
  approve: "plan.approve",
  partiallyApprove: "plan.partially_approve",
  reject: "plan.reject",
} as const;

/**
 * The plan changed since the page was loaded (`stale`: its lock version moved on), or the action
 * is not allowed in its current state (`state`). `details` holds the plan's current status and
 * lock version; the message names the status by its key, for the page to put in words.
 */
export function planConflict(reason: "stale" | "state", current: { status: string; lockVersion: number }): AppError {
  const message =
    reason === "stale" ? { key: "plans.page.conflict" } : { key: "plans.page.notAllowed", params: { status: current.status } };
  return AppError.conflict(reason, message, { status: current.status, lockVersion: current.lockVersion });
}

/**
 * A plan comment read by the input rules (no control characters, at most `max` characters), and
 * required when `required`; refused with the message beside the page's `comment` field.
 */
export function readComment(value: unknown, max: number, required: boolean): string | null {
  const text = readPlanText(value, max);
  if (!text.ok) throw commentError(text.error.code, text.error.params);
  if (required && !text.value) throw commentError("required");
  return text.value;
}

const commentError = (code: string, params?: Record<string, number>) =>
  AppError.invalid({ fieldErrors: { comment: [{ key: `plans.errors.${code}`, ...(params ? { params } : {}) }] } });

/**
 * Whether an error (or one it wraps: drizzle wraps driver errors in `cause`) is PostgreSQL's
 * unique violation (23505), on `constraint` when given. postgres.js names the constraint in
 * `constraint_name`, PGlite in `constraint`; both put it in the message too.
 */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === "object"; depth++) {
    const e = current as { code?: unknown; constraint_name?: unknown; constraint?: unknown; message?: unknown; cause?: unknown };
    if (e.code === "23505") {
      if (!constraint) return true;
      const names = [e.constraint_name, e.constraint, e.message].filter((v): v is string => typeof v === "string");
      return names.some((n) => n.includes(constraint));
    }
    current = e.cause;
  }
  return false;
}

/** Blank text is no text. */
export function cleanText(value: string | null | undefined): string | null {
  if (typeof value !== "string") return null;
  const trimmed = value.trim();
  return trimmed === "" ? null : trimmed;
}

export function actorRoleOf(scope: TenantScope, role?: string): string {
  return role ?? (scope.supplierId ? "supplier" : "buyer");
}
