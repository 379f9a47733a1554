import type { PlanningAgreement, PlanningContext } from "./planning-context";

/**
 * The context's agreements by id, lower-cased (ids from a form may come in either case).
 *
 * @example
 * agreementIndex(context).get(line.agreementId.toLowerCase())?.packSize; // 25
 */
export function agreementIndex(context: PlanningContext): Map<string, PlanningAgreement> {
  return new Map(context.agreements.map((a) => [a.agreementId.toLowerCase(), a]));
}
