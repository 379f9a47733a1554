import type { FormMetadata, SubmissionResult } from "@conform-to/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { labelKeyOf, parseLineFieldName, useBuilderMessages } from "./plan-builder-messages";

/**
 * What the server refused, at the top of the builder: focused as the refusal arrives (however far
 * down the submit button was), each entry a link that brings its field on screen and focuses it.
 */
export function PlanBuilderErrorSummary({
  form,
  lastResult,
  onReveal,
}: {
  form: FormMetadata<Record<string, unknown>, string[]>;
  lastResult: SubmissionResult<string[]> | null | undefined;
  /** Shows the field (its page, its line) and focuses it. */
  onReveal: (name: string) => void;
}) {
  const { t } = useTranslation();
  const messages = useBuilderMessages();
  const ref = useRef<HTMLDivElement>(null);
  const serverErrors = Object.entries(form.allErrors).filter(([name]) => name !== "");
  const summary = [
    ...(form.errors ?? []).map((m) => ({ name: null, message: m })),
    ...serverErrors.flatMap(([name, list]) => list.map((message) => ({ name, message }))),
  ];
  const count = summary.length;
  useEffect(() => {
    if (!lastResult || count === 0 || !ref.current) return;
    ref.current.focus();
    ref.current.scrollIntoView({ block: "start" });
  }, [lastResult, count]);
  if (count === 0) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="alert"
      aria-labelledby={`${form.errorId}-title`}
      id={form.errorId}
      className="rounded-md border border-red-300 bg-red-50 p-3 text-sm text-red-800 focus:outline-none focus:ring-2 focus:ring-red-500/50"
      data-testid="plan-errors"
    >
      <p id={`${form.errorId}-title`} className="font-semibold">
        {t("plans.builder.errorSummary", { count })}
      </p>
      <ul className="mt-1 list-disc pl-5">
        {summary.map(({ name, message }, i) => {
          const at = name ? parseLineFieldName(name) : null;
          const text = at
            ? t("plans.errors.lineField", { line: at.index + 1, field: t(labelKeyOf(at.field)), message: messages.text(message) })
            : `${name === "note" ? `${t("plans.builder.note")}: ` : ""}${messages.text(message)}`;
          return (
            <li key={i}>
              {name ? (
                <a
                  href={`#${name}`}
                  className="underline"
                  onClick={(e) => {
                    e.preventDefault();
                    onReveal(name);
                  }}
                >
                  {text}
                </a>
              ) : (
                text
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
