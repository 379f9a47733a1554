/** Audit actions of the agreement services. */
export const AGREEMENT_AUDIT = {
  create: "agreement.create",
  update: "agreement.update",
  end: "agreement.end",
  propose: "band_proposal.propose",
  withdraw: "band_proposal.withdraw",
  accept: "band_proposal.accept",
  reject: "band_proposal.reject",
} as const;

/** The audit trail's entity type for agreements. */
export const AGREEMENT_ENTITY = "agreement";

/**
 * Quantities are stored with 4 decimals and lead times with 2: what is compared and audited is
 * what the database will hold, so that 10.00001 over 10 is no change.
 */
export const roundTo = (value: number, decimals: number) => {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
};

/**
 * Decimals the database keeps per term (agreements: quantities numeric(18,4), lead times
 * numeric(8,2)). The review period is a whole number of days: a fraction is an error, not rounded.
 */
const STORED_DECIMALS = {
  minQty: 4,
  maxQty: 4,
  leadTimeDays: 2,
  leadTimeSdDays: 2,
  moq: 4,
  packSize: 4,
} as const;

/** Terms as the database will store them. */
export function storedTerms<T extends Partial<Record<keyof typeof STORED_DECIMALS, number>>>(terms: T): T {
  const out = { ...terms };
  for (const field of Object.keys(STORED_DECIMALS) as (keyof typeof STORED_DECIMALS)[]) {
    const value = out[field];
    if (typeof value === "number") (out as Record<string, number>)[field] = roundTo(value, STORED_DECIMALS[field]);
  }
  return out;
}
