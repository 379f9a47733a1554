import { getFormProps, getInputProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { AgreementActions, EndedNotice } from "~/components/agreements/agreement-actions";
import { OpenAlertList } from "~/components/alerts/open-alert-list";
import { AgreementMetrics, AgreementTermsFacts, BandWarnings } from "~/components/agreements/agreement-overview";
import { bandChangedSince, BandProposalSection, type BandProposalView } from "~/components/agreements/band-proposal-section";
import { ProjectionChart, StockHistoryChart, WeeklyDemandChart } from "~/components/charts/agreement-charts";
import { Field, FormErrors, TextareaField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { actOnAgreement, type AgreementPageAction } from "~/services/agreements/agreement-page.server";
import {
  AcceptanceFormSchema,
  AGREEMENT_EDITORS,
  BandProposalSchema,
  REASON_MAX,
  RejectionFormSchema,
  WithdrawalFormSchema,
} from "~/services/agreements/terms";
import { requireMembership } from "~/services/auth/guards.server";
import { loadAgreementView, type OpenAlertList as OpenAlerts } from "~/services/inventory/agreement-view.server";
import { describeAlert } from "~/services/notifications/alert-text";
import { decodeMessage } from "~/utils/app-error";
import { isUuid } from "~/utils/ids";
import { requireFormData } from "~/utils/read-form-data.server";
import { invariantFound, replyToError, badRequest } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.agreement.sku} · ${data.agreement.siteCode}` : "VMI Portal" },
];

const isEditor = (role: string) => (AGREEMENT_EDITORS as readonly string[]).includes(role);

export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args);
  const view = await loadAgreementView(membership, args.params.agreementId ?? "");
  // Unknown, another supplier's or another tenant's: the same 404, which confirms nothing.
  invariantFound(view);
  return {
    ...view,
    isSupplier: membership.role === "supplier",
    canEdit: isEditor(membership.role),
    currency: membership.tenant.currency,
    timezone: membership.tenant.timezone,
  };
}

/** Which of the page's forms a refused POST answers, with conform's reply for it. */
type ActionData = { form: "propose" | "decision" | "withdraw"; reply: SubmissionResult<string[]> };

/** Each button's form and rules; the supplier's buttons and the buyer's are each side's only. */
const INTENTS = {
  propose: { form: "propose", schema: BandProposalSchema, supplier: true },
  withdraw: { form: "withdraw", schema: WithdrawalFormSchema, supplier: true },
  accept: { form: "decision", schema: AcceptanceFormSchema, supplier: false },
  reject: { form: "decision", schema: RejectionFormSchema, supplier: false },
} as const;
type Intent = keyof typeof INTENTS;

export async function action(args: ActionFunctionArgs) {
  const membership = await requireMembership(args);
  const agreementId = args.params.agreementId ?? "";
  invariantFound(isUuid(agreementId));
  const form = await requireFormData(args.request);
  const intent = String(form.get("intent") ?? "");
  if (!Object.hasOwn(INTENTS, intent)) throw badRequest("Bad request");
  const { form: name, schema, supplier } = INTENTS[intent as Intent];
  // A button of the other side's is the same 404 as an agreement that does not exist.
  invariantFound(supplier ? membership.role === "supplier" : isEditor(membership.role));
  const submission = parseWithZod(form, { schema: schema as z.ZodType<Omit<AgreementPageAction, "intent">> });
  if (submission.status !== "success") return data<ActionData>({ form: name, reply: submission.reply() }, { status: 400 });
  try {
    const { toast } = await actOnAgreement(membership, agreementId, { ...submission.value, intent } as AgreementPageAction);
    return redirectWithToast(args.request, `/t/${membership.tenant.slug}/inventory/${agreementId}`, { key: toast });
  } catch (error) {
    const { reply, status } = replyToError(error, submission);
    return data<ActionData>({ form: name, reply }, { status });
  }
}

function ProposeForm({ result }: { result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "propose" });
  const [form, fields] = useForm({
    id: "band-proposal",
    lastResult: result,
    constraint: getZodConstraint(BandProposalSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: BandProposalSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const number = { step: "any", inputMode: "decimal" } as const;
  return (
    <Form method="post" {...getFormProps(form)} className="mt-3 max-w-xl space-y-3" data-testid="propose-form">
      <p className="text-slate-600">{t("agreement.proposal.proposeIntro")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field
          label={t("agreement.proposal.minQty")}
          errors={fields.minQty.errors}
          inputProps={{ ...getInputProps(fields.minQty, { type: "number", ariaAttributes: false }), ...number }}
          key={fields.minQty.key}
        />
        <Field
          label={t("agreement.proposal.maxQty")}
          errors={fields.maxQty.errors}
          inputProps={{ ...getInputProps(fields.maxQty, { type: "number", ariaAttributes: false }), ...number }}
          key={fields.maxQty.key}
        />
      </div>
      <TextareaField
        label={t("agreement.proposal.reason")}
        hint={t("agreement.proposal.reasonHint")}
        errors={fields.reason.errors}
        textareaProps={{ ...getTextareaProps(fields.reason, { ariaAttributes: false }), rows: 3, maxLength: REASON_MAX }}
        key={fields.reason.key}
      />
      <Button type="submit" name="intent" value="propose" size="md" pending={pending}>
        {t("agreement.proposal.submit")}
      </Button>
    </Form>
  );
}

function DecisionForm({ proposal, result }: { proposal: BandProposalView; result: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const pending = useIsPending();
  const [form, fields] = useForm({
    id: "decision",
    lastResult: result,
    // A rejection needs its reason, an acceptance takes one if given: the button pressed decides.
    onValidate: ({ formData }) =>
      parseWithZod(formData, { schema: formData.get("intent") === "reject" ? RejectionFormSchema : AcceptanceFormSchema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="mt-4 max-w-xl space-y-2" data-testid="decision-form">
      <input type="hidden" name="proposalId" value={proposal.id} />
      <TextareaField
        label={t("agreement.proposal.comment")}
        hint={t("agreement.proposal.commentHint")}
        errors={fields.comment.errors}
        textareaProps={{ ...getTextareaProps(fields.comment, { ariaAttributes: false }), rows: 2, maxLength: REASON_MAX }}
        key={fields.comment.key}
      />
      <div className="flex flex-wrap gap-3">
        {bandChangedSince(proposal) ? null : (
          <Button type="submit" name="intent" value="accept" size="md" pending={pending}>
            {t("agreement.proposal.accept")}
          </Button>
        )}
        <Button type="submit" name="intent" value="reject" variant="danger-outline" size="md" pending={pending}>
          {t("agreement.proposal.reject")}
        </Button>
      </div>
    </Form>
  );
}

function WithdrawForm({ proposal }: { proposal: BandProposalView }) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "withdraw" });
  return (
    <Form method="post" className="mt-4">
      <p className="mb-2 text-slate-600">{t("agreement.proposal.awaiting")}</p>
      <input type="hidden" name="proposalId" value={proposal.id} />
      <Button type="submit" name="intent" value="withdraw" variant="secondary" size="md" pending={pending}>
        {t("agreement.proposal.withdraw")}
      </Button>
    </Form>
  );
}

/**
 * Why a proposal action was refused, above the proposal: a decision or withdrawal that came too
 * late (the proposal's status in words), or a proposal made while another was made meanwhile.
 */
function RefusalNotice({ result, pending }: { result: ActionData | undefined; pending: boolean }) {
  const { t } = useTranslation();
  const errors = result?.reply.error?.[""] ?? [];
  if (!result || errors.length === 0) return null;
  if (result.form === "propose") {
    // Without a pending proposal, the form shows its own errors.
    return pending ? (
      <div className="mt-2">
        <FormErrors errors={errors} />
      </div>
    ) : null;
  }
  const text = errors
    .map(decodeMessage)
    .map((m) => {
      const status = String(m.params?.status ?? "");
      const inWords = status ? t(`agreement.proposal.statusWords.${status}`, { defaultValue: status }) : "";
      return t(m.key, { ...m.params, status: inWords });
    })
    .join(" ");
  return (
    <p
      role="alert"
      // The decision form's own error id (conform's), which the form points to when refused.
      id={result.form === "decision" ? "decision-error" : undefined}
      className="mt-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900"
    >
      {text}
    </p>
  );
}

/** The agreement's open alerts, near the top: severity, what, since, each a link to the alert. */
function AgreementAlerts({ alerts, timezone }: { alerts: OpenAlerts; timezone: string }) {
  const { t, i18n } = useTranslation();
  const { tenant } = useParams();
  if (alerts.total === 0) return null;
  const locale = i18n.language;
  const translate = (key: string, options?: Record<string, unknown>) => t(key, options ?? {}) as string;
  const items = alerts.rows.map((a) => ({ ...a, ...describeAlert(translate, a, locale) }));
  const more = alerts.total - items.length;
  return (
    <section
      aria-labelledby="agreement-alerts-title"
      className="rounded-lg border border-amber-200 bg-white"
      data-testid="agreement-alerts"
    >
      <h2 id="agreement-alerts-title" className="px-4 pt-4 text-base font-semibold">
        {t("agreement.alerts.title")}
      </h2>
      <p className="px-4 text-sm text-slate-600">{t("agreement.alerts.hint")}</p>
      <div className="mt-2">
        <OpenAlertList tenant={tenant ?? ""} items={items} timezone={timezone} showSubject={false} showSupplier={false} />
      </div>
      {more > 0 ? (
        <p className="px-4 pb-4 pt-2 text-sm">
          <Link to={`/t/${tenant}/alerts`} className="text-indigo-700 hover:underline">
            {t("agreement.alerts.more", { count: more, number: new Intl.NumberFormat(locale).format(more) })}
          </Link>
        </p>
      ) : null}
    </section>
  );
}

export default function AgreementPage() {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const data = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const { agreement: a, latest, inbound, projection, warnings, weekly, stock, horizon, proposals } = data;
  const m = a.metrics;
  const pending = proposals.pending;
  const ended = a.status === "ended";

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
          <AgreementActions
            tenant={tenant ?? ""}
            agreementId={a.id}
            ended={ended}
            isSupplier={data.isSupplier}
            canEdit={data.canEdit}
          />
        </div>
        {ended ? <EndedNotice /> : null}
      </div>

      <AgreementAlerts alerts={data.alerts} timezone={data.timezone} />

      <BandWarnings warnings={warnings} />

      <BandProposalSection
        pending={pending}
        recent={proposals.recent}
        isSupplier={data.isSupplier}
        uom={a.uom}
        timezone={data.timezone}
        notice={<RefusalNotice result={result} pending={pending !== null} />}
        actions={
          pending === null ? null : data.isSupplier ? (
            <WithdrawForm proposal={pending} />
          ) : data.canEdit ? (
            <DecisionForm proposal={pending} result={result?.form === "decision" ? result.reply : undefined} />
          ) : null
        }
        proposeForm={ended ? null : <ProposeForm result={result?.form === "propose" ? result.reply : undefined} />}
      />

      <div className="grid gap-6 lg:grid-cols-3">
        <AgreementTermsFacts agreement={a} latest={latest} inbound={inbound} currency={data.currency} tenant={tenant ?? ""} />
        <AgreementMetrics agreement={a} timezone={data.timezone} explanation={data.bandExplanation} />
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
