import { parseWithZod } from "@conform-to/zod/v4";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { hasControlCharacter, optionalTextField, readText, textField } from "~/utils/input/text";

const CONTROL_CHARACTERS = [
  ...Array.from({ length: 0x20 }, (_, code) => String.fromCharCode(code)).filter((c) => c !== "\t" && c !== "\n" && c !== "\r"),
  "\u007f",
  ...Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i)),
];

describe("readText: the rule of every free-text field", () => {
  it("trims, and reads blank or missing text as none", () => {
    expect(readText("  Fast Freight  ", { max: 100 })).toEqual({ ok: true, value: "Fast Freight" });
    expect(readText("   ", { max: 100 })).toEqual({ ok: true, value: null });
    expect(readText(undefined, { max: 100 })).toEqual({ ok: true, value: null });
    expect(readText(null, { max: 100 })).toEqual({ ok: true, value: null });
  });

  it("refuses blank text where the field is required", () => {
    expect(readText(" \n ", { max: 100, required: true })).toEqual({ ok: false, problem: "required" });
    expect(readText(undefined, { max: 100, required: true })).toEqual({ ok: false, problem: "required" });
    expect(readText(42, { max: 100, required: true })).toEqual({ ok: false, problem: "required" });
  });

  it("keeps tabs and line breaks, reading a textarea's CRLF as one line break", () => {
    expect(readText("line one\r\nline two\tend", { max: 100 })).toEqual({ ok: true, value: "line one\nline two\tend" });
    expect(readText("a\nb", { max: 100 })).toEqual({ ok: true, value: "a\nb" });
  });

  it("counts a CRLF line break as one character, as the browser's maxlength does", () => {
    expect(readText("ab\r\ncd", { max: 5 })).toEqual({ ok: true, value: "ab\ncd" });
    expect(readText("ab\r\ncde", { max: 5 })).toEqual({ ok: false, problem: "too_long", max: 5 });
  });

  it.each(CONTROL_CHARACTERS.map((c) => [c.charCodeAt(0).toString(16).padStart(4, "0"), c]))("refuses U+%s", (_code, c) => {
    expect(readText(`a${c}b`, { max: 100 })).toEqual({ ok: false, problem: "control_character" });
    expect(readText(c, { max: 100 })).toEqual({ ok: false, problem: "control_character" });
    expect(hasControlCharacter(`x${c}`)).toBe(true);
  });

  it("refuses a carriage return that is not part of a CRLF", () => {
    expect(readText("a\rb", { max: 100 })).toEqual({ ok: false, problem: "control_character" });
    expect(readText("a\n\rb", { max: 100 })).toEqual({ ok: false, problem: "control_character" });
  });

  it("takes any other text: Chinese, accents, emoji, no-break spaces", () => {
    for (const text of ["上海工厂的安全库存", "Crème brûlée", "📦 shipped", "a\u00a0b", "O'Brien & Sons <ltd>"]) {
      expect(readText(text, { max: 100 })).toEqual({ ok: true, value: text });
    }
  });

  it("caps the length after trimming", () => {
    expect(readText(`  ${"x".repeat(10)}  `, { max: 10 })).toEqual({ ok: true, value: "x".repeat(10) });
    expect(readText("x".repeat(11), { max: 10 })).toEqual({ ok: false, problem: "too_long", max: 10 });
  });

  it("never lets a control character through, whatever the text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (text) => {
        const result = readText(text, { max: 1000 });
        if (result.ok && result.value !== null) expect(result.value).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
        expect(result.ok).toBe(!hasControlCharacter(text));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("textField and optionalTextField: the rule in a form, with the field's own messages", () => {
  const messages = { required: "note.required", tooLong: "note.tooLong", controlCharacter: "note.controlCharacter" };
  const Form = z.object({
    note: textField({ max: 10, messages }),
    comment: optionalTextField({
      max: 10,
      messages: { tooLong: "comment.tooLong", controlCharacter: "comment.controlCharacter" },
    }),
  });
  const post = (fields: Record<string, string>) => {
    const data = new FormData();
    for (const [name, value] of Object.entries(fields)) data.append(name, value);
    return parseWithZod(data, { schema: Form });
  };
  const errorsOf = (fields: Record<string, string>) => {
    const submission = post(fields);
    return submission.status === "success" ? null : submission.error;
  };

  it("gives the trimmed text", () => {
    const submission = post({ note: "  ok\r\nyes ", comment: "  " });
    expect(submission.status).toBe("success");
    expect(submission.status === "success" && submission.value).toEqual({ note: "ok\nyes", comment: "" });
  });

  it("names each field's problem with that field's message, once", () => {
    expect(errorsOf({ note: "a\u0000b", comment: "\u0007" })).toEqual({
      note: ["note.controlCharacter"],
      comment: ["comment.controlCharacter"],
    });
    expect(errorsOf({ note: "", comment: "x".repeat(11) })).toEqual({ note: ["note.required"], comment: ["comment.tooLong"] });
    expect(errorsOf({ note: "   " })).toEqual({ note: ["note.required"] });
    expect(errorsOf({ note: "x".repeat(11) })).toEqual({ note: ["note.tooLong"] });
    // A control character is the one message, however long the text.
    expect(errorsOf({ note: `\u0000${"x".repeat(20)}` })).toEqual({ note: ["note.controlCharacter"] });
  });
});
