import { parseWithZod } from "@conform-to/zod/v4";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { AppError, decodeMessage, encodeMessage } from "~/utils/app-error";
import { errorResponse, formErrorData, invariantFound, problemResponse, replyToError } from "~/utils/responses.server";

const t = (key: string, params?: Record<string, unknown>) => (params ? `${key} ${JSON.stringify(params)}` : key);

function submission() {
  const form = new FormData();
  form.set("note", "hello");
  return parseWithZod(form, { schema: z.object({ note: z.string() }) });
}

describe("the application error", () => {
  it("carries its code's HTTP status, and its message defaults to the code's text", () => {
    expect(AppError.notFound()).toMatchObject({ code: "not_found", status: 404, userMessage: { key: "errors.not_found" } });
    expect(AppError.forbidden("plan.submit")).toMatchObject({ code: "forbidden", status: 403, reason: "plan.submit" });
    expect(AppError.conflict("stale", { key: "plans.page.conflict" })).toMatchObject({ status: 409, reason: "stale" });
    expect(AppError.invalid({ formErrors: [{ key: "x" }] })).toMatchObject({ code: "invalid", status: 400 });
  });

  it("encodes a message as conform carries it: the key alone, or with its values as JSON, and back", () => {
    expect(encodeMessage({ key: "plans.errors.required" })).toBe("plans.errors.required");
    const withValues = { key: "plans.errors.too_large", params: { max: 10 } };
    expect(decodeMessage(encodeMessage(withValues))).toEqual(withValues);
    expect(decodeMessage("plans.errors.required")).toEqual({ key: "plans.errors.required" });
    expect(decodeMessage("{not json")).toEqual({ key: "{not json" });
  });
});

describe("errors to HTTP", () => {
  it("invariantFound throws the 404 for null, undefined and false, and passes anything else", async () => {
    for (const missing of [null, undefined, false]) {
      let thrown: unknown;
      try {
        invariantFound(missing);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
      expect(await (thrown as Response).text()).toBe("Not found");
    }
    expect(() => invariantFound(0)).not.toThrow();
    expect(() => invariantFound({})).not.toThrow();
  });

  it("a form reply puts field errors under their names and the rest on the form, with the status", () => {
    const error = AppError.invalid({
      fieldErrors: { "lines[2].qty": [{ key: "plans.errors.too_large", params: { max: 10 } }] },
      formErrors: [{ key: "plans.errors.no_lines" }],
    });
    const { reply, status } = replyToError(error, submission());
    expect(status).toBe(400);
    expect(reply.error).toEqual({
      "": ["plans.errors.no_lines"],
      "lines[2].qty": ['{"key":"plans.errors.too_large","params":{"max":10}}'],
    });
  });

  it("a conflict without field errors shows its own message on the form, with 409", () => {
    const { reply, status } = replyToError(AppError.conflict("stale", { key: "plans.page.conflict" }), submission());
    expect(status).toBe(409);
    expect(reply.error).toEqual({ "": ["plans.page.conflict"] });
  });

  it("a not_found becomes the thrown 404, and what is not an AppError is rethrown as it is", () => {
    expect(() => replyToError(AppError.notFound(), submission())).toThrow(Response);
    const bug = new TypeError("a bug");
    expect(() => replyToError(bug, submission())).toThrow(bug);
    expect(() => formErrorData(bug, submission())).toThrow(bug);
  });

  it("without a form, an AppError answers with its status and its message as text", async () => {
    const response = errorResponse(AppError.conflict("state", { key: "plans.page.notAllowed" }), t);
    expect(response.status).toBe(409);
    expect(await response.text()).toBe("plans.page.notAllowed");
    expect(errorResponse(AppError.notFound(), t).status).toBe(404);
  });

  it("JSON callers get problem details: status, title, detail, code, reason, errors by field", async () => {
    const error = AppError.invalid({ fieldErrors: { qty: [{ key: "e.qty", params: { max: 3 } }] } }, "lines");
    const response = problemResponse(error, t, "req-1");
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(await response.json()).toEqual({
      type: "about:blank",
      status: 400,
      title: "errors.invalid",
      detail: "errors.invalid",
      code: "invalid",
      reason: "lines",
      instance: "urn:request:req-1",
      errors: { qty: ['e.qty {"max":3}'] },
    });
  });
});
