import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export type SortDirection = "asc" | "desc";

/**
 * A sortable column header: a link to the same view sorted on this column (ascending first, then
 * toggling), with aria-sort on the header cell so that screen readers announce the order.
 */
export function SortHeader({
  label,
  active,
  direction,
  href,
  align = "left",
}: {
  label: string;
  active: boolean;
  direction: SortDirection;
  /** The URL of this view sorted on the column in the direction a click should give. */
  href: string;
  align?: "left" | "right";
}) {
  const { t } = useTranslation();
  const ariaSort = active ? (direction === "asc" ? "ascending" : "descending") : "none";
  const arrow = active ? (direction === "asc" ? "▲" : "▼") : "";
  return (
    <th scope="col" aria-sort={ariaSort} className={`px-3 py-2 ${align === "right" ? "text-right" : ""}`}>
      <Link
        to={href}
        preventScrollReset
        className="inline-flex items-center gap-1 rounded hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-indigo-600"
        title={t("table.sortBy", { column: label })}
      >
        {label}
        <span aria-hidden="true" className="w-2 text-[10px]">
          {arrow}
        </span>
      </Link>
    </th>
  );
}
