import type { BandProposalStatus } from "../schema";
import type { DemoAgreement, DemoDataset } from "./generate";
import { Random } from "./random";

/**
 * Suppliers' proposals to change an agreement's band ("Agreements"): for every supplier
 * with a demo sign-in, two waiting for a buyer and one the buyer rejected. None was accepted: an
 * accepted proposal would have changed its agreement's band after the history was simulated.
 */

export interface DemoBandProposal {
  tenantId: string;
  id: string;
  agreementId: string;
  supplierId: string;
  currentMin: number;
  currentMax: number;
  proposedMin: number;
  proposedMax: number;
  reason: string;
  status: BandProposalStatus;
  createdBy: string | null;
  decidedBy: string | null;
  decisionComment: string | null;
  decidedAt: Date | null;
  createdAt: Date;
}

export interface BandProposalContext {
  todayEpoch: number;
  suffix: string;
  id: (name: string) => string;
  /** The instant of a tenant-local day (epoch day) and minute of the day. */
  localInstant: (epochDay: number, minute: number, timeZone: string) => Date;
}

/** What a supplier asks for, and why: factors on the current min and max. */
const CHANGES: readonly { reason: string; min: number; max: number }[] = [
  { reason: "Our lead time from the plant has grown by about a week: a higher min keeps the same cover.", min: 1.25, max: 1.15 },
  { reason: "Consumption at this site has been lower for three months; a smaller band avoids slow stock.", min: 0.8, max: 0.8 },
  { reason: "We ship full pallets only from next quarter: a wider band lets each delivery fit.", min: 1, max: 1.3 },
  { reason: "Seasonal peak ahead: we would like to hold more stock through the coming weeks.", min: 1.2, max: 1.25 },
];

const REJECT_COMMENTS = [
  "The current band still covers the lead time; let us look again after the next review.",
  "Storage at this site is limited: we cannot raise the max now.",
];

const roundToPack = (quantity: number, pack: number) => Math.max(pack, Math.round(quantity / pack) * pack);

/** The proposals of every supplier with a sign-in, deterministically. */
export function buildBandProposals(dataset: DemoDataset, context: BandProposalContext): DemoBandProposal[] {
  const proposals: DemoBandProposal[] = [];
  for (const tenant of dataset.tenants) {
    const slug = tenant.slug.slice(0, tenant.slug.length - context.suffix.length);
    const members = dataset.memberships.filter((m) => m.tenantId === tenant.id);
    const buyer = members.find((m) => m.role === "buyer")?.userId ?? null;
    for (const supplier of dataset.suppliers.filter((s) => s.tenantId === tenant.id)) {
      const supplierUser = members.find((m) => m.role === "supplier" && m.supplierId === supplier.id)?.userId;
      if (!supplierUser) continue;
      const random = new Random(slug, "band-proposals", supplier.code);
      const agreements = random.shuffle(dataset.agreements.filter((a) => a.supplierId === supplier.id && a.pattern !== "dead"));
      const statuses: BandProposalStatus[] = ["pending", "pending", "rejected"];
      statuses.forEach((status, index) => {
        const agreement = agreements[index];
        if (!agreement) return;
        const name = `${slug}:${supplier.code}:${index + 1}`;
        const { min, max, reason } = proposedBand(agreement, random);
        const daysAgo = status === "pending" ? random.int(1, 12) : random.int(25, 60);
        const createdAt = context.localInstant(context.todayEpoch - daysAgo, random.int(9 * 60, 17 * 60), tenant.timezone);
        const decided = status === "rejected";
        proposals.push({
          tenantId: tenant.id,
          id: context.id(`band-proposal:${name}`),
          agreementId: agreement.id,
          supplierId: supplier.id,
          currentMin: agreement.minQty,
          currentMax: agreement.maxQty,
          proposedMin: min,
          proposedMax: max,
          reason,
          status,
          createdBy: supplierUser,
          decidedBy: decided ? buyer : null,
          decisionComment: decided ? random.pick(REJECT_COMMENTS) : null,
          decidedAt: decided
            ? context.localInstant(context.todayEpoch - daysAgo + random.int(1, 4), random.int(9 * 60, 17 * 60), tenant.timezone)
            : null,
          createdAt,
        });
      });
    }
  }
  return proposals;
}

/** A band in packs, at least one pack wide, that differs from the current one. */
function proposedBand(agreement: DemoAgreement, random: Random): { min: number; max: number; reason: string } {
  const change = random.pick(CHANGES);
  const pack = agreement.packSize;
  const min = change.min === 1 ? agreement.minQty : roundToPack(agreement.minQty * change.min, pack);
  let max = Math.max(min + pack, roundToPack(agreement.maxQty * change.max, pack));
  if (min === agreement.minQty && max === agreement.maxQty) max += pack;
  return { min, max, reason: change.reason };
}
