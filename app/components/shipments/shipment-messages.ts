import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { decodeMessage, encodeMessage, type Message } from "~/utils/app-error";
import { formatDay, formatQuantity } from "~/utils/format";

/**
 * The shipment pages' messages in the reader's words. The server sends a message's values as they
 * are stored (a quantity, a YYYY-MM-DD day, a status code); here they are written as the reader's
 * language writes numbers, days and states, and a field's message is put after the field's name
 * ("Line 3, Quantity: …", "Ship date: …"), in the summary as beside the field.
 */

const LINE_FIELD = /^lines\[(\d{1,4})\]\.(lineId|qty|expectedArrival|shipmentId|receivedQty|receivedOn)$/;
const FORM_FIELDS = new Set(["requestId", "lines", "shipDate", "carrier", "tracking", "receivedQty", "receivedOn", "confirm"]);

function inWords(t: TFunction, locale: string, key: string, params: Record<string, string | number> = {}) {
  const out: Record<string, string | number> = {};
  // A field's problem names a line's state; the page's own messages name the plan's.
  const statuses = key.startsWith("shipments.errors.") ? "plans.lineStatuses" : "plans.statuses";
  for (const [name, value] of Object.entries(params)) {
    if (name === "status") out[name] = t(`${statuses}.${value}`, { defaultValue: String(value) });
    else if (name === "today" || name === "shipDate") out[name] = formatDay(locale, String(value));
    else if (name === "decimals" || name === "line") out[name] = value;
    else out[name] = typeof value === "number" ? formatQuantity(locale, value, 4) : value;
  }
  return out;
}

export function useShipmentMessages() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;

  /** One message (an i18n key, or a key with its values as conform carries it). */
  const text = (encoded: string) => {
    const message = decodeMessage(encoded);
    return t(message.key, inWords(t, locale, message.key, message.params));
  };

  /** A field's message after the field's name: its line's number first for a field of an ASN line. */
  const labelledMessage = (name: string, encoded: string): Message => {
    const message = decodeMessage(encoded);
    const params = inWords(t, locale, message.key, message.params);
    const said = t(message.key, params);
    const line = LINE_FIELD.exec(name);
    if (line) {
      const lineNo = message.params?.line ?? Number.parseInt(line[1], 10) + 1;
      return { key: "shipments.lineError", params: { line: lineNo, field: t(`shipments.fields.${line[2]}`), message: said } };
    }
    if (FORM_FIELDS.has(name))
      return { key: "shipments.fieldError", params: { field: t(`shipments.fields.${name}`), message: said } };
    return { key: message.key, params };
  };

  /** The text of `labelledMessage`. */
  const labelled = (name: string, encoded: string) => {
    const message = labelledMessage(name, encoded);
    return t(message.key, message.params);
  };

  /** A field's messages as the shared form parts take them (`Field`'s and `ErrorList`'s `errors`). */
  const errorsOf = (name: string, errors: readonly string[] | null | undefined) =>
    errors?.map((encoded) => encodeMessage(labelledMessage(name, encoded)));

  return { text, labelled, errorsOf };
}
