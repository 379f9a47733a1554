import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useDeferredValue, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { type PlanningContext, type PlanProjection, smallestOrderable } from "~/core";
import { TextareaField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { Message } from "~/utils/app-error";
import type { PlanLineError } from "~/services/plans/plan-line-rules";
import { addDays } from "~/utils/dates";
import { formatQuantity } from "~/utils/format";
import { type BuilderLine, PlanBuilderLine } from "./plan-builder-line";
import {
  BUILDER_LINE_FIELDS,
  type BuilderLineField,
  labelKeyOf,
  lineFieldName,
  messageOfError,
  parseLineFieldName,
  useBuilderMessages,
} from "./plan-builder-messages";

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

interface KeyedLine extends BuilderLine {
  key: number;
  touched: boolean;
}

/**
 * The plan builder: the proposal's lines, editable; each line shows its terms and what it does
 * to projected stock as the supplier types (the plan rules run in the browser). The form posts
 * real fields (`lines[0].qty` …) through conform, so it also works without script; what the
 * server refused comes back as conform's reply, every message under its field.
 */
export function PlanBuilder({
  formId,
  context,
  initialLines,
  initialNote,
  requestId,
  lockVersion,
  lastResult,
  rules,
}: {
  formId: string;
  context: PlanningContext;
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
  const [lines, setLines] = useState<KeyedLine[]>(() => initialLines.map((l, i) => ({ ...l, key: i + 1, touched: false })));
  const [note, setNote] = useState(initialNote);
  // What the server said about the posted note, shown beside it until the note is edited.
  const [noteEdited, setNoteEdited] = useState(false);
  const byId = useMemo(() => new Map(context.agreements.map((a) => [a.agreementId, a])), [context]);
  // New lines are for agreements that take plans; a line of an agreement ended since keeps showing
  // it (plan-builder-line), and the checks say why it can no longer be submitted.
  const sortedAgreements = useMemo(
    () =>
      context.agreements
        .filter((a) => a.status !== "ended")
        .sort((a, b) => a.sku.localeCompare(b.sku) || a.siteCode.localeCompare(b.siteCode)),
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
  const live = useMemo(() => rules.validate(checked, context).errors, [rules, checked, context]);
  const projections = useMemo(() => {
    const out = new Map<string, PlanProjection>();
    for (const id of new Set(checked.map((l) => l.agreementId))) {
      const p = id ? rules.project(context, id, checked) : null;
      if (p) out.set(id, p);
    }
    return out;
  }, [rules, checked, context]);

  // What the server refused, by field name; the form's own messages apart.
  const serverErrors = Object.entries(form.allErrors).filter(([name]) => name !== "");
  const formErrors = form.errors ?? [];
  const summary = [
    ...formErrors.map((m) => ({ name: null, message: m })),
    ...serverErrors.flatMap(([name, list]) => list.map((message) => ({ name, message }))),
  ];

  // The live checks run as the supplier types (the same rules as the server), so a line that needs
  // a reason says so before submission. Until a line is edited, what the server said about the
  // posted form is shown as well.
  const errorsOf = (index: number, line: KeyedLine) => {
    const out: Partial<Record<BuilderLineField, string[]>> = {};
    const seen = new Set<string>();
    const add = (field: BuilderLineField, message: Message | string) => {
      const encoded = messages.format(message);
      const key = `${field}|${encoded}`;
      if (seen.has(key)) return;
      seen.add(key);
      (out[field] ??= []).push(encoded);
    };
    if (!line.touched)
      for (const field of BUILDER_LINE_FIELDS) for (const m of form.allErrors[lineFieldName(index, field)] ?? []) add(field, m);
    for (const e of live)
      if (e.line === index + 1 && (BUILDER_LINE_FIELDS as readonly string[]).includes(e.field))
        add(e.field as BuilderLineField, messageOfError(e));
    return out;
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
        arrivalDate: first ? addDays(context.today, Math.ceil(first.leadTimeDays)) : context.today,
        reason: "",
        proposedQty: null,
        exceedsMaxCause: null,
      },
    ]);
  };

  const noteErrors = noteEdited ? [] : (form.allErrors.note ?? []).map(messages.format);
  const totalQty = lines.reduce((sum, l) => sum + (Number(l.qty) > 0 ? Number(l.qty) : 0), 0);

  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="requestId" value={requestId} />
      {lockVersion !== null ? <input type="hidden" name="lockVersion" value={lockVersion} /> : null}

      {summary.length > 0 ? (
        <div
          role="alert"
          id={form.errorId}
          className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800"
          data-testid="plan-errors"
        >
          <p className="font-semibold">{t("plans.builder.errorSummary", { count: summary.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {summary.map(({ name, message }, i) => {
              const at = name ? parseLineFieldName(name) : null;
              return (
                <li key={i}>
                  {at ? (
                    <a href={`#${name}`} className="underline">
                      {t("plans.errors.lineField", {
                        line: at.index + 1,
                        field: t(labelKeyOf(at.field)),
                        message: messages.text(message),
                      })}
                    </a>
                  ) : name ? (
                    <a href={`#${name}`} className="underline">
                      {name === "note" ? `${t("plans.builder.note")}: ` : ""}
                      {messages.text(message)}
                    </a>
                  ) : (
                    messages.text(message)
                  )}
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}

      <ol className="space-y-3" aria-label={t("plans.builder.linesCaption")}>
        {lines.map((line, index) => {
          const projection = projections.get(line.agreementId);
          const isLastOfAgreement = !lines.slice(index + 1).some((l) => l.agreementId === line.agreementId);
          return (
            <PlanBuilderLine
              key={line.key}
              index={index}
              line={line}
              agreements={sortedAgreements}
              agreement={byId.get(line.agreementId)}
              errors={errorsOf(index, line)}
              effect={projection?.lines.find((e) => e.line === index + 1)}
              stockoutDate={isLastOfAgreement ? (projection?.stockoutDate ?? null) : null}
              onChange={(patch) => update(line.key, patch)}
              onRemove={() => remove(line.key)}
            />
          );
        })}
      </ol>

      <div className="flex flex-wrap items-center justify-between gap-3">
        <Button variant="secondary" size="md" onClick={add} disabled={context.agreements.length === 0}>
          {t("plans.builder.add")}
        </Button>
        <p className="text-sm text-slate-600">
          {t("plans.builder.summary", { lines: lines.length, qty: formatQuantity(i18n.language, totalQty) })}
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
