import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { BandProposalRecord } from "~/services/inventory/agreement-view.server";
import { formatInstant, formatQuantity } from "~/utils/format";
import { Fact } from "./agreement-overview";

/** A band proposal as the pages show it (what these components read of the model's records). */
export type BandProposalView = Pick<
  BandProposalRecord,
  | "id"
  | "supplierName"
  | "currentMin"
  | "currentMax"
  | "proposedMin"
  | "proposedMax"
  | "agreedMin"
  | "agreedMax"
  | "recommendedMin"
  | "recommendedMax"
  | "reason"
  | "status"
  | "decisionComment"
  | "createdAt"
  | "decidedAt"
>;

/** Whether the agreement's band moved since the proposal was made: it can no longer be accepted. */
export function bandChangedSince(proposal: BandProposalView): boolean {
  return proposal.agreedMin !== proposal.currentMin || proposal.agreedMax !== proposal.currentMax;
}

function BandFacts({ proposal, uom }: { proposal: BandProposalView; uom: string }) {
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

function ProposalHistory({ recent, timezone }: { recent: BandProposalView[]; timezone: string }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const q = (v: number) => formatQuantity(locale, v);
  if (recent.length === 0) return null;
  return (
    <>
      <h3 className="mt-4 font-semibold">{t("agreement.proposal.history")}</h3>
      <ul className="mt-1 space-y-2" data-testid="proposal-history">
        {recent.map((p) => (
          <li key={p.id} data-status={p.status}>
            {t("agreement.proposal.historyLine", {
              from: t("agreement.bandValue", { min: q(p.currentMin), max: q(p.currentMax) }),
              to: t("agreement.bandValue", { min: q(p.proposedMin), max: q(p.proposedMax) }),
              status: t(`agreement.proposal.statuses.${p.status}`, { defaultValue: p.status }),
              when: formatInstant(locale, timezone, p.decidedAt ?? p.createdAt),
            })}
            {p.decisionComment ? <span className="block whitespace-pre-line text-slate-600">{p.decisionComment}</span> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

/**
 * The agreement page's band proposal: the pending one with its facts and the member's buttons
 * (`actions`), or the supplier's form to propose one (`proposeForm`); the latest closed ones
 * below. `notice` is a refusal to show above it. Nothing for a buyer when there is no proposal.
 */
export function BandProposalSection({
  pending,
  recent,
  isSupplier,
  uom,
  timezone,
  notice,
  actions,
  proposeForm,
}: {
  pending: BandProposalView | null;
  recent: BandProposalView[];
  isSupplier: boolean;
  uom: string;
  timezone: string;
  notice?: ReactNode;
  actions?: ReactNode;
  proposeForm?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  if (!pending && !isSupplier && recent.length === 0) return null;
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
      {notice}
      {pending ? (
        <div data-proposal-id={pending.id}>
          <p className="mt-1 text-xs text-slate-500">
            {pending.supplierName} ·{" "}
            {t("agreement.proposal.proposedAt", { when: formatInstant(i18n.language, timezone, pending.createdAt) })}
          </p>
          <BandFacts proposal={pending} uom={uom} />
          <h3 className="mt-3 font-semibold">{t("agreement.proposal.reason")}</h3>
          <p className="mt-1 whitespace-pre-line text-slate-700">{pending.reason}</p>
          {bandChangedSince(pending) ? (
            <p role="status" className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900">
              {t("agreement.proposal.bandChanged")}
            </p>
          ) : null}
          {actions}
        </div>
      ) : isSupplier ? (
        proposeForm
      ) : null}
      <ProposalHistory recent={recent} timezone={timezone} />
    </section>
  );
}
