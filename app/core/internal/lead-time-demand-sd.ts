/**
 * σL = √(LT·σd² + d̄²·σLT²): the sd of demand over a lead time that is itself uncertain, with σd
 * the per-period sd whose √LT multiple is the spread over the lead time (for a forecast model,
 * `forecastErrorSd(f, LT) ÷ √LT`).
 */
export function leadTimeDemandSd(demandMean: number, demandSd: number, leadTime: number, leadTimeSd: number): number {
  return Math.sqrt(leadTime * demandSd * demandSd + demandMean * demandMean * leadTimeSd * leadTimeSd);
}
