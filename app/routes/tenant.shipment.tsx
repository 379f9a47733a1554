import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { NoticeCancelForm, NoticeCorrectionForm } from "~/components/shipments/notice-correction-form";
import { NoticeLines } from "~/components/shipments/notice-lines";
import { NoticeReceiptForm } from "~/components/shipments/notice-receipt-form";
import { useShipmentMessages } from "~/components/shipments/shipment-messages";
import { StatusBadge } from "~/components/shipments/status-badge";
import { requireMembership } from "~/services/auth/guards.server";
import { actOnNotice, loadNoticePage, parseNoticeForm } from "~/services/shipments/notice-page.server";
import { formatDay } from "~/utils/format";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { badRequest, formErrorData, invariantFound } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [
  { title: d ? `${d.notice.asnNumber} · ${d.notice.planNumber ?? d.notice.supplierName}` : "VMI Portal" },
];

/**
 * A shipping notice and its lines, opened by any line's id: the buyer receives its lines in one
 * form, its supplier corrects or cancels it while none of it is received.
 */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  invariantFound(isUuid(shipmentId));
  const page = await loadNoticePage(membership, shipmentId);
  // Unknown, another supplier's or another tenant's shipment: the same 404.
  invariantFound(page);
  return page;
}

const TOASTS = {
  receive: () => ({ key: "shipments.detail.receivedToast" }),
  correct: (changed: boolean, asnNumber: string) =>
    changed ? { key: "shipments.notice.corrected", params: { asnNumber } } : { key: "shipments.notice.unchanged" },
  cancel: (asnNumber: string) => ({ key: "shipments.notice.cancelled", params: { asnNumber } }),
};

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const shipmentId = args.params.shipmentId ?? "";
  invariantFound(isUuid(shipmentId));
  const submission = parseNoticeForm(await requireFormData(args.request));
  if (!submission) throw badRequest("Bad request: expected a shipping notice form");
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  try {
    const done = await actOnNotice(membership, shipmentId, submission.value);
    const path = `/t/${membership.tenant.slug}/shipments/${shipmentId}`;
    if (done.intent === "receive") return redirectWithToast(args.request, path, TOASTS.receive());
    if (done.intent === "correct")
      return redirectWithToast(args.request, path, TOASTS.correct(done.result.changed, done.result.asnNumber));
    return redirectWithToast(args.request, path, TOASTS.cancel(done.result.asnNumber));
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

/** The reply of the form that was posted, for that form only (the page has up to three). */
function replyOf(result: SubmissionResult<string[]> | undefined, intent: string) {
  return result?.initialValue?.intent === intent ? result : undefined;
}

export default function ShipmentNoticePage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const { notice: n, lines, today, canReceive, canChange, limits } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>() as SubmissionResult<string[]> | undefined;
  const { text } = useShipmentMessages();
  const locale = i18n.language;
  // A line received or changed meanwhile, a plan no longer approved: said above the page.
  const pageErrors = lastResult?.error?.[""] ?? [];
  const none = t("shipments.detail.none");
  const inTransit = lines.filter((l) => l.status === "in_transit");
  const receiptKey = inTransit.map((l) => l.id).join(",");

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/shipments`} className="text-sm text-indigo-700 hover:underline">
          ← {t("shipments.detail.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-center gap-3">
          <h1 className="text-2xl font-bold tracking-tight">{t("shipments.detail.title", { asn: n.asnNumber })}</h1>
          <StatusBadge status={n.status} overdue={n.overdue} />
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
          <Fact label={t("shipments.detail.asnNumber")}>
            <span className="font-mono">{n.asnNumber}</span>
          </Fact>
          <Fact label={t("shipments.detail.plan")}>
            {n.planId ? (
              <Link to={`/t/${tenant}/plans/${n.planId}`} className="text-indigo-700 hover:underline">
                {n.planNumber ?? n.planId.slice(0, 8)}
              </Link>
            ) : (
              t("shipments.noPlan")
            )}
          </Fact>
          <Fact label={t("shipments.detail.supplier")}>{n.supplierName}</Fact>
          <Fact label={t("shipments.detail.shipDate")}>{formatDay(locale, n.shipDate)}</Fact>
          <Fact label={t("shipments.detail.expectedArrival")}>
            {n.firstArrival === n.lastArrival
              ? formatDay(locale, n.firstArrival)
              : t("shipments.detail.arrivalRange", {
                  from: formatDay(locale, n.firstArrival),
                  to: formatDay(locale, n.lastArrival),
                })}
          </Fact>
          <Fact label={t("shipments.detail.lineCount")}>
            {t("shipments.detail.linesValue", { count: n.lines, received: n.receivedLines })}
          </Fact>
          <Fact label={t("shipments.detail.carrier")}>{n.carrier ?? none}</Fact>
          <Fact label={t("shipments.detail.tracking")}>
            <span className="font-mono">{n.tracking ?? none}</span>
          </Fact>
        </dl>
      </section>

      <NoticeLines lines={lines} />

      {canReceive ? (
        <NoticeReceiptForm
          key={receiptKey}
          formId={`receipt-${n.asnNumber}`}
          lines={inTransit}
          today={today}
          lastResult={replyOf(lastResult, "receive")}
        />
      ) : null}
      {canChange ? (
        <>
          <NoticeCorrectionForm notice={n} lines={lines} limits={limits} lastResult={replyOf(lastResult, "correct")} />
          <NoticeCancelForm asnNumber={n.asnNumber} lastResult={replyOf(lastResult, "cancel")} />
        </>
      ) : null}
    </div>
  );
}
