import type { FieldMetadata } from "@conform-to/react";
import type { ReactNode } from "react";
import { ErrorList } from "~/components/forms";

/**
 * The building blocks of the alert rule form: a section, and a group of boxes or radio buttons
 * under one name (a list of cells, suppliers, sites, roles, people; the e-mail choice) with its
 * legend, its hint and its messages, tied to every control of the group for screen readers.
 */

export function Section({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  return (
    <fieldset className="rounded-lg border border-slate-200 bg-white p-4">
      <legend className="px-1 text-lg font-semibold">{title}</legend>
      {hint ? <p className="text-sm text-slate-600">{hint}</p> : null}
      <div className="mt-3 grid gap-4 sm:grid-cols-2">{children}</div>
    </fieldset>
  );
}

export interface Choice {
  value: string;
  label: string;
}

/**
 * Boxes (or radio buttons) under one name, the ticked ones as conform holds them. A long list
 * scrolls in its box. `disabled` leaves the group out of the form (its values are not sent).
 */
export function ChoiceGroup({
  meta,
  formId,
  type,
  legend,
  hint,
  choices,
  empty,
  scroll = false,
  className = "",
}: {
  meta: FieldMetadata<unknown>;
  formId: string;
  type: "checkbox" | "radio";
  legend: string;
  hint?: string;
  choices: readonly Choice[];
  /** Said when there is nothing to choose. */
  empty?: string;
  scroll?: boolean;
  className?: string;
}) {
  const initial = meta.initialValue;
  const checked = new Set(Array.isArray(initial) ? initial.map(String) : typeof initial === "string" ? [initial] : []);
  const invalid = Boolean(meta.errors?.length);
  const hintId = hint ? `${meta.id}-hint` : undefined;
  const describedBy = [invalid ? meta.errorId : undefined, hintId].filter(Boolean).join(" ") || undefined;
  return (
    <fieldset className={className} aria-describedby={describedBy} aria-invalid={invalid || undefined}>
      <legend className="block text-sm font-medium text-slate-700">{legend}</legend>
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {choices.length === 0 && empty ? <p className="mt-2 text-sm text-slate-500">{empty}</p> : null}
      <div
        className={`mt-2 grid gap-1 sm:grid-cols-2 ${scroll ? "max-h-48 overflow-y-auto rounded-md border border-slate-200 p-2" : ""}`}
      >
        {choices.map((choice) => {
          const id = `${formId}-${meta.name}-${choice.value}`;
          return (
            <label key={choice.value} htmlFor={id} className="flex items-center gap-2 text-sm text-slate-700">
              <input
                id={id}
                type={type}
                name={meta.name}
                value={choice.value}
                defaultChecked={checked.has(choice.value)}
                aria-invalid={invalid || undefined}
                aria-describedby={describedBy}
                className={`h-4 w-4 border-slate-300 text-indigo-600 focus:ring-indigo-500 ${type === "checkbox" ? "rounded" : ""}`}
              />
              <span>{choice.label}</span>
            </label>
          );
        })}
      </div>
      <ErrorList id={meta.errorId} errors={meta.errors} />
    </fieldset>
  );
}
