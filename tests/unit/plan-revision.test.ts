import { describe, expect, it } from "vitest";
import type { PlanDetail } from "~/models/plans/read.server";
import { changesAsked } from "~/services/plans/draft-builder.server";
import { movePastShipDates } from "~/services/plans/past-ship-dates";

describe("movePastShipDates", () => {
  it("moves a past ship date to today and the arrival by as many days; leaves the rest as typed", () => {
    const { lines, moved } = movePastShipDates(
      [
        { agreementId: "a", shipDate: "2026-03-07", arrivalDate: "2026-03-09", qty: "10" },
        { agreementId: "b", shipDate: "2026-03-10", arrivalDate: "2026-03-12" },
        { agreementId: "c", shipDate: "2026-03-01", arrivalDate: "soon" },
        { agreementId: "d", shipDate: "yesterday", arrivalDate: "2026-03-12" },
        null,
      ],
      "2026-03-10",
    );
    expect(lines).toEqual([
      { agreementId: "a", shipDate: "2026-03-10", arrivalDate: "2026-03-12", qty: "10" },
      { agreementId: "b", shipDate: "2026-03-10", arrivalDate: "2026-03-12" },
      { agreementId: "c", shipDate: "2026-03-10", arrivalDate: "soon" },
      { agreementId: "d", shipDate: "yesterday", arrivalDate: "2026-03-12" },
      null,
    ]);
    expect(moved).toEqual([
      {
        line: 1,
        from: { shipDate: "2026-03-07", arrivalDate: "2026-03-09" },
        to: { shipDate: "2026-03-10", arrivalDate: "2026-03-12" },
      },
      { line: 3, from: { shipDate: "2026-03-01", arrivalDate: null }, to: { shipDate: "2026-03-10", arrivalDate: null } },
    ]);
  });
});

describe("changesAsked", () => {
  const record = (version: number, lineNo: number, decision: Partial<PlanDetail["lines"][number]> = {}) =>
    ({
      version,
      lineNo,
      sku: `SKU-${lineNo}`,
      siteCode: "S1",
      qty: 100,
      arrivalDate: "2026-03-12",
      decisionCode: null,
      approvedQty: null,
      approvedArrivalDate: null,
      decisionReason: null,
      ...decision,
    }) as PlanDetail["lines"][number];
  const detail = (version: number, allLines: PlanDetail["lines"], events: Partial<PlanDetail["events"][number]>[]) =>
    ({ plan: { version }, lines: [], allLines, events }) as unknown as PlanDetail;

  it("gives the comment the previous version was sent back with and the decisions on its lines", () => {
    const asked = changesAsked(
      detail(
        2,
        [record(1, 1, { decisionCode: "IQ", approvedQty: 50, decisionReason: "Half is enough" }), record(1, 2), record(2, 1)],
        [
          { version: 1, action: "submitted", comment: null },
          {
            version: 1,
            action: "changes_requested",
            comment: "Split line 1",
            actorRole: "manager",
            occurredAt: "2026-03-09T10:00:00Z",
          },
        ],
      ),
    );
    expect(asked).toEqual({
      version: 1,
      comment: "Split line 1",
      role: "manager",
      occurredAt: "2026-03-09T10:00:00Z",
      lines: [
        {
          lineNo: 1,
          sku: "SKU-1",
          siteCode: "S1",
          qty: 100,
          arrivalDate: "2026-03-12",
          decisionCode: "IQ",
          approvedQty: 50,
          approvedArrivalDate: null,
          reason: "Half is enough",
        },
      ],
    });
  });

  it("has nothing for a first version", () => {
    expect(changesAsked(detail(1, [record(1, 1)], []))).toBeNull();
  });
});
