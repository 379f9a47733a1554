/** A line of the plan as the review shows it (the plan page's loader data). */
export interface ReviewLine {
  id: string;
  lineNo: number;
  sku: string;
  itemName: string;
  uom: string;
  siteCode: string;
  siteName: string;
  qty: number;
  shipDate: string;
  arrivalDate: string;
  proposedQty: number | null;
  reason: string | null;
  approvedQty: number | null;
  approvedArrivalDate: string | null;
  decisionCode: string | null;
  decisionReason: string | null;
}

/** What the review service computed for a line (app/services/plans/review.server.ts). */
export interface ReviewFacts {
  lineNo: number;
  agreement: {
    min: number;
    max: number;
    onHand: number;
    forecastDaily: number;
    leadTimeDays: number;
    packSize: number;
    cell: string | null;
    recommendedMin: number | null;
    recommendedMax: number | null;
  } | null;
  projection: { date: string; without: number; withLine: number }[];
  asDecided: boolean;
  value: number;
  holdingCost: number;
  daysHeld: number;
  aboveMaxDate: string | null;
  stockoutDate: string | null;
}
