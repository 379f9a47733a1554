import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams, useSearchParams } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ProjectionChart, StockHistoryChart, WeeklyDemandChart } from "~/components/charts/agreement-charts";
import { FormAlert } from "~/components/form-alert";
import { FormField } from "~/components/form-field";
import type { BandProposalRecord } from "~/models/band-proposals.server";
import {
  acceptBandProposal,
  AgreementConflictError,
  AgreementServiceError,
  AgreementValidationError,
  proposeBandChange,
  rejectBandProposal,
  withdrawBandProposal,
} from "~/services/agreements/index.server";
import { AGREEMENT_EDITORS, BandProposalSchema, REASON_MAX } from "~/services/agreements/terms";
import { requireMembership } from "~/services/auth/guards.server";
import { loadAgreementView } from "~/services/inventory/agreement-view.server";
import { readFormData } from "~/services/plan-forms/plan-form-action.server";
import { getDb } from "~/utils/db.server";
import { formatDay, formatInstant, formatMoney, formatQuantity } from "~/utils/format";
import { isUuid } from "~/utils/ids";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.sku} · ${data.agreement.siteCode}` : "VMI Portal" },
];

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const view = await loadAgreementView(membership, args.params.agreementId ?? "");
  // Unknown, another supplier's or another tenant's: the same 404, which confirms nothing.
  if (!view) throw new Response("Not found", { status: 404 });
  return {
    ...view,
    isSupplier: membership.role === "supplier",
    canEdit: (AGREEMENT_EDITORS as readonly string[]).includes(membership.role),
    currency: membership.tenant.currency,
    timezone: membership.tenant.timezone,
  };
}

/** What a refused POST answers: the proposal form's reply, or a decision's error (an i18n key). */
type ActionData =
  | { intent: "propose"; reply: SubmissionResult<string[]> }
  | { intent: "decide"; error: string; field?: "comment"; status?: string };

const DONE = { propose: "proposed", withdraw: "withdrawn", accept: "accepted", reject: "rejected" } as const;
const DONE_TEXTS = {
  updated: "agreement.done.updated",
  unchanged: "agreement.done.unchanged",
  proposed: "agreement.done.proposed",
  withdrawn: "agreement.done.withdrawn",
  accepted: "agreement.done.accepted",
  rejected: "agreement.done.rejected",
} as const;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const agreementId = args.params.agreementId ?? "";
  if (!isUuid(agreementId)) throw new Response("Not found", { status: 404 });
  const form = await readFormData(args.request);
  if (!form) throw new Response("Bad request: expected a form", { status: 400 });
  const intent = String(form.get("intent") ?? "");
  const proposalId = String(form.get("proposalId") ?? "");
  const comment = String(form.get("comment") ?? "");
  const db = getDb();
  const scope = membership.scope;
  const back = (done: string) => redirect(`/t/${membership.tenant.slug}/inventory/${agreementId}?done=${done}`);

  if (intent === "propose") {
    const submission = parseWithZod(form, { schema: BandProposalSchema });
    if (submission.status !== "success") return data<ActionData>({ intent, reply: submission.reply() }, { status: 400 });
    try {
      await proposeBandChange(db, scope, { agreementId, ...submission.value });
      return back(DONE.propose);
    } catch (error) {
      if (error instanceof AgreementValidationError) {
        const reply = submission.reply({ fieldErrors: error.fieldErrors, formErrors: error.formErrors });
        return data<ActionData>({ intent, reply }, { status: 400 });
      }
      if (error instanceof AgreementConflictError) {
        const reply = submission.reply({ formErrors: [`agreement.proposal.errors.${error.reason}`] });
        return data<ActionData>({ intent, reply }, { status: 409 });
      }
      if (error instanceof AgreementServiceError) throw new Response("Not found", { status: 404 });
      throw error;
    }
  }

  if (intent === "withdraw" || intent === "accept" || intent === "reject") {
    try {
      // The page acts on its own agreement's proposal only: another one is "not found".
      const target = { proposalId, agreementId };
      if (intent === "withdraw") await withdrawBandProposal(db, scope, target);
      else if (intent === "accept") await acceptBandProposal(db, scope, { ...target, comment });
      else await rejectBandProposal(db, scope, { ...target, comment });
      return back(DONE[intent]);
    } catch (error) {
      if (error instanceof AgreementValidationError) {
        const key = error.fieldErrors.comment?.[0] ?? "agreement.errors.comment.required";
        return data<ActionData>({ intent: "decide", error: key, field: "comment" }, { status: 400 });
      }
      if (error instanceof AgreementConflictError) {
        const status = error.proposalStatus ?? undefined;
        return data<ActionData>(
          { intent: "decide", error: `agreement.proposal.errors.${error.reason}`, status },
          { status: 409 },
        );
      }
      if (error instanceof AgreementServiceError) throw new Response("Not found", { status: 404 });
      throw error;
    }
  }
  throw new Response("Bad request", { status: 400 });
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex justify-between gap-4 py-1.5">
      <dt className="text-slate-600">{label}</dt>
      <dd className="text-right font-medium tabular-nums">{children}</dd>
    </div>
  );
}

const button =
  "rounded-md px-3 py-1.5 text-sm font-semibold focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60";

function BandFacts({ proposal, uom }: { proposal: BandProposalRecord; uom: string }) {
  const { t, i18n } = useTranslation();
  const q = (v: number | null, d = 2) => formatQuantity(i18n.language, v, d);
  const band = (min: number | null, max: number | null, d = 2) =>
    min === null || max === null ? "—" : `${t("agreement.bandValue", { min: q(min, d), max: q(max, d) })} ${uom}`;
  return (
    <dl className="mt-2 grid gap-x-8 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
      <Fact label={t("agreement.proposal.bandThen")}>{band(proposal.currentMin, proposal.currentMax)}</Fact>
      <Fact label={t("agreement.proposal.proposed")}>
        <span data-testid="proposed-band">{band(proposal.proposedMin, proposal.proposedMax)}</span>
      </Fact>
      <Fact label={t("agreement.proposal.agreedNow")}>{band(proposal.agreedMin, proposal.agreedMax)}</Fact>
      <Fact label={t("agreement.proposal.recommended")}>{band(proposal.recommendedMin, proposal.recommendedMax, 0)}</Fact>
    </dl>
  );
}

function ProposeForm({ result }: { result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm({
    id: "band-proposal",
    lastResult: result,
    constraint: getZodConstraint(BandProposalSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BandProposalSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const reasonError = fields.reason.errors?.length ? `${fields.reason.id}-error` : null;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 max-w-xl space-y-3" data-testid="propose-form">
      <p className="text-slate-600">{t("agreement.proposal.proposeIntro")}</p>
      <FormAlert id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <FormField
          label={t("agreement.proposal.minQty")}
          errors={fields.minQty.errors}
          {...getInputProps(fields.minQty, { type: "number", ariaAttributes: false })}
          key={fields.minQty.key}
          step="any"
          inputMode="decimal"
        />
        <FormField
          label={t("agreement.proposal.maxQty")}
          errors={fields.maxQty.errors}
          {...getInputProps(fields.maxQty, { type: "number", ariaAttributes: false })}
          key={fields.maxQty.key}
          step="any"
          inputMode="decimal"
        />
      </div>
      <div>
        <label htmlFor={fields.reason.id} className="block text-sm font-medium text-slate-700">
          {t("agreement.proposal.reason")}
        </label>
        <textarea
          {...getTextareaProps(fields.reason, { ariaAttributes: false })}
          key={fields.reason.key}
          rows={3}
          maxLength={REASON_MAX}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={[reasonError, `${fields.reason.id}-hint`].filter(Boolean).join(" ")}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid]:border-red-500"
        />
        <p id={`${fields.reason.id}-hint`} className="mt-1 text-xs text-slate-500">
          {t("agreement.proposal.reasonHint")}
        </p>
        {reasonError ? (
          <p id={reasonError} role="alert" className="mt-1 text-sm text-red-600">
            {fields.reason.errors!.map((key) => t(key)).join(" ")}
          </p>
        ) : null}
      </div>
      <button
        type="submit"
        name="intent"
        value="propose"
        disabled={navigation.state !== "idle"}
        className={`${button} bg-indigo-600 text-white hover:bg-indigo-500`}
      >
        {t("agreement.proposal.submit")}
      </button>
    </Form>
  );
}

function DecisionForm({
  proposal,
  error,
}: {
  proposal: BandProposalRecord;
  error: Extract<ActionData, { intent: "decide" }> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const bandChanged = proposal.agreedMin !== proposal.currentMin || proposal.agreedMax !== proposal.currentMax;
  const commentError = error?.field === "comment" ? "decision-comment-error" : null;
  return (
    <Form method="post" className="mt-4 max-w-xl space-y-2" data-testid="decision-form">
      <input type="hidden" name="proposalId" value={proposal.id} />
      <label htmlFor="decision-comment" className="block text-sm font-medium text-slate-700">
        {t("agreement.proposal.comment")}
      </label>
      <textarea
        id="decision-comment"
        name="comment"
        rows={2}
        maxLength={REASON_MAX}
        aria-invalid={commentError ? true : undefined}
        aria-describedby={[commentError, "decision-comment-hint"].filter(Boolean).join(" ")}
        className="block w-full rounded-md border border-slate-300 px-3 py-2 text-sm aria-[invalid]:border-red-500"
      />
      <p id="decision-comment-hint" className="text-xs text-slate-500">
        {t("agreement.proposal.commentHint")}
      </p>
      {commentError ? (
        <p id={commentError} role="alert" className="text-sm text-red-600">
          {t(error!.error)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-3">
        {bandChanged ? null : (
          <button
            type="submit"
            name="intent"
            value="accept"
            disabled={navigation.state !== "idle"}
            className={`${button} bg-emerald-600 text-white hover:bg-emerald-500`}
          >
            {t("agreement.proposal.accept")}
          </button>
        )}
        <button
          type="submit"
          name="intent"
          value="reject"
          disabled={navigation.state !== "idle"}
          className={`${button} border border-red-300 bg-white text-red-800 hover:bg-red-50`}
        >
          {t("agreement.proposal.reject")}
        </button>
      </div>
    </Form>
  );
}

function ProposalSection({
  pending,
  recent,
  isSupplier,
  canEdit,
  uom,
  timezone,
  result,
}: {
  pending: BandProposalRecord | null;
  recent: BandProposalRecord[];
  isSupplier: boolean;
  canEdit: boolean;
  uom: string;
  timezone: string;
  result: ActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const locale = i18n.language;
  const q = (v: number) => formatQuantity(locale, v);
  const statusText = (status: string) => t(`agreement.proposal.statuses.${status}`, { defaultValue: status });
  const decideError = result?.intent === "decide" ? result : undefined;
  const closedAs = decideError?.status
    ? t(`agreement.proposal.statusWords.${decideError.status}`, { defaultValue: decideError.status })
    : "";
  // A proposal refused because another is pending meanwhile: the form gave way to that proposal.
  const proposeConflict = result?.intent === "propose" ? (result.reply.error?.[""] ?? undefined) : undefined;
  if (!pending && !isSupplier && recent.length === 0) return null;
  const bandChanged = pending !== null && (pending.agreedMin !== pending.currentMin || pending.agreedMax !== pending.currentMax);
  return (
    <section
      aria-labelledby="proposal-title"
      className="rounded-lg border border-slate-200 bg-white p-4 text-sm"
      data-testid="band-proposal"
    >
      <h2 id="proposal-title" className="text-base font-semibold">
        {pending
          ? t("agreement.proposal.pendingTitle")
          : isSupplier
            ? t("agreement.proposal.proposeTitle")
            : t("agreement.proposal.title")}
      </h2>
      {pending && proposeConflict ? (
        <div className="mt-2">
          <FormAlert errors={proposeConflict} />
        </div>
      ) : null}
      {decideError && decideError.field !== "comment" ? (
        <p role="alert" className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
          {t(decideError.error, { status: closedAs })}
        </p>
      ) : null}
      {pending ? (
        <div data-proposal-id={pending.id}>
          <p className="mt-1 text-xs text-slate-500">
            {pending.supplierName} ·{" "}
            {t("agreement.proposal.proposedAt", { when: formatInstant(locale, timezone, pending.createdAt) })}
          </p>
          <BandFacts proposal={pending} uom={uom} />
          <h3 className="mt-3 font-semibold">{t("agreement.proposal.reason")}</h3>
          <p className="mt-1 whitespace-pre-line text-slate-700">{pending.reason}</p>
          {bandChanged ? (
            <p role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
              {t("agreement.proposal.bandChanged")}
            </p>
          ) : null}
          {isSupplier ? (
            <Form method="post" className="mt-4">
              <p className="mb-2 text-slate-600">{t("agreement.proposal.awaiting")}</p>
              <input type="hidden" name="proposalId" value={pending.id} />
              <button
                type="submit"
                name="intent"
                value="withdraw"
                disabled={navigation.state !== "idle"}
                className={`${button} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50`}
              >
                {t("agreement.proposal.withdraw")}
              </button>
            </Form>
          ) : canEdit ? (
            <DecisionForm proposal={pending} error={decideError} />
          ) : null}
        </div>
      ) : isSupplier ? (
        <ProposeForm result={result?.intent === "propose" ? result.reply : undefined} />
      ) : null}
      {recent.length > 0 ? (
        <>
          <h3 className="mt-4 font-semibold">{t("agreement.proposal.history")}</h3>
          <ul className="mt-1 space-y-2" data-testid="proposal-history">
            {recent.map((p) => (
              <li key={p.id} data-status={p.status}>
                {t("agreement.proposal.historyLine", {
                  from: t("agreement.bandValue", { min: q(p.currentMin), max: q(p.currentMax) }),
                  to: t("agreement.bandValue", { min: q(p.proposedMin), max: q(p.proposedMax) }),
                  status: statusText(p.status),
                  when: formatInstant(locale, timezone, p.decidedAt ?? p.createdAt),
                })}
                {p.decisionComment ? <span className="block whitespace-pre-line text-slate-600">{p.decisionComment}</span> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

export default function AgreementPage() {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const [search] = useSearchParams();
  const done = search.get("done");
  const { agreement: a, latest, inbound, projection, warnings, weekly, stock, horizon, proposals } = data;
  const m = a.metrics;
  const locale = i18n.language;
  const q = (v: number | null | undefined, d = 2) => formatQuantity(locale, v, d);
  const pct = (v: number | null) =>
    v === null ? "—" : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(v);

  return (
    <div className="space-y-6">
      <div>
        <Link to={`/t/${tenant}/inventory`} className="text-sm text-indigo-700 hover:underline">
          ← {t("agreement.back")}
        </Link>
        <div className="mt-2 flex flex-wrap items-end justify-between gap-4">
          <div>
            <h1 className="text-2xl font-bold tracking-tight">{t("agreement.title", { sku: a.sku, site: a.siteCode })}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {a.itemName} · {a.siteName} · {a.supplierName}
            </p>
          </div>
          {data.isSupplier ? (
            <Link
              to={`/t/${tenant}/plans/new?agreement=${a.id}`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              {t("agreement.planThis")}
            </Link>
          ) : null}
          {data.canEdit ? (
            <Link
              to={`/t/${tenant}/inventory/${a.id}/edit`}
              className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
            >
              {t("agreement.editThis")}
            </Link>
          ) : null}
        </div>
      </div>

      {done && done in DONE_TEXTS ? (
        <p role="status" className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm text-emerald-900">
          {t(DONE_TEXTS[done as keyof typeof DONE_TEXTS])}
        </p>
      ) : null}

      {warnings.length > 0 ? (
        <div role="alert" className="space-y-1 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900">
          {warnings.map((w) => (
            <p key={w.code} data-warning={w.code}>
              {t(`agreement.warnings.${w.code}`, { agreed: q(w.agreed), recommended: q(w.recommended) })}
            </p>
          ))}
        </div>
      ) : null}

      <ProposalSection
        pending={proposals.pending}
        recent={proposals.recent}
        isSupplier={data.isSupplier}
        canEdit={data.canEdit}
        uom={a.uom}
        timezone={data.timezone}
        result={result}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <section aria-labelledby="facts-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
          <h2 id="facts-title" className="text-base font-semibold">
            {t("agreement.facts")}
          </h2>
          <dl className="mt-2 divide-y divide-slate-100">
            <Fact label={t("agreement.band")}>
              <span data-testid="agreed-band">{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })}</span> {a.uom}
            </Fact>
            <Fact label={t("agreement.leadTime")}>
              {t("agreement.leadTimeValue", { days: q(a.leadTimeDays), sd: q(a.leadTimeSdDays) })}
            </Fact>
            <Fact label={t("agreement.moq")}>{q(a.moq)}</Fact>
            <Fact label={t("agreement.packSize")}>{q(a.packSize)}</Fact>
            <Fact label={t("agreement.reviewPeriod")}>{t("agreement.reviewPeriodValue", { days: a.reviewPeriodDays })}</Fact>
            <Fact label={t("agreement.unitCost")}>{formatMoney(locale, data.currency, a.unitCost)}</Fact>
            <Fact label={t("agreement.onHandNow")}>
              {latest ? (
                <>
                  {q(latest.onHand)}{" "}
                  <span className="font-normal text-slate-500">
                    {t("agreement.onHandAsOf", { date: formatDay(locale, latest.day) })}
                  </span>
                </>
              ) : (
                t("agreement.noStock")
              )}
            </Fact>
          </dl>
          <h3 className="mt-4 font-semibold">{t("agreement.inTransit")}</h3>
          {inbound.inTransit.length === 0 && inbound.draftLines.length === 0 ? (
            <p className="mt-1 text-slate-500">{t("agreement.inTransitNone")}</p>
          ) : (
            <ul className="mt-1 space-y-1">
              {inbound.inTransit.map((s) => (
                <li key={s.id}>
                  {t("agreement.shipmentLine", {
                    qty: q(s.qty),
                    ship: formatDay(locale, s.shipDate),
                    due: formatDay(locale, s.expectedArrival),
                  })}
                </li>
              ))}
              {inbound.draftLines.map((l, i) => (
                <li key={`${l.planId}-${i}`} className="text-violet-800">
                  <Link to={`/t/${tenant}/plans/${l.planId}`} className="hover:underline">
                    {t("agreement.draftLine", {
                      qty: q(l.qty),
                      plan: l.planNumber ?? t("agreement.draftPlan"),
                      due: formatDay(locale, l.arrivalDate),
                    })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section
          aria-labelledby="metrics-title"
          className="rounded-lg border border-slate-200 bg-white p-4 text-sm lg:col-span-2"
        >
          <h2 id="metrics-title" className="text-base font-semibold">
            {t("agreement.metrics")}
          </h2>
          {m ? (
            <>
              <p className="mt-1 text-xs text-slate-500">
                {t("agreement.metricsAsOf", {
                  when: formatInstant(locale, data.timezone, m.computedAt),
                  date: formatDay(locale, m.asOf),
                })}
              </p>
              <dl className="mt-2 grid gap-x-8 divide-y divide-slate-100 sm:grid-cols-2 sm:divide-y-0">
                <Fact label={t("agreement.class")}>
                  <span className="font-mono">{`${m.abc}${m.xyz}`}</span>
                </Fact>
                <Fact label={t("agreement.pattern")}>{t(`agreement.patterns.${m.pattern}`)}</Fact>
                <Fact label={t("agreement.method")}>
                  {t(`agreement.methods.${m.forecastMethod}`, { defaultValue: m.forecastMethod })}
                </Fact>
                <Fact label={t("agreement.forecast")}>
                  {t("agreement.forecastValue", { weekly: q(m.forecastWeekly, 1), daily: q(m.forecastDaily, 2) })}
                </Fact>
                <Fact label={t("agreement.accuracy")}>
                  {m.backtestMae === null
                    ? t("agreement.accuracyNone")
                    : t("agreement.accuracyValue", {
                        mae: q(m.backtestMae, 1),
                        wape: pct(m.backtestWape),
                        bias: q(m.backtestBias, 1),
                      })}
                </Fact>
                <Fact label={t("agreement.serviceLevel")}>
                  {m.serviceLevel === null ? t("agreement.noSafetyStock") : pct(m.serviceLevel)}
                </Fact>
                <Fact label={t("agreement.safetyStock")}>{q(m.safetyStock, 0)}</Fact>
                <Fact label={t("agreement.recommendedBand")}>
                  <span data-testid="recommended-band">
                    {t("agreement.bandValue", { min: q(m.recommendedMin, 0), max: q(m.recommendedMax, 0) })}
                  </span>
                </Fact>
                <Fact label={t("agreement.agreedBand")}>{t("agreement.bandValue", { min: q(a.minQty), max: q(a.maxQty) })}</Fact>
              </dl>
            </>
          ) : (
            <p className="mt-2 text-slate-500">{t("agreement.noMetrics")}</p>
          )}
        </section>
      </div>

      {projection ? (
        <ProjectionChart
          days={projection.days}
          min={a.minQty}
          max={a.maxQty}
          firstStockout={projection.firstStockout}
          firstStockoutWithDrafts={projection.firstStockoutWithDrafts}
          hasDrafts={inbound.draftLines.length > 0}
        />
      ) : (
        <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm text-slate-500">
          {t("agreement.projectionNoData", { days: horizon })}
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-2">
        <WeeklyDemandChart
          weekly={weekly}
          forecastWeekly={m?.forecastWeekly ?? null}
          forecastMethod={m ? t(`agreement.methods.${m.forecastMethod}`, { defaultValue: m.forecastMethod }) : null}
        />
        <StockHistoryChart stock={stock} min={a.minQty} max={a.maxQty} days={90} />
      </div>
    </div>
  );
}
