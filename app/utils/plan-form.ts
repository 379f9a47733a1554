import { wholeNumber } from "./input/decimal";

/**
 * Reads the plan builder's form: `lines[i].field` entries become an array of line objects (in
 * index order, gaps closed), plus the request id, lock version, note and intent. Shapes are not
 * judged here: the plan service parses and checks every line and names what is wrong.
 */
export interface PlanFormData {
  intent: "submit" | "draft";
  requestId: string;
  lockVersion: number | null;
  note: string;
  lines: Record<string, string>[];
}

const LINE_FIELD = /^lines\[(\d{1,4})\]\.(agreementId|qty|shipDate|arrivalDate|reason|proposedQty)$/;

export function readPlanForm(form: FormData): PlanFormData {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const match = LINE_FIELD.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = wholeNumber(match[1]) ?? 0;
    const line = byIndex.get(index) ?? {};
    line[match[2]] = value;
    byIndex.set(index, line);
  }
  const lockVersion = wholeNumber(form.get("lockVersion"));
  return {
    intent: form.get("intent") === "draft" ? "draft" : "submit",
    requestId: String(form.get("requestId") ?? ""),
    lockVersion,
    note: String(form.get("note") ?? ""),
    lines: [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line),
  };
}
