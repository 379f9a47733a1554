import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PlanningAgreement, type PlanningContext, type PlanProjection, smallestOrderable, type Urgency } from "~/core";
import { TextareaField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { PlanLineError } from "~/services/plans/plan-line-rules";
import { addDays } from "~/utils/dates";
import { formatQuantity } from "~/utils/format";
import { type BuilderLine, HiddenPlanLine, type KeyedLine, PlanBuilderLine } from "./plan-builder-line";
import { type BuilderFilters, matchesFilters, NO_CLASS, NO_FILTERS, PlanBuilderFilters } from "./plan-builder-filters";
import { type BuilderLineField, parseLineFieldName, useBuilderMessages } from "./plan-builder-messages";
import { PlanBuilderErrorSummary } from "./plan-builder-summary";
import { useBuilderChecks } from "./use-builder-checks";

export type { BuilderLine } from "./plan-builder-line";

/**
 * The plan rules the builder runs in the browser as the supplier types: the same checks and
 * projection the services run before they write, handed in by the route (components hold no
 * domain rules of their own).
 */
export interface PlanBuilderRules {
  validate(lines: readonly unknown[], context: PlanningContext): { errors: PlanLineError[] };
  project(context: PlanningContext, agreementId: string, lines: readonly unknown[]): PlanProjection | null;
}

/** What a proposed line may choose from: nothing (one array, so that its memo holds). */
const NO_AGREEMENTS: readonly PlanningAgreement[] = [];

/** Lines on one page: a long proposal stays quick to show and to edit. */
export const BUILDER_PAGE_SIZE = 50;

/**
 * The plan builder: the proposal's lines, each in the plan or left out, editable, filtered and
 * shown a page at a time; each line shows its terms and what it does to projected stock as the
 * supplier types (the plan rules run in the browser, per agreement). The form posts real fields
 * (`lines[0].qty` …, the lines in the plan only; those not on screen as hidden fields) through
 * conform, so it also works without script; what the server refused comes back as conform's
 * reply, summarised at the top (focused) and shown under each field.
 */
export function PlanBuilder({
  formId,
  context,
  urgency,
  initialLines,
  initialNote,
  requestId,
  lockVersion,
  lastResult,
  rules,
}: {
  formId: string;
  context: PlanningContext;
  urgency: Record<string, Urgency>;
  initialLines: BuilderLine[];
  initialNote: string;
  requestId: string;
  lockVersion: number | null;
  lastResult: SubmissionResult<string[]> | null | undefined;
  rules: PlanBuilderRules;
}) {
  const { t, i18n } = useTranslation();
  const messages = useBuilderMessages();
  const [form] = useForm({ id: formId, lastResult, shouldValidate: "onSubmit" });
  const submitting = useIsPending({ intent: "submit" });
  const saving = useIsPending({ intent: "draft" });
  const nextKey = useRef(initialLines.length + 1);
  const [lines, setLines] = useState<KeyedLine[]>(() =>
    initialLines.map((l, i) => ({
      ...l,
      // A proposed line that breaks a rule says why from the start, in the reader's words.
      reason:
        l.reason ||
        (l.reasonPrefill
          ? messages.text({ key: `plans.builder.prefill.${l.reasonPrefill.code}`, params: l.reasonPrefill.params })
          : ""),
      key: i + 1,
      touched: false,
      included: true,
      added: false,
    })),
  );
  const [note, setNote] = useState(initialNote);
  // What the server said about the posted note, shown beside it until the note is edited.
  const [noteEdited, setNoteEdited] = useState(false);
  const [filters, setFilters] = useState<BuilderFilters>(NO_FILTERS);
  const [page, setPage] = useState(0);
  const [focusTarget, setFocusTarget] = useState<string | null>(null);
  const byId = useMemo(() => new Map(context.agreements.map((a) => [a.agreementId, a])), [context]);
  // New lines are for agreements that take plans; a line of an agreement ended since keeps showing
  // it, and the checks say why it can no longer be submitted.
  const sortedAgreements = useMemo(
    () =>
      context.agreements
        .filter((a) => a.status !== "ended")
        .sort((a, b) => a.sku.localeCompare(b.sku) || a.siteCode.localeCompare(b.siteCode)),
    [context],
  );
  const sites = useMemo(() => [...new Set(sortedAgreements.map((a) => a.siteCode))].sort(), [sortedAgreements]);
  const classes = useMemo(() => [...new Set(sortedAgreements.map((a) => a.metrics?.abc || NO_CLASS))].sort(), [sortedAgreements]);

  const posted = useMemo(() => lines.filter((l) => l.included), [lines]);
  const positions = useMemo(() => new Map(posted.map((l, i) => [l.key, i])), [posted]);
  const checks = useBuilderChecks(posted, context, rules);
  const shown = useMemo(
    () => lines.filter((l) => matchesFilters(filters, byId.get(l.agreementId), urgency[l.agreementId], l.shipDate)),
    [lines, filters, byId, urgency],
  );
  const pages = Math.max(1, Math.ceil(shown.length / BUILDER_PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const onPage = shown.slice(current * BUILDER_PAGE_SIZE, (current + 1) * BUILDER_PAGE_SIZE);
  const onPageKeys = new Set(onPage.map((l) => l.key));

  // What the server refused, by posted line and field, formatted once per reply.
  const serverByIndex = useMemo(() => {
    const out = new Map<number, Partial<Record<BuilderLineField, string[]>>>();
    for (const [name, list] of Object.entries(form.allErrors)) {
      const at = parseLineFieldName(name);
      if (!at) continue;
      const fields = out.get(at.index) ?? {};
      fields[at.field] = list.map(messages.format);
      out.set(at.index, fields);
    }
    return out;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- formatted again only for a new reply or language
  }, [form.allErrors, i18n.language]);

  const onChange = useCallback(
    (key: number, patch: Partial<BuilderLine>) =>
      setLines((all) => all.map((l) => (l.key === key ? { ...l, ...patch, touched: true } : l))),
    [],
  );
  const onToggle = useCallback(
    (key: number) => setLines((all) => all.map((l) => (l.key === key ? { ...l, included: !l.included } : l))),
    [],
  );
  const onDiscard = useCallback((key: number) => setLines((all) => all.filter((l) => l.key !== key)), []);
  const selectShown = (included: boolean) => {
    const keys = new Set(shown.map((l) => l.key));
    setLines((all) => all.map((l) => (keys.has(l.key) && l.included !== included ? { ...l, included } : l)));
  };
  const changeFilters = (next: BuilderFilters) => {
    setFilters(next);
    setPage(0);
  };
  const add = () => {
    const first = sortedAgreements[0];
    setLines((all) => [
      ...all,
      {
        key: nextKey.current++,
        touched: false,
        included: true,
        added: true,
        agreementId: first?.agreementId ?? "",
        qty: first ? String(smallestOrderable(first.moq, first.packSize)) : "",
        shipDate: context.today,
        arrivalDate: first ? addDays(context.today, Math.ceil(first.leadTimeDays)) : context.today,
        reason: "",
        proposedQty: null,
        exceedsMaxCause: null,
      },
    ]);
    // The new line is last: shown, on the last page.
    setFilters(NO_FILTERS);
    setPage(Math.floor(lines.length / BUILDER_PAGE_SIZE));
  };

  /** Brings a posted line's field on screen (filters cleared when they hide it) and focuses it. */
  const reveal = (name: string) => {
    const at = parseLineFieldName(name);
    const line = at ? posted[at.index] : undefined;
    if (line) {
      let index = shown.findIndex((l) => l.key === line.key);
      if (index < 0) {
        setFilters(NO_FILTERS);
        index = lines.findIndex((l) => l.key === line.key);
      }
      setPage(Math.floor(index / BUILDER_PAGE_SIZE));
    }
    setFocusTarget(name);
  };
  useEffect(() => {
    if (!focusTarget) return;
    const element = document.getElementById(focusTarget);
    if (element) {
      element.focus();
      element.scrollIntoView({ block: "center" });
    }
    setFocusTarget(null);
  }, [focusTarget]);

  const noteErrors = noteEdited ? [] : (form.allErrors.note ?? []).map(messages.format);
  const totalQty = posted.reduce((sum, l) => sum + (Number(l.qty) > 0 ? Number(l.qty) : 0), 0);
  const pager =
    pages > 1 ? (
      <nav aria-label={t("plans.builder.pages")} className="flex items-center justify-end gap-2 text-sm">
        <Button variant="secondary" size="sm" onClick={() => setPage(current - 1)} disabled={current === 0}>
          {t("plans.builder.previous")}
        </Button>
        <span data-testid="plan-page">{t("plans.builder.page", { page: current + 1, pages })}</span>
        <Button variant="secondary" size="sm" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
          {t("plans.builder.next")}
        </Button>
      </nav>
    ) : null;

  return (
    <Form
      method="post"
      {...getFormProps(form)}
      className="space-y-4"
      data-line-count={lines.length}
      // conform reads the whole form again on every input (a thousand fields for a long plan) to
      // track values this form never asks it for: the builder's state is its own, so typing stops
      // here (React's listener runs before conform's, on the same document).
      onInput={(e) => e.nativeEvent.stopImmediatePropagation()}
    >
      <input type="hidden" name="requestId" value={requestId} />
      {lockVersion !== null ? <input type="hidden" name="lockVersion" value={lockVersion} /> : null}

      <PlanBuilderErrorSummary form={form} lastResult={lastResult} onReveal={reveal} />

      <PlanBuilderFilters
        filters={filters}
        onFilters={changeFilters}
        sites={sites}
        classes={classes}
        shown={shown.length}
        selected={posted.length}
        total={lines.length}
        onSelectShown={selectShown}
      />
      {pager}
      {shown.length === 0 ? <p className="text-sm text-slate-600">{t("plans.builder.noneShown")}</p> : null}
      <ol className="space-y-3" aria-label={t("plans.builder.linesCaption")}>
        {onPage.map((line) => (
          <PlanBuilderLine
            key={line.key}
            index={positions.get(line.key) ?? null}
            line={line}
            agreements={line.added || !byId.has(line.agreementId) ? sortedAgreements : NO_AGREEMENTS}
            agreement={byId.get(line.agreementId)}
            urgency={urgency[line.agreementId]}
            checks={checks.get(line)}
            serverErrors={line.touched ? undefined : serverByIndex.get(positions.get(line.key) ?? -1)}
            onChange={onChange}
            onToggle={onToggle}
            onDiscard={onDiscard}
          />
        ))}
      </ol>
      {posted.map((line, index) =>
        onPageKeys.has(line.key) ? null : <HiddenPlanLine key={line.key} index={index} line={line} />,
      )}
      {pager}

      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" size="md" onClick={add} disabled={context.agreements.length === 0}>
          {t("plans.builder.add")}
        </Button>
        <p className="text-sm text-slate-600">
          {t("plans.builder.summary", { lines: posted.length, qty: formatQuantity(i18n.language, totalQty) })}
        </p>
      </div>

      <TextareaField
        label={t("plans.builder.note")}
        textareaProps={{
          id: "note",
          name: "note",
          rows: 2,
          value: note,
          onChange: (e) => {
            setNote(e.target.value);
            setNoteEdited(true);
          },
        }}
        errors={noteErrors}
      />

      <div className="flex gap-3">
        <Button type="submit" name="intent" value="submit" pending={submitting} disabled={saving}>
          {t("plans.builder.submit")}
        </Button>
        <Button type="submit" name="intent" value="draft" variant="secondary" pending={saving} disabled={submitting}>
          {t("plans.builder.saveDraft")}
        </Button>
      </div>
    </Form>
  );
}

/** The builder's lines from a refused form's values (conform's reply), shown as they were typed. */
export function linesFromPosted(posted: unknown): BuilderLine[] {
  if (!Array.isArray(posted)) return [];
  return posted.map((value) => {
    const l = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
    const text = (v: unknown) => (typeof v === "string" ? v : "");
    const proposed = text(l.proposedQty);
    return {
      agreementId: text(l.agreementId),
      qty: text(l.qty),
      shipDate: text(l.shipDate),
      arrivalDate: text(l.arrivalDate),
      reason: text(l.reason),
      proposedQty: proposed && Number.isFinite(Number(proposed)) ? Number(proposed) : null,
      exceedsMaxCause: null,
    };
  });
}
