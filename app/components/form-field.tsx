import { useTranslation } from "react-i18next";

interface FieldProps extends React.InputHTMLAttributes<HTMLInputElement> {
  label: string;
  /** i18n keys of the messages for this field. */
  errors?: string[];
  hint?: string;
}

/** A labelled input whose error is announced and tied to it with aria-describedby. */
export function FormField({ label, errors, hint, id, ...input }: FieldProps) {
  const { t } = useTranslation();
  const fieldId = id ?? input.name ?? label;
  const errorId = `${fieldId}-error`;
  const hintId = `${fieldId}-hint`;
  const invalid = Boolean(errors?.length);
  const describedBy = [invalid ? errorId : null, hint ? hintId : null].filter(Boolean).join(" ");
  return (
    <div>
      <label htmlFor={fieldId} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={fieldId}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy || undefined}
        className="mt-1 block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm placeholder:text-slate-400 focus:border-indigo-500 focus:outline-none focus:ring-2 focus:ring-indigo-500/30 aria-[invalid]:border-red-500"
        {...input}
      />
      {hint ? (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      {invalid ? (
        <p id={errorId} role="alert" className="mt-1 text-sm text-red-600">
          {errors!.map((key) => t(key)).join(" ")}
        </p>
      ) : null}
    </div>
  );
}
