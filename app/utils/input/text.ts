import { z } from "zod";

/**
 * Free text from a form, a query string or an API body: the one rule every text field follows.
 *
 * - Line breaks are read as `\n` (browsers send a textarea's line breaks as CRLF), so that a
 *   length counts them as a person sees them.
 * - Control characters are refused: NUL (which PostgreSQL cannot store in text), the other C0
 *   controls, DEL and the C1 controls. Tab and line feed are text; a carriage return is text only
 *   as part of CRLF.
 * - Surrounding whitespace is trimmed; blank text is no text.
 * - At most `max` characters (UTF-16 code units, as the browser's `maxlength` counts them).
 *
 * Not a .server module: the forms run the same rule in the browser.
 */

export type TextProblem = "required" | "too_long" | "control_character";

export interface TextRule {
  /** Most characters allowed, after trimming. */
  max: number;
  /** Whether blank text is a problem (`required`) rather than no text (null). Default false. */
  required?: boolean;
}

export type TextResult = { ok: true; value: string | null } | { ok: false; problem: TextProblem; max?: number };

/** Every control character but tab and line feed (a CR left after reading CRLF as LF stands alone). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** CRLF read as LF, as a person sees a line break. */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n/g, "\n");
}

/** Whether `text` holds a character a text field refuses (see the module's rule). */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(normaliseLineBreaks(text));
}

/**
 * Reads one text value by the rule: trimmed text, null for blank or missing text (unless
 * `required`), or the problem. Anything but a string is a missing value.
 *
 * @example
 * readText("  Fast Freight \r\n", { max: 100 }); // { ok: true, value: "Fast Freight" }
 * readText("a\u0000b", { max: 100 }); // { ok: false, problem: "control_character" }
 */
export function readText(input: unknown, rule: TextRule): TextResult {
  if (typeof input !== "string") return rule.required ? { ok: false, problem: "required" } : { ok: true, value: null };
  const text = normaliseLineBreaks(input);
  if (CONTROL_CHARACTER.test(text)) return { ok: false, problem: "control_character" };
  const trimmed = text.trim();
  if (trimmed === "") return rule.required ? { ok: false, problem: "required" } : { ok: true, value: null };
  if (trimmed.length > rule.max) return { ok: false, problem: "too_long", max: rule.max };
  return { ok: true, value: trimmed };
}

/** A field's own messages (i18n keys, or codes a page translates), one per problem. */
export interface TextMessages {
  /** Blank or missing; only for required fields. */
  required?: string;
  tooLong: string;
  controlCharacter: string;
}

export interface TextFieldOptions {
  max: number;
  messages: TextMessages;
}

/**
 * The rule as a zod string for a required field (conform reads its length limits for the form).
 * Gives the trimmed text.
 *
 * @example
 * const reason = textField({ max: 1000, messages: { required: "…required", tooLong: "…tooLong", controlCharacter: "…controlCharacter" } });
 */
export function textField({ max, messages }: TextFieldOptions) {
  const required = messages.required ?? messages.tooLong;
  return z
    .string({ error: required })
    .overwrite(normaliseLineBreaks)
    .refine((text) => !CONTROL_CHARACTER.test(text), { error: messages.controlCharacter, abort: true })
    .trim()
    .min(1, { error: required, abort: true })
    .max(max, { error: messages.tooLong });
}

/**
 * The rule for a field that may be left empty: the trimmed text, which is "" for blank text and
 * undefined for a missing field (conform reads an empty field as missing).
 */
export function optionalTextField({ max, messages }: TextFieldOptions) {
  return z
    .string({ error: messages.required ?? messages.controlCharacter })
    .overwrite(normaliseLineBreaks)
    .refine((text) => !CONTROL_CHARACTER.test(text), { error: messages.controlCharacter, abort: true })
    .trim()
    .max(max, { error: messages.tooLong })
    .optional();
}
