import type { ReactNode } from "react";

export const filterControl =
  "rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm focus:outline-none focus:ring-2 focus:ring-indigo-500/40";

/**
 * A labelled filter of a list page's GET form: its value lives in the URL (`name`), and the
 * empty first option means "all".
 */
export function FilterSelect({
  name,
  label,
  value,
  allLabel,
  options,
  children,
}: {
  name: string;
  label: string;
  value: string | undefined;
  allLabel: string;
  options?: readonly { value: string; label: string }[];
  /** Option groups, for selects that need them; rendered after `options`. */
  children?: ReactNode;
}) {
  return (
    <div className="flex flex-col">
      <label htmlFor={name} className="text-xs font-medium text-slate-600">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className={filterControl}>
        <option value="">{allLabel}</option>
        {options?.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
        {children}
      </select>
    </div>
  );
}
