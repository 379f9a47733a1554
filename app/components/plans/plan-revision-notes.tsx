import { useTranslation } from "react-i18next";
import type { ChangesAsked } from "~/services/plans/draft-builder.server";
import type { MovedShipDate } from "~/services/plans/past-ship-dates";
import { formatDay, formatInstant, formatQuantity } from "~/utils/format";

/**
 * Above a revision's builder: what the buyer's side asked for when it sent the plan back (its
 * comment and the decision on each line), and which ship dates had passed and were moved to today.
 */
export function PlanRevisionNotes({
  asked,
  moved,
  timezone,
}: {
  asked: ChangesAsked | null;
  moved: readonly MovedShipDate[];
  timezone: string;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const day = (d: string | null) => (d ? formatDay(locale, d) : "");
  return (
    <>
      {asked ? (
        <section
          aria-labelledby="asked-title"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm"
          data-testid="changes-asked"
        >
          <h2 id="asked-title" className="text-base font-semibold">
            {t("plans.revision.askedTitle", { version: asked.version })}
          </h2>
          {asked.comment ? (
            <p className="mt-1">
              <span className="text-slate-600">
                {t("plans.revision.askedBy", {
                  role: t(`plans.roles.${asked.role ?? "buyer"}`, { defaultValue: asked.role ?? "" }),
                  when: asked.occurredAt ? formatInstant(locale, timezone, asked.occurredAt) : "",
                })}
              </span>{" "}
              <span className="whitespace-pre-line">“{asked.comment}”</span>
            </p>
          ) : null}
          {asked.lines.length > 0 ? (
            <ul className="mt-2 list-disc pl-5" data-testid="changes-asked-lines">
              {asked.lines.map((l) => (
                <li key={l.lineNo}>
                  {t("plans.builder.line", { line: l.lineNo })} · <span className="font-mono text-xs">{l.sku}</span> ·{" "}
                  {l.siteCode}: <span className="font-mono font-semibold">{l.decisionCode}</span>{" "}
                  {t(`plans.revision.decisions.${l.decisionCode}`, {
                    qty: formatQuantity(locale, l.qty),
                    approvedQty: formatQuantity(locale, l.approvedQty ?? l.qty),
                    date: day(l.arrivalDate),
                    approvedDate: day(l.approvedArrivalDate ?? l.arrivalDate),
                    defaultValue: "",
                  })}
                  {l.reason ? <span className="text-slate-700"> — “{l.reason}”</span> : null}
                </li>
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
      {moved.length > 0 ? (
        <section role="status" className="rounded-lg border border-sky-300 bg-sky-50 p-4 text-sm" data-testid="moved-ship-dates">
          <p className="font-semibold">{t("plans.revision.movedTitle", { count: moved.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {moved.map((m) => (
              <li key={m.line}>
                {t("plans.revision.moved", {
                  line: m.line,
                  from: day(m.from.shipDate),
                  to: day(m.to.shipDate),
                  arrivalFrom: day(m.from.arrivalDate),
                  arrivalTo: day(m.to.arrivalDate),
                })}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
