import { describe, expect, it } from "vitest";
import { type Abc, type AbcXyzCell, approvalRoute, DEFAULT_CELL_POLICIES, type RoutedLine, type Xyz } from "~/core";
import { parseTenantSettings } from "~/models/tenant-settings.server";

/** The approval route chosen per ABC-XYZ cell on the settings page, as the routing honours it. */
const policy = { managerThreshold: 200_000, autoApproveThreshold: 50_000 };
const line = (cell: string, value = 1_000, keepsInBand = true): RoutedLine => ({
  abc: cell[0] as Abc,
  xyz: cell[1] as Xyz,
  value,
  keepsInBand,
});
const ALL_CELLS = Object.keys(DEFAULT_CELL_POLICIES) as AbcXyzCell[];

describe("approvalRoute with per-cell routes", () => {
  it("routes each cell by its route when set, and like today when nothing is set", () => {
    const expected = { "buyer-then-manager": ["buyer", "manager"], buyer: ["buyer"], "auto-if-in-band": [] } as const;
    const settings = parseTenantSettings({});
    for (const cell of ALL_CELLS) {
      const defaultSteps = approvalRoute([line(cell)], { ...settings.approval, cells: settings.cells }).steps;
      expect(defaultSteps, cell).toEqual(expected[DEFAULT_CELL_POLICIES[cell].approval]);
      for (const route of ["buyer-then-manager", "buyer", "auto-if-in-band"] as const) {
        const steps = approvalRoute([line(cell)], { ...policy, cells: { [cell]: { approval: route } } }).steps;
        expect(steps, `${cell} → ${route}`).toEqual(expected[route]);
      }
    }
  });

  it("an A cell routed to a buyer still goes to a manager above the manager threshold", () => {
    const cells = { AX: { approval: "buyer" as const } };
    expect(approvalRoute([line("AX", 250_000)], { ...policy, cells })).toMatchObject({
      steps: ["buyer", "manager"],
      reasons: [{ code: "value-above-threshold", value: 250_000, threshold: 200_000 }],
    });
  });

  it("an A cell routed automatically is approved at submission only in band and up to the automatic threshold", () => {
    const cells = { AY: { approval: "auto-if-in-band" as const } };
    expect(approvalRoute([line("AY", 40_000)], { ...policy, cells })).toMatchObject({ steps: [], autoApproved: true });
    expect(approvalRoute([line("AY", 40_000, false)], { ...policy, cells })).toMatchObject({
      steps: ["buyer"],
      reasons: [{ code: "not-auto-approvable", line: 1, why: "leaves-band" }],
    });
    expect(approvalRoute([line("AY", 60_000)], { ...policy, cells })).toMatchObject({
      steps: ["buyer"],
      reasons: [{ code: "not-auto-approvable", line: null, why: "value" }],
    });
  });

  it("one line of a cell that needs a manager sends the whole plan to a manager", () => {
    const cells = { BZ: { approval: "buyer-then-manager" as const } };
    expect(approvalRoute([line("CX"), line("BZ"), line("BX")], { ...policy, cells })).toMatchObject({
      steps: ["buyer", "manager"],
      reasons: [{ code: "manager-cell", line: 2, cell: "BZ" }],
    });
  });
});
