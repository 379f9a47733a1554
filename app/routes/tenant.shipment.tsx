import { parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { ReceiptForm } from "~/components/shipments/receipt-form";
import { useShipmentMessages } from "~/components/shipments/shipment-messages";
import { requireMembership } from "~/services/auth/guards.server";
import { loadShipmentPage, receiveFromForm } from "~/services/shipments/receipt-form.server";
import { formatDay, formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.shipment.sku} · ${d.shipment.planNumber ?? ""}` : "VMI Portal" },
];

/**
 * The receipt form: the quantity and the day are read as text and judged by the service, so that
 * each refusal stands under its field; the button and the "more will come" box (offered only for
 * a line shipped short) are refused when they send a value they never send, rather than read as
 * a receipt or as "the line completes".
 */
const ReceiptFormSchema = z.object({
  intent: z.literal("receive"),
  receivedQty: z.string().optional(),
  receivedOn: z.string().optional(),
  expectRest: z.literal("on").optional(),
});

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  invariantFound(isUuid(shipmentId));
  const page = await loadShipmentPage(membership, shipmentId);
  // Unknown, another supplier's or another tenant's shipment: the same 404.
  invariantFound(page);
  return page;
}

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  invariantFound(isUuid(shipmentId));
  const form = await requireFormData(args.request);
  const submission = parseWithZod(form, { schema: ReceiptFormSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    await receiveFromForm(membership, shipmentId, submission.value);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/shipments/${shipmentId}`, {
      key: "shipments.detail.received",
    });
  } catch (error) {
    return formErrorData(error, submission);
  }
}

function Fact({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div>
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}

export default function ShipmentPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { shipment: s, today, canReceive } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { text } = useShipmentMessages();
  const locale = i18n.language;
  // The shipment received meanwhile, or its plan no longer approved: said above the page.
  const pageErrors = lastResult?.error?.[""] ?? [];
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

      {pageErrors.length > 0 ? (
        <p role="alert" className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {pageErrors.map(text).join(" ")}
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
          <Fact label={t("shipments.detail.asnNumber")}>
            <span className="font-mono">{s.asnNumber}</span>
          </Fact>
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

      {canReceive ? <ReceiptForm shipment={s} today={today} lastResult={lastResult} /> : null}
    </div>
  );
}
