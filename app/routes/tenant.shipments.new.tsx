import { randomUUID } from "node:crypto";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { withTenant } from "@db/scope";
import { getPlanForShipment, getShippingTerms, linesForShipment } from "~/models/shipments.server";
import { requireMembership } from "~/services/auth/guards.server";
import { readFormData } from "~/services/plan-forms/plan-form-action.server";
import {
  CARRIER_MAX,
  recordShipment,
  SHIPPABLE_LINE_STATUSES,
  ShipmentConflictError,
  ShipmentServiceError,
  ShipmentValidationError,
  remainingToShip,
  TRACKING_MAX,
  type ShipmentFormError,
  type ShipmentLineError,
} from "~/services/shipments/index.server";
import { planActionAllowed } from "~/core";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { formatDay, formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { wholeNumber } from "~/utils/input/decimal";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d?.plan.number ?? "VMI Portal" }];

/** Suppliers only, and only their own plans: anyone else gets the same 404. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = new URL(args.request.url).searchParams.get("plan") ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const found = await withTenant(getDb(), membership.scope, async (tx) => {
    const plan = await getPlanForShipment(tx, membership.scope, planId);
    if (!plan) return null;
    const [lines, terms] = await Promise.all([
      linesForShipment(tx, membership.scope, plan),
      getShippingTerms(tx, membership.scope),
    ]);
    return { plan, lines, terms };
  });
  if (!found) throw new Response("Not found", { status: 404 });
  const { plan, lines, terms } = found;
  const shippable = planActionAllowed("supplier", plan.status, "ship")
    ? lines
        .filter((l) => (SHIPPABLE_LINE_STATUSES as readonly string[]).includes(l.status))
        .map((l) => {
          const approved = l.approvedQty ?? l.qty;
          const most = remainingToShip(l, terms.shipping.overShipTolerance);
          return {
            id: l.id,
            lineNo: l.lineNo,
            sku: l.sku,
            itemName: l.itemName,
            uom: l.uom,
            siteCode: l.siteCode,
            approved,
            shipped: l.shippedQty,
            remaining: Math.max(0, approved - l.shippedQty),
            most,
            agreedArrival: l.approvedArrivalDate ?? l.arrivalDate,
          };
        })
        .filter((l) => l.most > 0)
    : [];
  return {
    plan: { id: plan.id, number: plan.number ?? "", status: plan.status },
    lines: shippable,
    today: todayIn(membership.tenant.timezone),
    tolerance: terms.shipping.overShipTolerance,
    limits: { carrier: CARRIER_MAX, tracking: TRACKING_MAX },
    // One id per rendering of the form: the same form posted twice records one ASN.
    requestId: randomUUID(),
  };
}

interface PostedLine {
  ship: boolean;
  qty: string;
  expectedArrival: string;
}

interface ActionResult {
  formErrors: ShipmentFormError[];
  lineErrors: ShipmentLineError[];
  conflict: string | null;
  values: { shipDate: string; carrier: string; tracking: string; lines: Record<string, PostedLine> };
}

const LINE_FIELD = /^lines\[(\d{1,4})\]\.(lineId|ship|qty|expectedArrival)$/;

/** The form's lines by index: `lines[i].field` entries, in index order. */
function readLines(form: FormData) {
  const byIndex = new Map<number, Record<string, string>>();
  for (const [key, value] of form.entries()) {
    const match = LINE_FIELD.exec(key);
    if (!match || typeof value !== "string") continue;
    const index = wholeNumber(match[1]) ?? 0;
    const line = byIndex.get(index) ?? {};
    line[match[2]] = value;
    byIndex.set(index, line);
  }
  return [...byIndex.entries()].sort((a, b) => a[0] - b[0]).map(([, line]) => line);
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args, ["supplier"]);
  const planId = new URL(args.request.url).searchParams.get("plan") ?? "";
  if (!isUuid(planId)) throw new Response("Not found", { status: 404 });
  const form = await readFormData(args.request);
  if (!form) throw new Response("Bad request: expected a form", { status: 400 });
  const text = (name: string) => String(form.get(name) ?? "");
  const posted = readLines(form);
  // A ticked line sends "on": any other value is refused rather than read as "not shipped".
  if (posted.some((l) => l.ship !== undefined && l.ship !== "on")) throw new Response("Bad request", { status: 400 });
  const values: ActionResult["values"] = {
    shipDate: text("shipDate"),
    carrier: text("carrier"),
    tracking: text("tracking"),
    lines: Object.fromEntries(
      posted.map((l) => [l.lineId ?? "", { ship: l.ship === "on", qty: l.qty ?? "", expectedArrival: l.expectedArrival ?? "" }]),
    ),
  };
  try {
    await recordShipment(getDb(), membership.scope, {
      planId,
      requestId: text("requestId"),
      shipDate: values.shipDate,
      carrier: values.carrier,
      tracking: values.tracking,
      lines: posted
        .filter((l) => l.ship === "on")
        .map((l) => ({ lineId: l.lineId, qty: l.qty, expectedArrival: l.expectedArrival })),
    });
    return redirect(`/t/${membership.tenant.slug}/plans/${planId}?done=shipped`);
  } catch (error) {
    if (error instanceof ShipmentValidationError) {
      return data<ActionResult>(
        { formErrors: error.formErrors, lineErrors: error.lineErrors, conflict: null, values },
        { status: 400 },
      );
    }
    if (error instanceof ShipmentConflictError) {
      return data<ActionResult>({ formErrors: [], lineErrors: [], conflict: error.current.status, values }, { status: 409 });
    }
    // Not found, or not this role's to do: the same 404, which confirms nothing.
    if (error instanceof ShipmentServiceError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

/** Error parameters as the reader's language writes numbers, days and line states. */
function paramsFor(t: TFunction, locale: string, params: Record<string, number | string> = {}) {
  const out: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === "status") out[key] = t(`plans.lineStatuses.${value}`, { defaultValue: String(value) });
    else if (key === "today" || key === "shipDate") out[key] = formatDay(locale, String(value));
    else if (key === "decimals") out[key] = value;
    else out[key] = typeof value === "number" ? formatQuantity(locale, value, 4) : value;
  }
  return out;
}

