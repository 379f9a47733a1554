import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Abc, approvalRoute, type RoutedLine, type Xyz } from "~/core";
import { parseTenantSettings } from "~/models/tenant-settings.server";

const policy = { managerThreshold: 200_000, autoApproveThreshold: 50_000 };
const line = (cell: string, value: number, keepsInBand = true): RoutedLine => ({
  abc: cell[0] as Abc,
  xyz: cell[1] as Xyz,
  value,
  keepsInBand,
});

describe("approvalRoute (routing, docs/domain.md's policy table)", () => {
  it("docs/domain.md table: A cells → buyer then manager; B cells and CZ → buyer; CX, CY in band → approved at submission", () => {
    const route = (cell: string) => approvalRoute([line(cell, 1_000)], policy);
    for (const cell of ["AX", "AY", "AZ"])
      expect(route(cell), cell).toMatchObject({ steps: ["buyer", "manager"], autoApproved: false });
    for (const cell of ["BX", "BY", "BZ", "CZ"])
      expect(route(cell), cell).toMatchObject({ steps: ["buyer"], autoApproved: false });
    for (const cell of ["CX", "CY"]) expect(route(cell), cell).toMatchObject({ steps: [], autoApproved: true });
  });

  it("one A-class line sends the whole plan to a manager, and says which line", () => {
    const r = approvalRoute([line("CX", 100), line("BY", 100), line("AZ", 100)], policy);
    expect(r).toEqual({
      steps: ["buyer", "manager"],
      autoApproved: false,
      value: 300,
      reasons: [{ code: "a-class-line", line: 3 }],
    });
  });

  it("a value above the threshold (200,000) goes to a manager; exactly at it does not", () => {
    expect(approvalRoute([line("BX", 150_000), line("BX", 50_001)], policy)).toMatchObject({
      steps: ["buyer", "manager"],
      reasons: [{ code: "value-above-threshold", value: 200_001, threshold: 200_000 }],
    });
    expect(approvalRoute([line("BX", 150_000), line("BX", 50_000)], policy).steps).toEqual(["buyer"]);
  });

  it("auto-approval needs every line CX/CY, in band, and the total at most the auto threshold", () => {
    expect(approvalRoute([line("CX", 30_000), line("CY", 20_000)], policy).autoApproved).toBe(true);
    expect(approvalRoute([line("CX", 30_000), line("CY", 20_001)], policy)).toMatchObject({
      steps: ["buyer"],
      reasons: [{ code: "not-auto-approvable", line: null, why: "value" }],
    });
    expect(approvalRoute([line("CX", 10), line("CY", 10, false)], policy)).toMatchObject({
      steps: ["buyer"],
      reasons: [{ code: "not-auto-approvable", line: 2, why: "leaves-band" }],
    });
    expect(approvalRoute([line("CX", 10), line("BX", 10)], policy)).toMatchObject({
      reasons: [{ code: "not-auto-approvable", line: 2, why: "cell" }],
    });
    expect(approvalRoute([{ abc: null, xyz: null, value: 10, keepsInBand: true }], policy)).toMatchObject({
      steps: ["buyer"],
      reasons: [{ code: "not-auto-approvable", line: 1, why: "unclassified" }],
    });
    expect(approvalRoute([], policy)).toMatchObject({ steps: ["buyer"], autoApproved: false, value: 0 });
  });

  it("follows the tenant's cell overrides", () => {
    const cells = { BX: { approval: "auto-if-in-band" as const }, CY: { approval: "buyer-then-manager" as const } };
    expect(approvalRoute([line("BX", 10)], { ...policy, cells }).autoApproved).toBe(true);
    expect(approvalRoute([line("CY", 10)], { ...policy, cells })).toMatchObject({
      steps: ["buyer", "manager"],
      reasons: [{ code: "manager-cell", line: 1, cell: "CY" }],
    });
  });

  it("rejects negative or non-finite values and thresholds, naming them", () => {
    expect(() => approvalRoute([line("BX", -1)], policy)).toThrow(/^lines\[0\]\.value/);
    expect(() => approvalRoute([line("BX", Number.NaN)], policy)).toThrow(/^lines\[0\]\.value/);
    expect(() => approvalRoute([], { ...policy, managerThreshold: -5 })).toThrow(/^policy\.managerThreshold/);
  });

  it("tenant settings default to 200,000 and 50,000 and refuse an auto threshold above the manager's", () => {
    expect(parseTenantSettings({}).approval).toEqual({ managerThreshold: 200_000, autoApproveThreshold: 50_000 });
    expect(() => parseTenantSettings({ approval: { managerThreshold: 10, autoApproveThreshold: 20 } })).toThrow(/approval/);
  });

  it("property: adding a line never lowers the route (auto < buyer < buyer then manager)", () => {
    const rank = (r: ReturnType<typeof approvalRoute>) => (r.autoApproved ? 0 : r.steps.length);
    const cell = fc.constantFrom("AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ");
    const lineArb = fc
      .record({ cell, value: fc.integer({ min: 0, max: 120_000 }), inBand: fc.boolean() })
      .map((l) => line(l.cell, l.value, l.inBand));
    fc.assert(
      fc.property(fc.array(lineArb, { minLength: 1, maxLength: 6 }), lineArb, (lines, extra) => {
        expect(rank(approvalRoute([...lines, extra], policy))).toBeGreaterThanOrEqual(rank(approvalRoute(lines, policy)));
      }),
    );
  });
});
