import { Form, Link, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { ReviewPaging, ReviewProblem } from "~/services/plans/plan-page.server";
import { decodeMessage } from "~/utils/app-error";
import type { PlanActionReply } from "./plan-form-reply";

const PROBLEMS: readonly ReviewProblem[] = ["stockout", "above-max", "changed"];

/** The plan page's URL for a problem and page, keeping whatever else the URL says. */
function useLinkTo() {
  const location = useLocation();
  return (problem: ReviewProblem | null, page: number) => {
    const search = new URLSearchParams(location.search);
    if (problem) search.set("problem", problem);
    else search.delete("problem");
    if (page > 1) search.set("page", String(page));
    else search.delete("page");
    const query = search.toString();
    return `${location.pathname}${query ? `?${query}` : ""}#lines-filter`;
  };
}

/**
 * Which lines the page shows: all of them or only those with one problem (each with its count),
 * and which page of them. Links, so that a filtered page can be bookmarked and reloaded.
 */
export function ReviewFilters({ paging }: { paging: ReviewPaging }) {
  const { t } = useTranslation();
  const linkTo = useLinkTo();
  const chip = (active: boolean) =>
    `rounded-full border px-3 py-1 text-xs ${active ? "border-indigo-600 bg-indigo-50 font-semibold text-indigo-800" : "border-slate-300 text-slate-700 hover:bg-slate-50"}`;
  return (
    <nav
      aria-label={t("approvals.review.filters.label")}
      id="lines-filter"
      className="flex flex-wrap items-center gap-2"
      data-testid="review-filters"
    >
      <Link
        to={linkTo(null, 1)}
        className={chip(paging.problem === null)}
        aria-current={paging.problem === null ? "true" : undefined}
      >
        {t("approvals.review.filters.all", { count: paging.total })}
      </Link>
      {PROBLEMS.map((p) =>
        paging.counts[p] === null ? null : (
          <Link
            key={p}
            to={linkTo(p, 1)}
            className={chip(paging.problem === p)}
            aria-current={paging.problem === p ? "true" : undefined}
            data-testid={`filter-${p}`}
          >
            {t(`approvals.review.filters.${p}`, { count: paging.counts[p] ?? 0 })}
          </Link>
        ),
      )}
    </nav>
  );
}

/** "Lines 51–100 of 206" with the previous and next pages. */
export function ReviewPager({ paging }: { paging: ReviewPaging }) {
  const { t } = useTranslation();
  const linkTo = useLinkTo();
  if (paging.matching === 0) return null;
  const from = (paging.page - 1) * paging.pageSize + 1;
  const to = Math.min(paging.matching, paging.page * paging.pageSize);
  return (
    <nav
      aria-label={t("approvals.review.paging.label")}
      className="flex flex-wrap items-center gap-3 text-sm"
      data-testid="review-pager"
    >
      <span data-testid="review-showing">{t("approvals.review.paging.showing", { from, to, count: paging.matching })}</span>
      {paging.pages > 1 ? (
        <>
          {paging.page > 1 ? (
            <Link to={linkTo(paging.problem, paging.page - 1)} rel="prev" className="text-indigo-700 hover:underline">
              ← {t("approvals.review.paging.previous")}
            </Link>
          ) : null}
          <span className="text-slate-600">{t("approvals.review.paging.page", { page: paging.page })}</span>
          {paging.page < paging.pages ? (
            <Link to={linkTo(paging.problem, paging.page + 1)} rel="next" className="text-indigo-700 hover:underline">
              {t("approvals.review.paging.next")} →
            </Link>
          ) : null}
        </>
      ) : null}
    </nav>
  );
}

/** The id of the selection form; each line's checkbox names it with `form=`. */
export const SELECTION_FORM = "plan-selection";

/**
 * One decision for the ticked lines: approve them, or reject them with one reason. The checkboxes
 * sit beside their lines and belong to this form; "select every line on this page" ticks them.
 */
export function SelectionForm({
  lockVersion,
  lineNos,
  lastResult,
}: {
  lockVersion: number;
  lineNos: readonly number[];
  lastResult: PlanActionReply | undefined;
}) {
  const { t } = useTranslation();
  const pending = useIsPending();
  const errors = [...(lastResult?.error?.selected ?? []), ...(lastResult?.error?.selectionReason ?? [])].map((text) => {
    const m = decodeMessage(text);
    return t(m.key, m.params);
  });
  const selectPage = (checked: boolean) => {
    for (const n of lineNos) {
      const box = document.getElementById(`select-line-${n}`) as HTMLInputElement | null;
      if (box) box.checked = checked;
    }
  };
  return (
    <Form
      method="post"
      id={SELECTION_FORM}
      className="rounded-md border border-slate-200 bg-slate-50 p-3 text-sm"
      data-testid="selection-form"
    >
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <h3 className="font-semibold">{t("approvals.review.selection.title")}</h3>
      <p className="mt-1 text-slate-600">{t("approvals.review.selection.intro")}</p>
      {errors.length > 0 ? (
        <ul role="alert" className="mt-2 list-disc pl-5 text-red-800" data-testid="selection-errors">
          {errors.map((e, i) => (
            <li key={i}>{e}</li>
          ))}
        </ul>
      ) : null}
      <div className="mt-2 flex flex-wrap items-end gap-3">
        <label className="flex items-center gap-2">
          <input type="checkbox" onChange={(e) => selectPage(e.currentTarget.checked)} data-testid="select-page" />
          {t("approvals.review.selection.selectPage")}
        </label>
        <label className="flex min-w-64 flex-1 flex-col gap-1">
          <span>{t("approvals.review.selection.reason")}</span>
          <input
            name="selectionReason"
            maxLength={500}
            className="rounded-md border border-slate-300 px-2 py-1"
            aria-describedby="selection-reason-hint"
          />
          <span id="selection-reason-hint" className="text-xs text-slate-600">
            {t("approvals.review.selection.reasonHint")}
          </span>
        </label>
        <Button type="submit" name="intent" value="approve-selected" size="md" pending={pending}>
          {t("approvals.review.selection.approve")}
        </Button>
        <Button type="submit" name="intent" value="reject-selected" variant="secondary" size="md" pending={pending}>
          {t("approvals.review.selection.reject")}
        </Button>
      </div>
    </Form>
  );
}

/** A line's checkbox, in the selection form. */
export function SelectLine({ line }: { line: number }) {
  const { t } = useTranslation();
  return (
    <input
      type="checkbox"
      form={SELECTION_FORM}
      name="selected"
      value={line}
      id={`select-line-${line}`}
      aria-label={t("approvals.review.selection.select", { line })}
      className="mr-2 align-middle"
    />
  );
}
