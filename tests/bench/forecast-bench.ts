/**
 * Forecast accuracy of the inventory core beside R's forecast package. On synthetic weekly
 * series of every pattern (generated from a fixed seed) and on the demo tenants' own agreements,
 * the last 13 weeks are held out and forecast by `forecastDemand` and by R (`ets()` on
 * `ts(y, frequency = 52)` for regular demand, `croston()` for intermittent and lumpy demand, by
 * the pattern the series was generated as, or for the demo by the pattern of its training weeks),
 * all series in one Rscript call. Prints MAE, MASE and core ÷ R of the total absolute error per
 * pattern and overall. Without R (Rscript and its forecast package) it says so and prints the
 * core's figures alone. Target: core ÷ R ≤ 0.95 overall and ≤ 1.0 on every pattern. Each ratio
 * comes with its 95 % bootstrap interval: on 100 series a pattern the core and R are within a few
 * per cent of each other on regular demand by the luck of the draw alone, so the default draws 500
 * (R takes about two and a half minutes for them; its answers are cached by input).
 *
 *   npm run bench:forecast                 (500 series a pattern, seed 20260417, and the demo)
 *   npm run bench:forecast -- 100 7        (series a pattern, seed)
 *   npm run bench:forecast -- 40 7 --no-demo
 */
import { demandPattern, forecastDemand, forecastErrorSd, percentile } from "../../app/core/index";
import { withBenchDatabase } from "./support/bench-database";
import { coreForecasts, type CoreRequest } from "./forecast/core-forecasts";
import { type DemoSeries, demoSeries } from "./forecast/demo-series";
import { BENCH_PATTERNS, HOLDOUT_WEEKS, SEASON_WEEKS, generateBenchSeries } from "./forecast/generate";
import { type RMethod, type RRequest, type RResult, rAvailable, rForecasts } from "./forecast/r-forecasts";
import { type Scored, printScores } from "./forecast/score";

const positional = process.argv.slice(2).filter((a) => !a.startsWith("--"));
const PER_PATTERN = Number(positional[0] ?? 500);
const SEED = Number(positional[1] ?? 20260417);
const WITH_DEMO = !process.argv.includes("--no-demo");
const TARGET_OVERALL = 0.95;
const TARGET_PATTERN = 1.0;

interface Case {
  id: string;
  pattern: string;
  train: number[];
  actual: number[];
  rMethod: RMethod;
  group: number[][] | null;
}

function compare(title: string, cases: readonly Case[], order: readonly string[], withR: boolean) {
  const requests: CoreRequest[] = cases.map((c) => ({ id: c.id, train: c.train, group: c.group }));
  const core = coreForecasts(requests, HOLDOUT_WEEKS, SEASON_WEEKS);
  let r: RResult | null = null;
  if (withR) {
    const rRequests: RRequest[] = cases.map((c) => ({ id: c.id, method: c.rMethod, train: c.train, horizon: HOLDOUT_WEEKS }));
    r = rForecasts(rRequests);
  }
  const scored: Scored[] = cases.map((c) => ({
    pattern: c.pattern,
    actual: c.actual,
    train: c.train,
    core: core.forecasts.get(c.id)!,
    r: r?.forecasts.get(c.id) ?? null,
  }));
  const timing = `core ${core.milliseconds.toFixed(0)} ms${r ? `, R ${r.seconds.toFixed(1)} s (forecast ${r.version})` : ""}`;
  const summary = printScores(`${title} (${cases.length} series; ${timing})`, scored, order, withR);
  printMethods(cases, core.methods, r?.models ?? null);
  return summary;
}

/** How often each method was chosen, per pattern, by the core and by R. */
function printMethods(cases: readonly Case[], core: Map<string, string>, r: Map<string, string> | null) {
  const count = (by: Map<string, string>, pattern: string) => {
    const tally = new Map<string, number>();
    for (const c of cases) if (c.pattern === pattern) tally.set(by.get(c.id)!, (tally.get(by.get(c.id)!) ?? 0) + 1);
    return [...tally.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([m, n]) => `${m} ${n}`)
      .join(", ");
  };
  for (const pattern of new Set(cases.map((c) => c.pattern))) {
    console.log(`    ${pattern.padEnd(13)} core: ${count(core, pattern)}${r ? ` | R: ${count(r, pattern)}` : ""}`);
  }
}

