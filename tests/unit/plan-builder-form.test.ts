import { describe, expect, it } from "vitest";
import { builderFields, readPlanBuilderForm } from "~/services/plans/builder-form.server";
import { wholeNumber } from "~/utils/input/decimal";

/**
 * The builder's POST as conform reads it: only the builder's fields, the lines in order with
 * gaps closed (no index makes a long sparse list), and a button value no button sends refused.
 */

function form(fields: [string, string][]) {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const post = (fields: [string, string][]) =>
  readPlanBuilderForm(new Request("http://portal.test/t/acme/plans/new", { method: "POST", body: form(fields) }));

describe("the builder's fields", () => {
  it("keeps the plan's fields and the lines' known fields, renumbered in order with the gaps closed", () => {
    const read = builderFields(
      form([
        ["requestId", "r"],
        ["lines[9999].qty", "3"],
        ["lines[7].qty", "2"],
        ["lines[7].reason", "why"],
        ["lines[0].qty", "1"],
        ["lines[0].evil", "x"],
        ["lines[12345].qty", "too far"],
        ["lines[1]", "not a field"],
        ["other", "x"],
      ]),
    );
    expect([...read.entries()]).toEqual([
      ["requestId", "r"],
      ["lines[0].qty", "1"],
      ["lines[1].qty", "2"],
      ["lines[1].reason", "why"],
      ["lines[2].qty", "3"],
    ]);
  });
});

describe("the builder's submission", () => {
  it("reads the lines as arrays of text, blank text as missing", async () => {
    const submission = await post([
      ["intent", "draft"],
      ["requestId", "11111111-1111-4111-8111-111111111111"],
      ["note", ""],
      ["lines[3].qty", " 7200 "],
      ["lines[3].reason", ""],
      ["lines[5].agreementId", "a"],
    ]);
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({
      intent: "draft",
      requestId: "11111111-1111-4111-8111-111111111111",
      lines: [{ qty: " 7200 " }, { agreementId: "a" }],
    });
  });

  it("refuses an intent no button sends, rather than reading it as a submission", async () => {
    for (const intent of ["approve", "Submit", ""]) {
      const submission = await post([["intent", intent]]);
      expect(submission.status, intent).toBe(intent === "" ? "success" : "error");
    }
  });

  it("reads the lock version strictly, as savePlanForm does (a lax one is a stale form)", () => {
    expect(wholeNumber("7")).toBe(7);
    for (const lax of ["0x7", "7e0", "-7", "NaN", ""]) expect(wholeNumber(lax), lax).toBeNull();
  });

  it("answers 400 to a body that is not a form", async () => {
    const request = new Request("http://portal.test/t/acme/plans/new", {
      method: "POST",
      headers: { "Content-Type": "multipart/form-data" },
      body: "not a multipart body",
    });
    const thrown = await readPlanBuilderForm(request).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(400);
  });
});
