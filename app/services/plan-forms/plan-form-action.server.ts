import { data, redirect } from "@remix-run/node";
import type { Membership } from "~/services/auth/guards.server";
import { PlanServiceError, PlanValidationError, saveDraft, submitPlan } from "~/services/plans/index.server";
import { getDb } from "~/utils/db.server";
import type { PlanFormError, PlanLineError } from "~/utils/plan-lines";
import { readPlanForm } from "~/utils/plan-form";

export interface PlanFormActionData {
  serverErrors: PlanLineError[];
  planErrors: PlanFormError[];
  conflict: { reason: string; status: string } | null;
  /** The lines as posted, so that a page rendered without script shows what was typed. */
  lines: Record<string, string>[];
  note: string;
}

/** The form's fields, or null when the body is not a form (a 400, not a crash). */
export async function readFormData(request: Request): Promise<FormData | null> {
  try {
    return await request.formData();
  } catch {
    return null;
  }
}

/**
 * The builder's POST: saves a draft or submits, then goes to the plan page (POST/redirect/GET).
 * A refused form comes back with every error by line and field (400), nothing written; a plan
 * changed meanwhile gives 409 with a clear message.
 */
export async function handlePlanForm(membership: Membership, request: Request, planId: string | null) {
  const body = await readFormData(request);
  if (!body) throw new Response("Bad request: expected a form", { status: 400 });
  // The builder's buttons send "submit" or "draft": any other intent is refused rather than read as a submission.
  const intent = body.get("intent");
  if (intent !== null && intent !== "submit" && intent !== "draft") throw new Response("Bad request", { status: 400 });
  const form = readPlanForm(body);
  const input = { planId, requestId: form.requestId, lockVersion: form.lockVersion, note: form.note, lines: form.lines };
  try {
    const result =
      form.intent === "draft"
        ? await saveDraft(getDb(), membership.scope, input)
        : await submitPlan(getDb(), membership.scope, input);
    const toast = form.intent === "draft" ? "saved" : "submitted";
    return redirect(`/t/${membership.tenant.slug}/plans/${result.plan.id}?done=${toast}`);
  } catch (error) {
    if (error instanceof PlanValidationError) {
      return data<PlanFormActionData>(
        { serverErrors: error.errors, planErrors: error.planErrors, conflict: null, lines: form.lines, note: form.note },
        { status: 400 },
      );
    }
    if (error instanceof PlanServiceError) {
      if (error.status === 409) {
        const current = error as unknown as { reason: string; current: { status: string } };
        return data<PlanFormActionData>(
          {
            serverErrors: [],
            planErrors: [],
            conflict: { reason: current.reason, status: current.current.status },
            lines: form.lines,
            note: form.note,
          },
          { status: 409 },
        );
      }
      // Not found, or not allowed for this role: the same 404, which confirms nothing.
      throw new Response("Not found", { status: 404 });
    }
    throw error;
  }
}
