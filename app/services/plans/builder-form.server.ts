import { parseWithZod } from "@conform-to/zod/v4";
import { z } from "zod";
import type { Membership } from "~/services/auth/guards.server";
import type { ToastInput } from "~/utils/toast.server";
import { getDb } from "~/utils/db.server";
import { wholeNumber } from "~/utils/input/decimal";
import { requireFormData } from "~/utils/read-form-data.server";
import { saveDraft, submitPlan } from "./save.server";

/**
 * The plan builder's form through conform: `lines[i].field` become an array of lines, beside the
 * request id, lock version, note and the button's intent. Only the intent is judged here (a value
 * no button sends is refused, not read as a submission); every line and the note are checked by
 * the plan services, which name each error by its field.
 */

const LINE_FIELDS = ["agreementId", "qty", "shipDate", "arrivalDate", "reason", "proposedQty"] as const;
const LINE_FIELD = new RegExp(`^lines\\[(\\d{1,4})\\]\\.(${LINE_FIELDS.join("|")})$`);
const PLAN_FIELDS = new Set(["intent", "requestId", "lockVersion", "note"]);

const text = z.string().optional();

export const PlanBuilderFormSchema = z.object({
  intent: z.enum(["submit", "draft"]).optional(),
  requestId: text,
  lockVersion: text,
  note: text,
  lines: z.array(z.object(Object.fromEntries(LINE_FIELDS.map((f) => [f, text])))).optional(),
});

/**
 * The builder's fields only, lines renumbered in order with the gaps closed: a posted
 * `lines[9999].qty` is line 1 when it is the only one, so no index makes a long sparse list.
 */
export function builderFields(form: FormData): FormData {
  const out = new FormData();
  const lines = new Map<number, [string, string][]>();
  for (const [name, value] of form.entries()) {
    if (typeof value !== "string") continue;
    if (PLAN_FIELDS.has(name)) {
      out.append(name, value);
      continue;
    }
    const match = LINE_FIELD.exec(name);
    if (!match) continue;
    const index = wholeNumber(match[1]) ?? 0;
    lines.set(index, [...(lines.get(index) ?? []), [match[2], value]]);
  }
  [...lines.keys()]
    .sort((a, b) => a - b)
    .forEach((index, position) => {
      for (const [field, value] of lines.get(index)!) out.append(`lines[${position}].${field}`, value);
    });
  return out;
}

/** The builder's POST as a conform submission; a body that is not a form is a 400. */
export async function readPlanBuilderForm(request: Request) {
  const form = await requireFormData(request);
  return parseWithZod(builderFields(form), { schema: PlanBuilderFormSchema });
}

export type PlanBuilderForm = z.output<typeof PlanBuilderFormSchema>;

/**
 * Saves the builder's form as a draft, or submits it (the button's intent; submit when none):
 * a new plan without `planId`, else the draft being edited. Returns the plan's page and the
 * toast that says what happened there.
 *
 * @throws AppError, as saveDraft and submitPlan
 */
export async function savePlanForm(
  membership: Membership,
  planId: string | null,
  form: PlanBuilderForm,
): Promise<{ planUrl: string; toast: ToastInput }> {
  const intent = form.intent ?? "submit";
  const input = {
    planId,
    requestId: form.requestId ?? "",
    lockVersion: wholeNumber(form.lockVersion),
    note: form.note ?? "",
    lines: form.lines ?? [],
  };
  const db = getDb();
  const { plan, movedShipDates = 0 } =
    intent === "draft" ? await saveDraft(db, membership.scope, input) : await submitPlan(db, membership.scope, input);
  // A plan approved at submission is not waiting for anyone: the toast says it was approved.
  const submittedKey = plan.route?.autoApproved ? "plans.page.autoApprovedToast" : "plans.page.submittedToast";
  const params = { number: plan.number ?? "", count: movedShipDates };
  return {
    planUrl: `/t/${membership.tenant.slug}/plans/${plan.id}`,
    toast:
      intent === "draft"
        ? { key: "plans.page.saved" }
        : { key: movedShipDates > 0 ? `${submittedKey}Moved` : submittedKey, params },
  };
}
