import { useTranslation } from "react-i18next";
import { decodeMessage, encodeMessage, type Message } from "~/utils/app-error";
import { formatDay, formatQuantity } from "~/utils/format";

/** The builder's fields, as the form names them (`lines[0].qty`) and labels them. */
export const BUILDER_LINE_FIELDS = ["agreementId", "qty", "shipDate", "arrivalDate", "reason"] as const;
export type BuilderLineField = (typeof BUILDER_LINE_FIELDS)[number];

/** The field name of a line's field (index 0-based), conform's way. */
export const lineFieldName = (index: number, field: BuilderLineField) => `lines[${index}].${field}`;

const LINE_FIELD_NAME = /^lines\[(\d+)\]\.(agreementId|qty|shipDate|arrivalDate|reason)$/;

/** The line (0-based) and field a field name stands for; null for the plan's own fields. */
export function parseLineFieldName(name: string): { index: number; field: BuilderLineField } | null {
  const match = LINE_FIELD_NAME.exec(name);
  return match ? { index: Number.parseInt(match[1], 10), field: match[2] as BuilderLineField } : null;
}

/** The message of a plan rule's error: `plans.errors.<code>` with its values. */
export const messageOfError = (e: { code: string; params?: Record<string, string | number> }): Message =>
  e.params ? { key: `plans.errors.${e.code}`, params: e.params } : { key: `plans.errors.${e.code}` };

export const labelKeyOf = (field: BuilderLineField) => `plans.builder.${field === "agreementId" ? "agreement" : field}`;

const DATE_PARAMS = new Set(["date", "today", "shipDate", "arrival"]);

/**
 * Messages in the reader's words: days and quantities in its locale. `format` returns the message
 * with its values formatted, still encoded, for the shared form fields to translate; `text` gives
 * the translated text.
 */
export function useBuilderMessages() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const format = (message: Message): Message => {
    if (!message.params) return message;
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(message.params)) {
      params[k] =
        DATE_PARAMS.has(k) && typeof v === "string"
          ? formatDay(locale, v)
          : typeof v === "number"
            ? formatQuantity(locale, v)
            : v;
    }
    return { key: message.key, params };
  };
  return {
    /** A message (or conform's encoded string) formatted for the reader, still encoded. */
    format: (message: Message | string) => encodeMessage(format(typeof message === "string" ? decodeMessage(message) : message)),
    text: (message: Message | string) => {
      const m = format(typeof message === "string" ? decodeMessage(message) : message);
      return t(m.key, m.params);
    },
  };
}