function verdict(label: string, summary: ReturnType<typeof compare>) {
  if (summary.overallRatio === null) return;
  const misses = [...summary.ratios.entries()].filter(([p, v]) => p !== "overall" && v !== null && v > TARGET_PATTERN);
  const ok = summary.overallRatio <= TARGET_OVERALL && misses.length === 0;
  console.log(
    `  ${label}: core/R ${summary.overallRatio.toFixed(4)} overall (target ≤ ${TARGET_OVERALL}), ` +
      (misses.length
        ? `above ${TARGET_PATTERN} on ${misses.map(([p, v]) => `${p} ${v!.toFixed(4)}`).join(", ")}`
        : "every pattern ≤ 1.0") +
      (ok ? "" : "  — target missed"),
  );
}

function syntheticCases(): Case[] {
  const series = generateBenchSeries(PER_PATTERN, SEED);
  const groups = new Map<string, number[][]>();
  for (const s of series) if (s.group) groups.set(s.group, [...(groups.get(s.group) ?? []), s.train]);
  return series.map((s) => ({
    id: s.id,
    pattern: s.pattern,
    train: s.train,
    actual: s.actual,
    rMethod: s.pattern === "intermittent" || s.pattern === "lumpy" ? "croston" : "ets",
    group: s.group ? groups.get(s.group)! : null,
  }));
}

/**
 * How much wider the spread of lead-time demand is under the chosen model than under independent
 * weeks (forecastErrorSd over the lead time ÷ (σ·√lead time)), over the demo's agreements with
 * demand and their whole series, as the recompute forecasts them: the factor the safety stock
 * grew by when it started to follow the model.
 */
function printSpread(all: readonly DemoSeries[]) {
  const factors: number[] = [];
  for (const s of all) {
    const f = forecastDemand(s.weekly, { seasonLength: SEASON_WEEKS });
    const weeks = s.leadTimeDays / 7;
    if (f.sd > 0 && weeks > 0) factors.push(forecastErrorSd(f, weeks) / (f.sd * Math.sqrt(weeks)));
  }
  const at = (p: number) => percentile(factors, p).toFixed(3);
  console.log(
    `Spread of lead-time demand under the chosen model ÷ σ·√LT, demo agreements (${factors.length}): ` +
      `median ${at(0.5)}, p90 ${at(0.9)}, max ${Math.max(...factors).toFixed(3)}`,
  );
}

async function demoCases(): Promise<Case[]> {
  let cases: Case[] = [];
  await withBenchDatabase(async (handle) => {
    const all = await demoSeries(handle);
    printSpread(all);
    // The same item at the tenant's other sites: the group a seasonal profile may come from.
    const byItem = new Map<string, number[][]>();
    for (const s of all) {
      const key = `${s.tenant}|${s.itemId}`;
      byItem.set(key, [...(byItem.get(key) ?? []), s.weekly.slice(0, -HOLDOUT_WEEKS)]);
    }
    cases = all.flatMap((s) => {
      const train = s.weekly.slice(0, -HOLDOUT_WEEKS);
      const { pattern } = demandPattern(train);
      if (pattern === "none") return [];
      const group = byItem.get(`${s.tenant}|${s.itemId}`)!;
      return [
        {
          id: s.agreementId,
          pattern,
          train,
          actual: s.weekly.slice(-HOLDOUT_WEEKS),
          rMethod: pattern === "smooth" || pattern === "erratic" ? "ets" : "croston",
          group: group.length > 1 ? group : null,
        } satisfies Case,
      ];
    });
  });
  return cases;
}

async function main() {
  const withR = rAvailable();
  if (!withR) console.log("R is not installed (Rscript with the forecast package): the core's figures alone.\n");
  const synthetic = compare(
    `Synthetic series, seed ${SEED}, ${PER_PATTERN} a pattern, last ${HOLDOUT_WEEKS} weeks held out`,
    syntheticCases(),
    BENCH_PATTERNS,
    withR,
  );
  if (WITH_DEMO) {
    console.log("");
    const cases = await demoCases();
    const demo = compare(
      `Demo tenants' agreements with demand, last ${HOLDOUT_WEEKS} weeks held out`,
      cases,
      ["smooth", "erratic", "intermittent", "lumpy"],
      withR,
    );
    if (withR) {
      console.log("");
      verdict("demo", demo);
    }
  }
  if (withR) verdict("synthetic", synthetic);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
