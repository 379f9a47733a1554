import type { FieldMetadata } from "@conform-to/react";
import { useTranslation } from "react-i18next";
import { ErrorList, inputClass } from "~/components/forms";
import type { AsnFormLine } from "~/services/shipments/asn-form.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { inputProps } from "./input-props";
import { useShipmentMessages } from "./shipment-messages";

/** A plan line the supplier may still ship, as the ASN form's loader gives it (only what the table shows). */
export type AsnLine = Pick<
  AsnFormLine,
  "id" | "lineNo" | "sku" | "itemName" | "uom" | "siteCode" | "approved" | "shipped" | "agreedArrival"
>;

type LineFields = FieldMetadata<{ lineId?: string; ship?: string; qty?: string; expectedArrival?: string }>;

const lineInput = inputClass.replace("px-3 py-2", "px-2 py-1.5");
const lineError = "mt-1 max-w-xs text-xs text-red-600";

/** The ASN form's lines: a box to ship each, its quantity and its expected arrival, each with its messages. */
export function AsnLinesTable({ lines, fields }: { lines: readonly AsnLine[]; fields: readonly LineFields[] }) {
  const { t } = useTranslation();
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="asn-lines">
        <caption className="sr-only">{t("shipments.new.linesCaption")}</caption>
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("shipments.new.ship")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.new.line")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.columns.sku")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.columns.item")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.columns.site")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("shipments.new.approved")}
            </th>
            <th scope="col" className="px-3 py-2 text-right">
              {t("shipments.new.shipped")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.new.qty")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("shipments.new.expectedArrival")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {lines.map((line, i) => (fields[i] ? <AsnLineRow key={line.id} line={line} field={fields[i]} /> : null))}
        </tbody>
      </table>
    </div>
  );
}

function AsnLineRow({ line: l, field }: { line: AsnLine; field: LineFields }) {
  const { t, i18n } = useTranslation();
  const { errorsOf } = useShipmentMessages();
  const locale = i18n.language;
  const { lineId, ship, qty, expectedArrival } = field.getFieldset();
  const ids = {
    ship: `line-${l.lineNo}-ship`,
    qty: `line-${l.lineNo}-qty`,
    arrival: `line-${l.lineNo}-arrival`,
    agreed: `line-${l.lineNo}-agreed`,
  };
  const errorId = (name: string) => `line-${l.lineNo}-${name}-error`;
  const lineIdErrors = errorsOf(lineId.name, lineId.errors);
  const qtyErrors = errorsOf(qty.name, qty.errors);
  const arrivalErrors = errorsOf(expectedArrival.name, expectedArrival.errors);
  return (
    <tr data-testid="asn-line" className="align-top">
      <td className="px-3 py-2">
        <input type="hidden" name={lineId.name} value={l.id} />
        <input
          {...inputProps(ship, "checkbox", ids.ship)}
          aria-invalid={lineIdErrors?.length ? true : undefined}
          aria-describedby={lineIdErrors?.length ? errorId("lineId") : undefined}
          className="h-4 w-4 rounded border-slate-300"
        />
        <label htmlFor={ids.ship} className="sr-only">
          {t("shipments.new.shipLine", { line: l.lineNo })}
        </label>
        <ErrorList id={errorId("lineId")} errors={lineIdErrors} className="mt-1 text-xs text-red-600" />
      </td>
      <td className="px-3 py-2 tabular-nums">{l.lineNo}</td>
      <td className="whitespace-nowrap px-3 py-2 font-mono text-xs">{l.sku}</td>
      <td className="px-3 py-2">{l.itemName}</td>
      <td className="px-3 py-2">{l.siteCode}</td>
      <td className="px-3 py-2 text-right tabular-nums">
        {formatQuantity(locale, l.approved)} <span className="text-xs text-slate-500">{l.uom}</span>
      </td>
      <td className="px-3 py-2 text-right tabular-nums">{formatQuantity(locale, l.shipped)}</td>
      <td className="px-3 py-2">
        <label htmlFor={ids.qty} className="sr-only">
          {t("shipments.new.qtyFor", { line: l.lineNo })}
        </label>
        <input
          {...inputProps(qty, "number", ids.qty)}
          inputMode="decimal"
          min="0"
          step="any"
          // Typing a quantity means shipping the line: an unticked line's quantity would be ignored.
          onInput={(event) => {
            const box = event.currentTarget.form?.elements.namedItem(ship.name);
            if (box instanceof HTMLInputElement && event.currentTarget.value.trim() !== "") box.checked = true;
          }}
          aria-invalid={qtyErrors?.length ? true : undefined}
          aria-describedby={qtyErrors?.length ? errorId("qty") : undefined}
          className={`${lineInput} w-32 text-right`}
        />
        <ErrorList id={errorId("qty")} errors={qtyErrors} className={lineError} />
      </td>
      <td className="px-3 py-2">
        <label htmlFor={ids.arrival} className="sr-only">
          {t("shipments.new.expectedArrivalFor", { line: l.lineNo })}
        </label>
        <input
          {...inputProps(expectedArrival, "date", ids.arrival)}
          aria-invalid={arrivalErrors?.length ? true : undefined}
          aria-describedby={arrivalErrors?.length ? errorId("expectedArrival") : ids.agreed}
          className={`${lineInput} w-40`}
        />
        <p id={ids.agreed} className="mt-1 text-xs text-slate-500">
          {t("shipments.new.agreedArrival", { day: formatDay(locale, l.agreedArrival) })}
        </p>
        <ErrorList id={errorId("expectedArrival")} errors={arrivalErrors} className={lineError} />
      </td>
    </tr>
  );
}
