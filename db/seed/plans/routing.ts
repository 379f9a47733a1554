import { approvalRoute, classifyAbc, classifyXyz, policyFor } from "../../../app/core";
import type { DemoAgreement, DemoDataset } from "../generate";
import type { Random } from "../random";
import type { PlanRoute } from "./rows";
import { type AgreementClass, type DraftContext, type LineDraft, SETTINGS } from "./shared";

/**
 * Routing: which agreements a plan's lines take, so that the route the core gives them is the one
 * its scenario needs, and that route.
 */

/**
 * Each agreement's class as the recompute finds it on the last day of the facts: ABC of the
 * tenant's items by the value of the 365 days' consumption at every site, XYZ of the agreement's
 * last 52 weeks (weeks ending on the last day), and the approval its cell's policy asks for.
 */
export function classifyAgreements(dataset: DemoDataset, tenantId: string): Map<string, AgreementClass> {
  const items = dataset.items.filter((i) => i.tenantId === tenantId);
  const agreements = dataset.agreements.filter((a) => a.tenantId === tenantId);
  const consumed = new Map<string, number>();
  for (const agreement of agreements) {
    let sum = 0;
    for (let d = dataset.days - 365; d < dataset.days; d++) sum += agreement.consumed[d];
    consumed.set(agreement.itemId, (consumed.get(agreement.itemId) ?? 0) + sum);
  }
  const abcBySku = new Map(
    classifyAbc(
      items.map((item) => ({ id: item.sku, annualValue: Math.max(0, (consumed.get(item.id) ?? 0) * item.unitCost) })),
      SETTINGS.abcCutoffs,
    ).map((c) => [c.id, c.abc]),
  );
  const itemsById = new Map(items.map((item) => [item.id, item]));
  const classes = new Map<string, AgreementClass>();
  for (const agreement of agreements) {
    const item = itemsById.get(agreement.itemId)!;
    const weeks = Array.from({ length: 52 }, (_, w) => {
      let sum = 0;
      for (let d = dataset.days - (52 - w) * 7; d < dataset.days - (51 - w) * 7; d++) sum += agreement.consumed[d];
      return Math.max(0, sum);
    });
    const abc = abcBySku.get(item.sku)!;
    const { xyz } = classifyXyz(weeks, SETTINGS.xyzCutoffs);
    classes.set(agreement.id, {
      abc,
      xyz,
      unitCost: item.unitCost,
      approval: policyFor(abc, xyz, { cells: SETTINGS.cells }).approval,
    });
  }
  return classes;
}

/**
 * The agreements of a plan's lines, so that its route fits the scenario: a two-step plan has a
 * line whose cell asks for a manager; a buyer's plan has none, and at least two lines (all when
 * fewer) whose cell needs a buyer, so that no revision (which drops at most one line) makes it
 * approvable at submission.
 */
export function chooseAgreements(
  agreements: readonly DemoAgreement[],
  count: number,
  manager: boolean,
  context: DraftContext,
  random: Random,
): DemoAgreement[] {
  const approval = (a: DemoAgreement) => context.classes.get(a.id)!.approval;
  const shuffled = random.shuffle(agreements);
  if (manager) {
    const chosen = shuffled.slice(0, count);
    const managed = shuffled.find((a) => approval(a) === "buyer-then-manager");
    if (managed && !chosen.some((a) => approval(a) === "buyer-then-manager")) chosen[chosen.length - 1] = managed;
    return chosen;
  }
  const eligible = shuffled.filter((a) => approval(a) !== "buyer-then-manager");
  const chosen = eligible.slice(0, count);
  const needed = Math.min(2, chosen.length);
  const spare = eligible.slice(count).filter((a) => approval(a) === "buyer");
  for (
    let i = chosen.length - 1;
    i >= 0 && chosen.filter((a) => approval(a) === "buyer").length < needed && spare.length > 0;
    i--
  ) {
    if (approval(chosen[i]) !== "buyer") chosen[i] = spare.shift()!;
  }
  return chosen;
}

/**
 * The route approvalRoute gives a version's lines, by their agreements' classes, with the value in
 * cents rather than a float sum. Projected stock is not simulated here: every line counts as
 * keeping it in band, which only decides which line a buyer's plan's reason names (each such plan
 * has a line whose cell needs a buyer, so none is approved at submission).
 */
export function routeOf(lines: readonly LineDraft[], context: DraftContext): PlanRoute {
  const cents = (x: number) => Math.round(x * 100) / 100;
  const route = approvalRoute(
    lines.map((line) => {
      const { abc, xyz, unitCost } = context.classes.get(line.agreement.id)!;
      return { abc, xyz, value: cents(line.qty * unitCost), keepsInBand: true };
    }),
    SETTINGS.approval,
  );
  return {
    ...route,
    value: cents(route.value),
    reasons: route.reasons.map((reason) =>
      reason.code === "value-above-threshold" ? { ...reason, value: cents(reason.value) } : reason,
    ),
  };
}
