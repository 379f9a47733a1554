import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams, useSearchParams } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { withTenant } from "@db/scope";
import { planActionAllowed } from "~/core";
import { getShipment } from "~/models/shipments.server";
import { requireMembership } from "~/services/auth/guards.server";
import { readFormData } from "~/services/plan-forms/plan-form-action.server";
import {
  recordReceipt,
  ShipmentConflictError,
  ShipmentServiceError,
  ShipmentValidationError,
  type ShipmentFormError,
} from "~/services/shipments/index.server";
import { getDb } from "~/utils/db.server";
import { todayIn } from "~/utils/dates";
import { formatDay, formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.shipment.sku} · ${d.shipment.planNumber ?? ""}` : "VMI Portal" },
];

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  const today = todayIn(membership.tenant.timezone);
  const shipment = isUuid(shipmentId)
    ? await withTenant(getDb(), membership.scope, (tx) => getShipment(tx, membership.scope, shipmentId, today))
    : null;
  // Unknown, another supplier's or another tenant's shipment: the same 404.
  if (!shipment) throw new Response("Not found", { status: 404 });
  const canReceive =
    shipment.status === "in_transit" && planActionAllowed(membership.role, shipment.planStatus ?? "approved", "receive");
  return { shipment, today, canReceive };
}

interface ActionResult {
  errors: ShipmentFormError[];
  conflict: { reason: "received" | "state"; status: string } | null;
  values: { receivedQty: string; receivedOn: string };
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  if (!isUuid(shipmentId)) throw new Response("Not found", { status: 404 });
  const form = await readFormData(args.request);
  if (!form) throw new Response("Bad request: expected a form", { status: 400 });
  if (form.get("intent") !== "receive") throw new Response("Bad request", { status: 400 });
  const values = { receivedQty: String(form.get("receivedQty") ?? ""), receivedOn: String(form.get("receivedOn") ?? "") };
  // The form offers "more will come" only for a line shipped short: ticked, it sends "on"; absent,
  // the line completes. Any other value is refused rather than read as "the line completes".
  const expectRest = form.get("expectRest");
  if (expectRest !== null && expectRest !== "on") throw new Response("Bad request", { status: 400 });
  const closeLine = expectRest === null;
  try {
    await recordReceipt(getDb(), membership.scope, { shipmentId, role: membership.role, ...values, closeLine });
    return redirect(`/t/${membership.tenant.slug}/shipments/${shipmentId}?done=received`);
  } catch (error) {
    if (error instanceof ShipmentValidationError) {
      return data<ActionResult>({ errors: error.formErrors, conflict: null, values }, { status: 400 });
    }
    if (error instanceof ShipmentConflictError) {
      return data<ActionResult>(
        { errors: [], conflict: { reason: error.reason, status: error.current.status }, values },
        { status: 409 },
      );
    }
    // Not found, or not this role's to do (a supplier, a manager): the same 404.
    if (error instanceof ShipmentServiceError) throw new Response("Not found", { status: 404 });
    throw error;
  }
}

function errorText(t: TFunction, locale: string, e: ShipmentFormError) {
  const params: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(e.params ?? {})) {
    params[key] =
      key === "today" || key === "shipDate"
        ? formatDay(locale, String(value))
        : key === "decimals"
          ? value
          : typeof value === "number"
            ? formatQuantity(locale, value, 4)
            : value;
  }
  return t("shipments.fieldError", { field: t(`shipments.fields.${e.field}`), message: t(`shipments.errors.${e.code}`, params) });
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

const control =
  "mt-1 block w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500";

export default function ShipmentPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const [search] = useSearchParams();
  const { shipment: s, today, canReceive } = useLoaderData<typeof loader>();
  const result = useActionData<ActionResult>();
  const navigation = useNavigation();
  const locale = i18n.language;
  const done = search.get("done");
  const errorsOf = (field: string) => (result?.errors ?? []).filter((e) => e.field === field).map((e) => errorText(t, locale, e));
  const qtyErrors = errorsOf("receivedQty");
  const onErrors = errorsOf("receivedOn");
  const none = t("shipments.detail.none");

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/shipments`} className="text-sm text-indigo-700 hover:underline">
          ← {t("shipments.detail.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">{t("shipments.detail.title", { sku: s.sku })}</h1>
          <span
            data-shipment-status={s.status}
            className="inline-flex items-center rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium ring-1 ring-inset ring-slate-500/20"
          >
            {t(`shipments.statuses.${s.status}`)}
          </span>
          {s.overdue ? (
            <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-600/20">
              {t("shipments.overdue")}
            </span>
          ) : null}
        </div>
      </div>

      {done === "received" ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t("shipments.detail.received")}
        </p>
      ) : null}
      {result?.conflict ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {result.conflict.reason === "received"
            ? t("shipments.detail.conflict")
            : t("shipments.detail.notAllowed", {
                status: t(`plans.statuses.${result.conflict.status}`, { defaultValue: result.conflict.status }),
              })}
        </p>
      ) : null}

      <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
        <h2 id="facts-title" className="text-base font-semibold">
          {t("shipments.detail.facts")}
        </h2>
        <dl className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="shipment-facts">
          <Fact label={t("shipments.detail.plan")}>
            {s.planId ? (
              <Link to={`/t/${tenant}/plans/${s.planId}`} className="text-indigo-700 hover:underline">
                {t("shipments.detail.planLine", { number: s.planNumber ?? "", line: s.lineNo ?? "" })}
              </Link>
            ) : (
              t("shipments.noPlan")
            )}
          </Fact>
          <Fact label={t("shipments.detail.supplier")}>{s.supplierName}</Fact>
          <Fact label={t("shipments.detail.item")}>
            <span className="font-mono text-xs">{s.sku}</span> {s.itemName}
          </Fact>
          <Fact label={t("shipments.detail.site")}>
            {s.siteCode} · {s.siteName}
          </Fact>
          <Fact label={t("shipments.detail.qty")}>
            {formatQuantity(locale, s.qty)} {s.uom}
          </Fact>
          <Fact label={t("shipments.detail.shipDate")}>{formatDay(locale, s.shipDate)}</Fact>
          <Fact label={t("shipments.detail.expectedArrival")}>{formatDay(locale, s.expectedArrival)}</Fact>
          <Fact label={t("shipments.detail.carrier")}>{s.carrier ?? none}</Fact>
          <Fact label={t("shipments.detail.tracking")}>{s.tracking ?? none}</Fact>
          <Fact label={t("shipments.detail.receivedQty")}>
            {s.receivedQty === null ? none : `${formatQuantity(locale, s.receivedQty)} ${s.uom}`}
          </Fact>
          <Fact label={t("shipments.detail.receivedOn")}>{formatDay(locale, s.receivedOn)}</Fact>
        </dl>
      </section>

      {s.lineId ? (
        <section aria-labelledby="line-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="line-title" className="text-base font-semibold">
            {t("shipments.detail.line")}
          </h2>
          <dl className="mt-3 grid gap-4 sm:grid-cols-3" data-testid="shipment-line">
            <Fact label={t("shipments.detail.lineStatus")}>
              {t(`plans.lineStatuses.${s.lineStatus}`, { defaultValue: s.lineStatus ?? "" })}
            </Fact>
            <Fact label={t("shipments.detail.approvedQty")}>{formatQuantity(locale, s.approvedQty)}</Fact>
            <Fact label={t("shipments.detail.agreedArrival")}>{formatDay(locale, s.agreedArrival)}</Fact>
            <Fact label={t("shipments.detail.lineShipped")}>{formatQuantity(locale, s.lineShippedQty)}</Fact>
            <Fact label={t("shipments.detail.lineReceived")}>{formatQuantity(locale, s.lineReceivedQty)}</Fact>
            <Fact label={t("shipments.detail.onTime")}>
              {s.onTime === null ? none : s.onTime ? t("shipments.onTime.yes") : t("shipments.onTime.no")}
            </Fact>
            <Fact label={t("shipments.detail.fillRate")}>
              {s.fillRate === null
                ? none
                : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 2 }).format(s.fillRate)}
            </Fact>
          </dl>
        </section>
      ) : null}

      {canReceive ? (
        <section aria-labelledby="receipt-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="receipt-title" className="text-base font-semibold">
            {t("shipments.detail.receipt")}
          </h2>
          <p className="mt-1 text-slate-600">{t("shipments.detail.receiptHint")}</p>
          <Form method="post" className="mt-3 flex flex-wrap items-start gap-4">
            <div>
              <label htmlFor="receivedQty" className="block text-sm font-medium text-slate-700">
                {t("shipments.detail.receivedQty")}
              </label>
              <input
                id="receivedQty"
                name="receivedQty"
                type="number"
                inputMode="decimal"
                min="0"
                step="any"
                required
                defaultValue={result?.values.receivedQty ?? String(s.qty)}
                aria-invalid={qtyErrors.length > 0 || undefined}
                aria-describedby={qtyErrors.length ? "receivedQty-error" : undefined}
                className={`${control} w-40 text-right`}
              />
              {qtyErrors.length ? (
                <p id="receivedQty-error" role="alert" className="mt-1 text-sm text-red-600">
                  {qtyErrors.join(" ")}
                </p>
              ) : null}
            </div>
            <div>
              <label htmlFor="receivedOn" className="block text-sm font-medium text-slate-700">
                {t("shipments.detail.receivedOn")}
              </label>
              <input
                id="receivedOn"
                name="receivedOn"
                type="date"
                required
                min={s.shipDate}
                max={today}
                defaultValue={result?.values.receivedOn ?? today}
                aria-invalid={onErrors.length > 0 || undefined}
                aria-describedby={onErrors.length ? "receivedOn-error" : undefined}
                className={`${control} w-44`}
              />
              {onErrors.length ? (
                <p id="receivedOn-error" role="alert" className="mt-1 text-sm text-red-600">
                  {onErrors.join(" ")}
                </p>
              ) : null}
            </div>
            {s.approvedQty !== null && s.lineShippedQty !== null && s.lineShippedQty < s.approvedQty ? (
              <div className="mt-6 flex items-start gap-2">
                <input id="expectRest" name="expectRest" type="checkbox" className="mt-1" aria-describedby="expectRest-hint" />
                <div>
                  <label htmlFor="expectRest" className="text-sm font-medium text-slate-700">
                    {t("shipments.detail.expectRest")}
                  </label>
                  <p id="expectRest-hint" className="text-xs text-slate-500">
                    {t("shipments.detail.expectRestHint", { rest: formatQuantity(locale, s.approvedQty - s.lineShippedQty) })}
                  </p>
                </div>
              </div>
            ) : null}
            <button
              type="submit"
              name="intent"
              value="receive"
              disabled={navigation.state !== "idle"}
              className="mt-6 rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
            >
              {t("shipments.detail.receiveSubmit")}
            </button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