function lineErrorText(t: TFunction, locale: string, e: ShipmentLineError) {
  return t("shipments.lineError", {
    line: e.line,
    field: t(`shipments.fields.${e.field}`),
    message: t(`shipments.errors.${e.code}`, paramsFor(t, locale, e.params)),
  });
}

function formErrorText(t: TFunction, locale: string, e: ShipmentFormError) {
  return t("shipments.fieldError", {
    field: t(`shipments.fields.${e.field}`),
    message: t(`shipments.errors.${e.code}`, paramsFor(t, locale, e.params)),
  });
}

/** A labelled input whose messages (already in the reader's words) are tied to it. */
function Field({
  label,
  hint,
  messages,
  name,
  ...input
}: React.InputHTMLAttributes<HTMLInputElement> & { label: string; hint?: string; messages: string[]; name: string }) {
  const invalid = messages.length > 0;
  const describedBy = [invalid ? `${name}-error` : null, hint ? `${name}-hint` : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={name}
        name={name}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className={`mt-1 ${control}`}
        {...input}
      />
      {hint ? (
        <p id={`${name}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={`${name}-error`} className="mt-1 text-sm text-red-600">
          {messages.join(" ")}
        </p>
      ) : null}
    </div>
  );
}

const control =
  "block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500";

export default function NewShipment() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { plan, lines, today, tolerance, limits, requestId } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const values = result?.values;
  const lineErrors = result?.lineErrors ?? [];
  const formErrors = result?.formErrors ?? [];
  const errorsOf = (lineId: string, field: string) => lineErrors.filter((e) => e.lineId === lineId && e.field === field);
  const formErrorOf = (field: string) => formErrors.filter((e) => e.field === field).map((e) => formErrorText(t, locale, e));
  const count = lineErrors.length + formErrors.length;
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(tolerance);

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/plans/${plan.id}`} className="text-sm text-indigo-700 hover:underline">
          ← {t("shipments.new.back", { number: plan.number })}
        </Link>
        <h1 className="mt-2 text-2xl font-bold tracking-tight">{t("shipments.new.title", { number: plan.number })}</h1>
        <p className="mt-1 max-w-3xl text-sm text-slate-600">{t("shipments.new.intro", { tolerance: percent })}</p>
      </div>

      {result?.conflict ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {t("shipments.new.conflict", { status: t(`plans.statuses.${result.conflict}`, { defaultValue: result.conflict }) })}
        </p>
      ) : null}
      {count > 0 ? (
        <div role="alert" id="shipment-errors" className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800">
          <p className="font-semibold">{t("shipments.new.errorSummary", { count })}</p>
          <ul className="mt-1 list-disc pl-5">
            {formErrors.map((e, i) => (
              <li key={`f${i}`}>{formErrorText(t, locale, e)}</li>
            ))}
            {lineErrors.map((e, i) => (
              <li key={`l${i}`}>{lineErrorText(t, locale, e)}</li>
            ))}
          </ul>
        </div>
      ) : null}

      {lines.length === 0 ? (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-600">{t("shipments.new.none")}</p>
      ) : (
        <Form method="post" className="space-y-4" aria-describedby={count > 0 ? "shipment-errors" : undefined}>
          <input type="hidden" name="requestId" value={requestId} />
          <div className="grid max-w-3xl gap-4 sm:grid-cols-3">
            <Field
              label={t("shipments.new.shipDate")}
              name="shipDate"
              type="date"
              required
              max={today}
              defaultValue={values?.shipDate ?? today}
              hint={t("shipments.new.shipDateHint")}
              messages={formErrorOf("shipDate")}
            />
            <Field
              label={t("shipments.new.carrier")}
              name="carrier"
              maxLength={limits.carrier}
              defaultValue={values?.carrier ?? ""}
              hint={t("shipments.new.optional", { max: limits.carrier })}
              messages={formErrorOf("carrier")}
            />
            <Field
              label={t("shipments.new.tracking")}
              name="tracking"
              maxLength={limits.tracking}
              defaultValue={values?.tracking ?? ""}
              hint={t("shipments.new.optional", { max: limits.tracking })}
              messages={formErrorOf("tracking")}
            />
          </div>

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
                {lines.map((l, i) => {
                  const postedLine = values?.lines[l.id];
                  const qtyErrors = errorsOf(l.id, "qty");
                  const arrivalErrors = errorsOf(l.id, "expectedArrival");
                  const lineIdErrors = errorsOf(l.id, "lineId");
                  const errorId = (field: string) => `line-${l.lineNo}-${field}-error`;
                  return (
                    <tr key={l.id} data-testid="asn-line" className="align-top">
                      <td className="px-3 py-2">
                        <input type="hidden" name={`lines[${i}].lineId`} value={l.id} />
                        <input
                          id={`line-${l.lineNo}-ship`}
                          type="checkbox"
                          name={`lines[${i}].ship`}
                          defaultChecked={postedLine ? postedLine.ship : l.remaining > 0}
                          aria-invalid={lineIdErrors.length > 0 || undefined}
                          aria-describedby={lineIdErrors.length ? errorId("lineId") : undefined}
                          className="h-4 w-4 rounded border-slate-300"
                        />
                        <label htmlFor={`line-${l.lineNo}-ship`} className="sr-only">
                          {t("shipments.new.shipLine", { line: l.lineNo })}
                        </label>
                        {lineIdErrors.length ? (
                          <p id={errorId("lineId")} className="mt-1 text-xs text-red-600">
                            {lineIdErrors.map((e) => lineErrorText(t, locale, e)).join(" ")}
                          </p>
                        ) : null}
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
                        <label htmlFor={`line-${l.lineNo}-qty`} className="sr-only">
                          {t("shipments.new.qtyFor", { line: l.lineNo })}
                        </label>
                        <input
                          id={`line-${l.lineNo}-qty`}
                          name={`lines[${i}].qty`}
                          type="number"
                          inputMode="decimal"
                          min="0"
                          step="any"
                          defaultValue={postedLine ? postedLine.qty : l.remaining > 0 ? String(l.remaining) : ""}
                          // Typing a quantity means shipping the line: an unticked line's quantity would be ignored.
                          onInput={(event) => {
                            const box = event.currentTarget.form?.elements.namedItem(`lines[${i}].ship`);
                            if (box instanceof HTMLInputElement && event.currentTarget.value.trim() !== "") box.checked = true;
                          }}
                          aria-invalid={qtyErrors.length > 0 || undefined}
                          aria-describedby={qtyErrors.length ? errorId("qty") : undefined}
                          className={`${control} w-32 text-right`}
                        />
                        {qtyErrors.length ? (
                          <p id={errorId("qty")} className="mt-1 max-w-xs text-xs text-red-600">
                            {qtyErrors.map((e) => lineErrorText(t, locale, e)).join(" ")}
                          </p>
                        ) : null}
                      </td>
                      <td className="px-3 py-2">
                        <label htmlFor={`line-${l.lineNo}-arrival`} className="sr-only">
                          {t("shipments.new.expectedArrivalFor", { line: l.lineNo })}
                        </label>
                        <input
                          id={`line-${l.lineNo}-arrival`}
                          name={`lines[${i}].expectedArrival`}
                          type="date"
                          defaultValue={postedLine ? postedLine.expectedArrival : l.agreedArrival}
                          aria-invalid={arrivalErrors.length > 0 || undefined}
                          aria-describedby={arrivalErrors.length ? errorId("expectedArrival") : `line-${l.lineNo}-agreed`}
                          className={`${control} w-40`}
                        />
                        <p id={`line-${l.lineNo}-agreed`} className="mt-1 text-xs text-slate-500">
                          {t("shipments.new.agreedArrival", { day: formatDay(locale, l.agreedArrival) })}
                        </p>
                        {arrivalErrors.length ? (
                          <p id={errorId("expectedArrival")} className="mt-1 max-w-xs text-xs text-red-600">
                            {arrivalErrors.map((e) => lineErrorText(t, locale, e)).join(" ")}
                          </p>
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <button
            type="submit"
            disabled={navigation.state !== "idle"}
            className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
          >
            {t("shipments.new.submit")}
          </button>
        </Form>
      )}
    </div>
  );
}
