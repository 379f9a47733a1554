import { wholeNumber } from "~/utils/input/decimal";
import { changedByDecision, type LineReview } from "./review-lines";

/**
 * One page of a plan's lines for its page: a plan of hundreds of lines is read a page at a time,
 * optionally only the lines with one problem, so that the page stays small and quick (pure: the
 * loader reads the plan, this picks the page).
 */

/** Lines on one page of the plan page. */
export const REVIEW_PAGE_SIZE = 50;

/** The problems a reviewer filters the lines by, as the page's URL names them. */
export const REVIEW_PROBLEMS = ["stockout", "above-max", "changed"] as const;
export type ReviewProblem = (typeof REVIEW_PROBLEMS)[number];

export interface ReviewQuery {
  page: number;
  problem: ReviewProblem | null;
}

/** The page and problem from the URL; anything unreadable is page 1 of every line (lists never fail on a page). */
export function readReviewQuery(search: URLSearchParams): ReviewQuery {
  const rawPage = search.get("page") ?? "";
  const page = /^[1-9]\d{0,5}$/.test(rawPage) ? (wholeNumber(rawPage) ?? 1) : 1;
  const rawProblem = search.get("problem");
  const problem = (REVIEW_PROBLEMS as readonly string[]).includes(rawProblem ?? "") ? (rawProblem as ReviewProblem) : null;
  return { page, problem };
}

export interface ReviewPaging {
  page: number;
  pages: number;
  pageSize: number;
  problem: ReviewProblem | null;
  /** Lines of the current version, and of each problem (null: the role sees no projection). */
  total: number;
  counts: Record<ReviewProblem, number | null>;
  /** Lines matching the filter, over every page. */
  matching: number;
  /** Whether the page shows fewer than all lines (a filter, or more than one page). */
  partial: boolean;
  /** Lines of the current version with a decision recorded (an earlier step's, or a selection's). */
  decided: number;
}

/** What a line needs for the filters. */
interface FilteredLine {
  lineNo: number;
  decisionCode: string | null;
}

const hasProblem = (problem: ReviewProblem, line: FilteredLine, facts: LineReview | undefined): boolean => {
  switch (problem) {
    case "stockout":
      return Boolean(facts?.stockoutDate);
    case "above-max":
      return Boolean(facts?.aboveMaxDate);
    case "changed":
      return changedByDecision(line) || line.decisionCode === "IR";
  }
};

/**
 * The lines of the page asked for (the last page when asked for one past it), with the counts
 * the filters show.
 */
export function pageOfLines<L extends FilteredLine>(
  lines: readonly L[],
  facts: readonly LineReview[] | null,
  query: ReviewQuery,
  pageSize = REVIEW_PAGE_SIZE,
): { lines: L[]; paging: ReviewPaging } {
  const byLine = new Map((facts ?? []).map((f) => [f.lineNo, f]));
  const counts = Object.fromEntries(
    REVIEW_PROBLEMS.map((p) => [
      p,
      facts === null && p !== "changed" ? null : lines.filter((l) => hasProblem(p, l, byLine.get(l.lineNo))).length,
    ]),
  ) as Record<ReviewProblem, number | null>;
  const problem = query.problem && counts[query.problem] !== null ? query.problem : null;
  const matching = problem ? lines.filter((l) => hasProblem(problem, l, byLine.get(l.lineNo))) : [...lines];
  const pages = Math.max(1, Math.ceil(matching.length / pageSize));
  const page = Math.min(query.page, pages);
  return {
    lines: matching.slice((page - 1) * pageSize, page * pageSize),
    paging: {
      page,
      pages,
      pageSize,
      problem,
      total: lines.length,
      counts,
      matching: matching.length,
      partial: problem !== null || pages > 1,
      decided: lines.filter((l) => l.decisionCode !== null).length,
    },
  };
}

/** A line's projection as the page sends it: the first day and the two series, without a date on every day. */
export interface ProjectionSeries {
  from: string | null;
  without: number[];
  withLine: number[];
}

/**
 * The review of a line with its projection sent as two series from a first day (a fifth of the
 * size of a day-by-day list of dated points, for a page of fifty lines).
 */
export function compactProjection(facts: LineReview): LineReview & { series: ProjectionSeries } {
  return {
    ...facts,
    projection: [],
    series: {
      from: facts.projection[0]?.date ?? null,
      without: facts.projection.map((p) => p.without),
      withLine: facts.projection.map((p) => p.withLine),
    },
  };
}
