import { Form, useNavigation } from "@remix-run/react";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatDay, formatQuantity } from "~/utils/format";
import {
  type PlanFormError,
  type PlanLineError,
  type PlanLineField,
  type PlanningContext,
  type PlanProjection,
  errorsForLine,
  planLineFieldKey,
  projectWithLines,
  smallestOrderable,
  validatePlanLines,
} from "~/utils/plan-lines";

/** A line as the builder edits it: text fields exactly as typed. */
export interface BuilderLine {
  agreementId: string;
  qty: string;
  shipDate: string;
  arrivalDate: string;
  reason: string;
  proposedQty: number | null;
  exceedsMaxCause: "moq" | "pack-size" | null;
}

interface KeyedLine extends BuilderLine {
  key: number;
  touched: boolean;
}

const DATE_PARAMS = new Set(["date", "today", "shipDate"]);

const input =
  "w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40 aria-[invalid=true]:border-red-500";

function addDaysIso(date: string, days: number) {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The plan builder: the proposal's lines, editable; each line shows its terms and what it does
 * to projected stock as the supplier types (the same checks and projection as the server, run in
 * the browser). The form posts real fields (`lines[0].qty` …), so it also works without script.
 */
export function PlanBuilder({
  context,
  initialLines,
  initialNote,
  requestId,
  lockVersion,
  serverErrors,
  planErrors,
}: {
  context: PlanningContext;
  initialLines: BuilderLine[];
  initialNote: string;
  requestId: string;
  lockVersion: number | null;
  serverErrors: PlanLineError[];
  planErrors: PlanFormError[];
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const nextKey = useRef(initialLines.length + 1);
  const [lines, setLines] = useState<KeyedLine[]>(() => initialLines.map((l, i) => ({ ...l, key: i + 1, touched: false })));
  const [note, setNote] = useState(initialNote);
  // What the server said about the posted note, shown beside it until the note is edited.
  const [noteEdited, setNoteEdited] = useState(false);
  const byId = useMemo(() => new Map(context.agreements.map((a) => [a.agreementId, a])), [context]);
  const sortedAgreements = useMemo(
    () => [...context.agreements].sort((a, b) => a.sku.localeCompare(b.sku) || a.siteCode.localeCompare(b.siteCode)),
    [context],
  );

  const raw = useMemo(
    () =>
      lines.map(({ agreementId, qty, shipDate, arrivalDate, reason }) => ({ agreementId, qty, shipDate, arrivalDate, reason })),
    [lines],
  );
  // Checking and projecting a long proposal takes longer than a keystroke: the fields follow the
  // typing at once, and the checks and effects catch up a moment later.
  const checked = useDeferredValue(raw);
  const live = useMemo(() => validatePlanLines(checked, context).errors, [checked, context]);
  const projections = useMemo(() => {
    const out = new Map<string, PlanProjection>();
    for (const id of new Set(checked.map((l) => l.agreementId))) {
      const p = id ? projectWithLines(context, id, checked) : null;
      if (p) out.set(id, p);
    }
    return out;
  }, [checked, context]);

  // The live checks run as the supplier types (the same rules as the server), so a line that needs
  // a reason says so before submission. Until a line is edited, what the server said about the
  // posted form is shown as well.
  const errorsOf = (index: number, line: KeyedLine) => {
    const own = line.touched ? [] : serverErrors.filter((e) => e.line === index + 1);
    const seen = new Set(own.map((e) => `${e.field}|${e.code}`));
    const merged = own.concat(live.filter((e) => e.line === index + 1 && !seen.has(`${e.field}|${e.code}`)));
    return errorsForLine(merged, index + 1);
  };

  const message = (e: { code: string; params?: Record<string, string | number> }) => {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(e.params ?? {})) {
      params[k] =
        DATE_PARAMS.has(k) && typeof v === "string"
          ? formatDay(locale, v)
          : typeof v === "number"
            ? formatQuantity(locale, v)
            : v;
    }
    return t(`plans.errors.${e.code}`, params);
  };

  const update = (key: number, patch: Partial<BuilderLine>) =>
    setLines((current) => current.map((l) => (l.key === key ? { ...l, ...patch, touched: true } : l)));
  const remove = (key: number) => setLines((current) => current.filter((l) => l.key !== key));
  const add = () => {
    const first = sortedAgreements[0];
    setLines((current) => [
      ...current,
      {
        key: nextKey.current++,
        touched: false,
        agreementId: first?.agreementId ?? "",
        qty: first ? String(smallestOrderable(first.moq, first.packSize)) : "",
        shipDate: context.today,
        arrivalDate: first ? addDaysIso(context.today, Math.ceil(first.leadTimeDays)) : context.today,
        reason: "",
        proposedQty: null,
        exceedsMaxCause: null,
      },
    ]);
  };

  const serverCount = serverErrors.length + planErrors.length;
  const noteErrors = noteEdited ? [] : planErrors.filter((e) => e.field === "note");
  const totalQty = lines.reduce((sum, l) => sum + (Number(l.qty) > 0 ? Number(l.qty) : 0), 0);

  return (
    <Form method="post" className="space-y-4" noValidate>
      <input type="hidden" name="requestId" value={requestId} />
      {lockVersion !== null ? <input type="hidden" name="lockVersion" value={lockVersion} /> : null}

      {serverCount > 0 ? (
        <div
          role="alert"
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
          data-testid="plan-errors"
        >
          <p className="font-semibold">{t("plans.builder.errorSummary", { count: serverCount })}</p>
          <ul className="mt-1 list-disc pl-5">
            {planErrors.map((e) => (
              <li key={`${e.field}-${e.code}`}>
                {e.field === "note" ? (
                  <a href="#note" className="underline">
                    {t("plans.builder.note")}: {message(e)}
                  </a>
                ) : (
                  message(e)
                )}
              </li>
            ))}
            {serverErrors.map((e, i) => (
              <li key={i}>
                <a href={`#${planLineFieldKey(e.line, e.field)}`} className="underline">
                  {t("plans.errors.lineField", {
                    line: e.line,
                    field: t(`plans.builder.${fieldLabel(e.field)}`),
                    message: message(e),
                  })}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <ol className="space-y-3" aria-label={t("plans.builder.linesCaption")}>
        {lines.map((line, index) => {
          const n = index + 1;
          const agreement = byId.get(line.agreementId);
          const projection = projections.get(line.agreementId);
          const effect = projection?.lines.find((e) => e.line === n);
          const errors = errorsOf(index, line);
          const isLastOfAgreement = !lines.slice(index + 1).some((l) => l.agreementId === line.agreementId);
          const fieldProps = (field: PlanLineField) => {
            const id = planLineFieldKey(n, field);
            const errs = errors[field] ?? [];
            return {
              id,
              name: id,
              "aria-invalid": errs.length > 0,
              "aria-describedby": errs.length > 0 ? `${id}-error` : undefined,
            };
          };
          const fieldError = (field: PlanLineField) => {
            const errs = errors[field] ?? [];
            return errs.length > 0 ? (
              <p id={`${planLineFieldKey(n, field)}-error`} className="mt-1 text-xs text-red-700">
                {errs.map(message).join(" ")}
              </p>
            ) : null;
          };
          return (
            <li key={line.key} className="rounded-lg border border-slate-200 bg-white p-3" data-testid="plan-line" data-line={n}>
              <div className="flex items-center justify-between">
                <h3 className="text-sm font-semibold">{t("plans.builder.line", { line: n })}</h3>
                <button
                  type="button"
                  onClick={() => remove(line.key)}
                  className="rounded px-2 py-1 text-xs text-slate-600 hover:bg-slate-100 hover:text-red-700 focus-visible:outline-2 focus-visible:outline-indigo-600"
                >
                  {t("plans.builder.remove", { line: n })}
                </button>
              </div>
              <div className="mt-2 grid gap-3 sm:grid-cols-12">
                <div className="sm:col-span-4">
                  <label htmlFor={planLineFieldKey(n, "agreementId")} className="text-xs font-medium text-slate-600">
                    {t("plans.builder.agreement")}
                  </label>
                  <select
                    {...fieldProps("agreementId")}
                    value={line.agreementId}
                    onChange={(e) => update(line.key, { agreementId: e.target.value, proposedQty: null, exceedsMaxCause: null })}
                    className={input}
                  >
                    {!agreement ? <option value={line.agreementId}>{t("plans.builder.chooseAgreement")}</option> : null}
                    {sortedAgreements.map((a) => (
                      <option key={a.agreementId} value={a.agreementId}>
                        {a.sku} · {a.siteCode} — {a.itemName}
                      </option>
                    ))}
                  </select>
                  {fieldError("agreementId")}
                  {agreement ? (
                    <p className="mt-1 text-xs text-slate-500">
                      {t("plans.builder.terms", {
                        min: formatQuantity(locale, agreement.min),
                        max: formatQuantity(locale, agreement.max),
                        moq: formatQuantity(locale, agreement.moq),
                        pack: formatQuantity(locale, agreement.packSize),
                        lead: formatQuantity(locale, agreement.leadTimeDays),
                      })}
                    </p>
                  ) : null}
                </div>
                <div className="sm:col-span-2">
                  <label htmlFor={planLineFieldKey(n, "qty")} className="text-xs font-medium text-slate-600">
                    {t("plans.builder.qty")}
                  </label>
                  <input
                    {...fieldProps("qty")}
                    inputMode="decimal"
                    value={line.qty}
                    onChange={(e) => update(line.key, { qty: e.target.value })}
                    className={`${input} text-right tabular-nums`}
                  />
                  {fieldError("qty")}
                  {line.proposedQty !== null ? (
                    <p className="mt-1 text-xs text-slate-500">
                      {t("plans.builder.proposedQty", { qty: formatQuantity(locale, line.proposedQty) })}
                    </p>
                  ) : null}
                </div>
                <div className="sm:col-span-2">
                  <label htmlFor={planLineFieldKey(n, "shipDate")} className="text-xs font-medium text-slate-600">
                    {t("plans.builder.shipDate")}
                  </label>
                  <input
                    {...fieldProps("shipDate")}
                    type="date"
                    value={line.shipDate}
                    onChange={(e) => update(line.key, { shipDate: e.target.value })}
                    className={input}
                  />
                  {fieldError("shipDate")}
                </div>
                <div className="sm:col-span-2">
                  <label htmlFor={planLineFieldKey(n, "arrivalDate")} className="text-xs font-medium text-slate-600">
                    {t("plans.builder.arrivalDate")}
                  </label>
                  <input
                    {...fieldProps("arrivalDate")}
                    type="date"
                    value={line.arrivalDate}
                    onChange={(e) => update(line.key, { arrivalDate: e.target.value })}
                    className={input}
                  />
                  {fieldError("arrivalDate")}
                </div>
                <div className="sm:col-span-2" aria-live="polite" data-testid="line-effect">
                  <p className="text-xs font-medium text-slate-600">{t("agreement.projected")}</p>
                  {effect ? (
                    <p className="mt-1 text-sm tabular-nums">
                      {t("plans.builder.effect", {
                        before: formatQuantity(locale, effect.onHandBefore, 0),
                        after: formatQuantity(locale, effect.onHandAfter, 0),
                      })}
                    </p>
                  ) : (
                    <p className="mt-1 text-xs text-slate-500">{t("plans.builder.effectNone")}</p>
                  )}
                  {effect?.pushesAboveMax ? (
                    <p className="text-xs font-medium text-sky-800">
                      {t("plans.builder.aboveMax", { date: formatDay(locale, effect.arrivalDate) })}
                    </p>
                  ) : null}
                  {isLastOfAgreement && projection?.stockoutDate ? (
                    <p className="text-xs font-medium text-red-700">
                      {t("plans.builder.stockoutAfter", { date: formatDay(locale, projection.stockoutDate) })}
                    </p>
                  ) : null}
                </div>
                <div className="sm:col-span-12">
                  <label htmlFor={planLineFieldKey(n, "reason")} className="text-xs font-medium text-slate-600">
                    {t("plans.builder.reason")}
                  </label>
                  <input
                    {...fieldProps("reason")}
                    value={line.reason}
                    placeholder={t("plans.builder.reasonPlaceholder")}
                    onChange={(e) => update(line.key, { reason: e.target.value })}
                    className={input}
                  />
                  {fieldError("reason")}
                  {line.exceedsMaxCause ? (
                    <p className="mt-1 text-xs text-sky-800">
                      {t("plans.builder.exceedsMax", { cause: t(`plans.builder.causes.${line.exceedsMaxCause}`) })}
                    </p>
                  ) : null}
                </div>
                {line.proposedQty !== null ? (
                  <input type="hidden" name={`lines[${index}].proposedQty`} value={line.proposedQty} />
                ) : null}
              </div>
            </li>
          );
        })}
      </ol>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <button
          type="button"
          onClick={add}
          disabled={context.agreements.length === 0}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t("plans.builder.add")}
        </button>
        <p className="text-sm text-slate-600">
          {t("plans.builder.summary", { lines: lines.length, qty: formatQuantity(locale, totalQty) })}
        </p>
      </div>

      <div>
        <label htmlFor="note" className="text-xs font-medium text-slate-600">
          {t("plans.builder.note")}
        </label>
        <textarea
          id="note"
          name="note"
          rows={2}
          value={note}
          onChange={(e) => {
            setNote(e.target.value);
            setNoteEdited(true);
          }}
          aria-invalid={noteErrors.length > 0}
          aria-describedby={noteErrors.length > 0 ? "note-error" : undefined}
          className={input}
        />
        {noteErrors.length > 0 ? (
          <p id="note-error" className="mt-1 text-xs text-red-700">
            {noteErrors.map(message).join(" ")}
          </p>
        ) : null}
      </div>

      <div className="flex gap-3">
        <button
          type="submit"
          name="intent"
          value="submit"
          disabled={busy}
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t("plans.builder.submit")}
        </button>
        <button
          type="submit"
          name="intent"
          value="draft"
          disabled={busy}
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-60 focus-visible:outline-2 focus-visible:outline-indigo-600"
        >
          {t("plans.builder.saveDraft")}
        </button>
      </div>
    </Form>
  );
}

function fieldLabel(field: PlanLineField) {
  return field === "agreementId" ? "agreement" : field;
}

/** The builder's lines from a posted form (a page rendered after a refused POST, without script). */
export function linesFromPosted(posted: Record<string, string>[]): BuilderLine[] {
  return posted.map((l) => ({
    agreementId: l.agreementId ?? "",
    qty: l.qty ?? "",
    shipDate: l.shipDate ?? "",
    arrivalDate: l.arrivalDate ?? "",
    reason: l.reason ?? "",
    proposedQty: l.proposedQty && Number.isFinite(Number(l.proposedQty)) ? Number(l.proposedQty) : null,
    exceedsMaxCause: null,
  }));
}
