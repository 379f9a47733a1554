import { useMemo, useRef } from "react";
import type { LineEffect, PlanningContext } from "~/core";
import type { PlanLineError } from "~/services/plans/plan-line-rules";
import type { PlanBuilderRules } from "./plan-builder";
import type { BuilderLine } from "./plan-builder-line";

/** What the rules say about one line: its errors, its effect, and the stockout its agreement is left with. */
export interface LineChecks {
  errors: readonly PlanLineError[];
  effect: LineEffect | undefined;
  /** On the agreement's last line only: the stockout left after the plan, or null. */
  stockoutDate: string | null;
}

interface Group<L> {
  lines: readonly L[];
  checks: Map<L, LineChecks>;
}

const NO_ERRORS: readonly PlanLineError[] = [];

const rawOf = ({ agreementId, qty, shipDate, arrivalDate, reason }: BuilderLine) => ({
  agreementId,
  qty,
  shipDate,
  arrivalDate,
  reason,
});

/**
 * The plan rules on the lines of the plan (in posted order), run per agreement: every rule reads
 * the lines of one agreement only (a line's own fields, and the projection of its agreement with
 * every other line for it), so an edit checks and projects again only its agreement's lines, and
 * the rest are taken from the last run. A line object stands for its values (lines are replaced,
 * never changed in place).
 */
export function useBuilderChecks<L extends BuilderLine>(
  lines: readonly L[],
  context: PlanningContext,
  rules: PlanBuilderRules,
): Map<L, LineChecks> {
  const cache = useRef<{ context: PlanningContext; rules: PlanBuilderRules; groups: Map<string, Group<L>> } | null>(null);
  return useMemo(() => {
    if (!cache.current || cache.current.context !== context || cache.current.rules !== rules)
      cache.current = { context, rules, groups: new Map() };
    const previous = cache.current.groups;
    const byAgreement = new Map<string, L[]>();
    for (const l of lines) {
      const id = l.agreementId.toLowerCase();
      const group = byAgreement.get(id);
      if (group) group.push(l);
      else byAgreement.set(id, [l]);
    }
    const groups = new Map<string, Group<L>>();
    const out = new Map<L, LineChecks>();
    for (const [id, group] of byAgreement) {
      const before = previous.get(id);
      const same = before && before.lines.length === group.length && before.lines.every((l, i) => l === group[i]);
      const checked = same ? before : { lines: group, checks: checkGroup(group, context, rules) };
      groups.set(id, checked);
      for (const [line, checks] of checked.checks) out.set(line, checks);
    }
    cache.current.groups = groups;
    return out;
  }, [lines, context, rules]);
}

function checkGroup<L extends BuilderLine>(group: readonly L[], context: PlanningContext, rules: PlanBuilderRules) {
  const raw = group.map(rawOf);
  const errors = rules.validate(raw, context).errors;
  const agreementId = group[0].agreementId;
  const projection = agreementId ? rules.project(context, agreementId, raw) : null;
  const checks = new Map<L, LineChecks>();
  group.forEach((line, j) => {
    const own = errors.filter((e) => e.line === j + 1);
    checks.set(line, {
      errors: own.length > 0 ? own : NO_ERRORS,
      effect: projection?.lines.find((e) => e.line === j + 1),
      stockoutDate: j === group.length - 1 ? (projection?.stockoutDate ?? null) : null,
    });
  });
  return checks;
}
