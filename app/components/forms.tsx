import { useId } from "react";
import { useTranslation } from "react-i18next";
import { decodeMessage } from "~/utils/app-error";

/**
 * The form building blocks every page uses: a labelled control, its hint and its errors, tied
 * together for screen readers. Errors are what conform carries: i18n keys from the shared zod
 * schemas, or the server's messages (keys with their values, see app/utils/app-error.ts).
 */

export const inputClass =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500";

/** Messages, translated; nothing when there are none. */
export function ErrorList({
  id,
  errors,
  className = "mt-1 text-sm text-red-600",
}: {
  id?: string;
  errors?: readonly string[] | null;
  className?: string;
}) {
  const { t } = useTranslation();
  const messages = (errors ?? []).filter(Boolean);
  if (messages.length === 0) return null;
  return (
    <p id={id} role="alert" className={className}>
      {messages
        .map(decodeMessage)
        .map((m) => t(m.key, m.params))
        .join(" ")}
    </p>
  );
}

/** A form's own messages, in a box above its fields. */
export function FormErrors({ id, errors }: { id?: string; errors?: readonly string[] | null }) {
  return <ErrorList id={id} errors={errors} className="rounded-md bg-red-50 p-3 text-sm text-red-700" />;
}

interface Described {
  id: string;
  errorId: string | undefined;
  hintId: string | undefined;
  describedBy: string | undefined;
  invalid: boolean;
}

function useDescribed(givenId: string | undefined, errors: readonly string[] | null | undefined, hint: unknown): Described {
  const fallbackId = useId();
  const id = givenId ?? fallbackId;
  const invalid = Boolean(errors?.some(Boolean));
  const errorId = invalid ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(" ") || undefined;
  return { id, errorId, hintId, describedBy, invalid };
}

interface FieldProps {
  label: React.ReactNode;
  errors?: readonly string[] | null;
  hint?: React.ReactNode;
  className?: string;
}

function Hint({ id, hint }: { id: string | undefined; hint: React.ReactNode }) {
  return hint ? (
    <p id={id} className="mt-1 text-xs text-slate-500">
      {hint}
    </p>
  ) : null;
}

/** A labelled input (`inputProps` from conform's getInputProps, or plain attributes). */
export function Field({
  label,
  inputProps,
  errors,
  hint,
  className,
}: FieldProps & { inputProps: React.InputHTMLAttributes<HTMLInputElement> }) {
  const d = useDescribed(inputProps.id, errors, hint);
  return (
    <div className={className}>
      <label htmlFor={d.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        {...inputProps}
        id={d.id}
        aria-invalid={d.invalid || undefined}
        aria-describedby={d.describedBy}
        className={`mt-1 ${inputProps.className ?? inputClass}`}
      />
      <Hint id={d.hintId} hint={hint} />
      <ErrorList id={d.errorId} errors={errors} />
    </div>
  );
}

/** A labelled text area. */
export function TextareaField({
  label,
  textareaProps,
  errors,
  hint,
  className,
}: FieldProps & { textareaProps: React.TextareaHTMLAttributes<HTMLTextAreaElement> }) {
  const d = useDescribed(textareaProps.id, errors, hint);
  return (
    <div className={className}>
      <label htmlFor={d.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <textarea
        {...textareaProps}
        id={d.id}
        aria-invalid={d.invalid || undefined}
        aria-describedby={d.describedBy}
        className={`mt-1 ${textareaProps.className ?? inputClass}`}
      />
      <Hint id={d.hintId} hint={hint} />
      <ErrorList id={d.errorId} errors={errors} />
    </div>
  );
}

/** A labelled select with its options. */
export function SelectField({
  label,
  selectProps,
  options,
  errors,
  hint,
  className,
}: FieldProps & {
  selectProps: React.SelectHTMLAttributes<HTMLSelectElement>;
  options: readonly { value: string; label: string }[];
}) {
  const d = useDescribed(selectProps.id, errors, hint);
  return (
    <div className={className}>
      <label htmlFor={d.id} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <select
        {...selectProps}
        id={d.id}
        aria-invalid={d.invalid || undefined}
        aria-describedby={d.describedBy}
        className={`mt-1 ${selectProps.className ?? inputClass}`}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={d.hintId} hint={hint} />
      <ErrorList id={d.errorId} errors={errors} />
    </div>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({
  label,
  inputProps,
  errors,
  hint,
  className,
}: FieldProps & { inputProps: React.InputHTMLAttributes<HTMLInputElement> }) {
  const d = useDescribed(inputProps.id, errors, hint);
  return (
    <div className={className}>
      <div className="flex items-center gap-2">
        <input
          {...inputProps}
          type="checkbox"
          id={d.id}
          aria-invalid={d.invalid || undefined}
          aria-describedby={d.describedBy}
          className="h-4 w-4 rounded border-slate-300 text-indigo-600 focus:ring-indigo-500"
        />
        <label htmlFor={d.id} className="text-sm text-slate-700">
          {label}
        </label>
      </div>
      <Hint id={d.hintId} hint={hint} />
      <ErrorList id={d.errorId} errors={errors} />
    </div>
  );
}
