import type { DemoAgreement } from "../generate";
import type { Random } from "../random";
import type { DraftContext, LineDraft } from "./shared";

/** A buyer's request for changes: which line to change and how, in words, and the revision that follows. */

export type LineChange =
  | { kind: "reduce"; agreement: DemoAgreement; qty: number }
  | { kind: "later"; agreement: DemoAgreement; days: number }
  | { kind: "drop"; agreement: DemoAgreement };

/** What a buyer asks to change: drop a line, ship less (still ≥ MOQ, in packs), or ship later. */
export function chooseChange(lines: readonly LineDraft[], random: Random): LineChange {
  const reducible = lines.filter((l) => l.qty - l.agreement.packSize >= l.agreement.moq);
  const roll = random.float();
  if (lines.length >= 3 && roll < 0.3) return { kind: "drop", agreement: random.pick(lines).agreement };
  if (reducible.length > 0 && roll < 0.7) {
    const line = random.pick(reducible);
    const packs = Math.floor((line.qty - line.agreement.moq) / line.agreement.packSize);
    return {
      kind: "reduce",
      agreement: line.agreement,
      qty: line.qty - line.agreement.packSize * random.int(1, Math.max(1, Math.ceil(packs / 2))),
    };
  }
  return { kind: "later", agreement: random.pick(lines).agreement, days: random.int(3, 7) };
}

/** The buyer's comment: names the supplier's own line (SKU at site) and what to change. */
export function describeChange(change: LineChange, context: DraftContext): string {
  const { agreement } = change;
  const what = `${agreement.sku} at ${agreement.siteCode}`;
  switch (change.kind) {
    case "reduce": {
      const uom = context.uoms.get(agreement.itemId);
      return `Please reduce ${what} to ${change.qty}${uom ? ` ${uom}` : ""}: consumption there has slowed and the full quantity would take stock above max.`;
    }
    case "later":
      return `Please ship ${what} ${change.days} days later: the ${context.sites.get(agreement.locationId)?.name ?? agreement.siteCode} cannot receive it that week.`;
    case "drop":
      return `Please drop ${what}: there is enough on hand for the next cycle.`;
  }
}

/** The supplier's revision: the requested change made to a copy of the lines. */
export function applyChange(lines: LineDraft[], change: LineChange): LineDraft[] {
  const id = change.agreement.id;
  switch (change.kind) {
    case "drop":
      return lines.filter((l) => l.agreement.id !== id);
    case "reduce":
      return lines.map((l) => (l.agreement.id === id ? { ...l, qty: change.qty } : l));
    case "later":
      return lines.map((l) => (l.agreement.id === id ? { ...l, ship: l.ship + change.days } : l));
  }
}
