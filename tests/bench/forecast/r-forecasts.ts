import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * R's forecasts for the benchmark, through one Rscript process for all series: R's forecast
 * package as a practitioner uses it, `ets()` on `ts(y, frequency = 52)` for regular demand (ets
 * itself refuses seasonality above frequency 24 and chooses among non-seasonal models: R's real
 * behaviour, kept) and `croston()` with its defaults for intermittent demand.
 */

export type RMethod = "ets" | "croston";

export interface RRequest {
  id: string;
  method: RMethod;
  train: readonly number[];
  horizon: number;
}

export interface RResult {
  /** Forecasts by series id; R's negative forecasts are clamped at 0, as demand never is. */
  forecasts: Map<string, number[]>;
  /** R's models by series id, e.g. "ETS(A,Ad,N)" or "croston". */
  models: Map<string, string>;
  version: string;
  seconds: number;
}

const SCRIPT = `
suppressMessages(library(forecast))
args <- commandArgs(TRUE)
lines <- readLines(args[1])
out <- character(length(lines))
for (i in seq_along(lines)) {
  parts <- strsplit(lines[i], ",", fixed = TRUE)[[1]]
  id <- parts[1]; method <- parts[2]; h <- as.integer(parts[3]); y <- as.numeric(parts[-(1:3)])
  if (method == "croston") {
    f <- as.numeric(croston(y, h = h)$mean); model <- "croston"
  } else {
    fit <- ets(ts(y, frequency = 52))
    f <- as.numeric(forecast(fit, h = h)$mean); model <- fit$method
  }
  out[i] <- paste(c(id, model, format(f, digits = 17)), collapse = ",")
}
writeLines(out, args[2])
cat(as.character(packageVersion("forecast")))
`;

/** Whether Rscript and the forecast package are there. */
export function rAvailable(): boolean {
  const probe = spawnSync("Rscript", ["-e", "suppressMessages(library(forecast))"], { encoding: "utf8" });
  return probe.status === 0;
}

/**
 * Every request in one Rscript call (the series in a temporary file, not one process each). R's
 * answers depend on nothing but the requests and the script, so they are kept in the temporary
 * directory under a hash of both, and a second run on the same series does not wait for R again.
 */
export function rForecasts(requests: readonly RRequest[]): RResult {
  const text = requests.map((r) => [r.id, r.method, r.horizon, ...r.train].join(",")).join("\n") + "\n";
  const key = createHash("sha256").update(SCRIPT).update(text).digest("hex").slice(0, 16);
  const cached = join(tmpdir(), `forecast-bench-r-${key}.csv`);
  if (existsSync(cached)) {
    const [version, ...lines] = readFileSync(cached, "utf8").split("\n");
    return { ...parse(lines.join("\n"), requests), version: `${version}, cached`, seconds: 0 };
  }
  const dir = mkdtempSync(join(tmpdir(), "forecast-bench-"));
  try {
    const input = join(dir, "series.csv");
    const output = join(dir, "forecasts.csv");
    const script = join(dir, "forecast.R");
    writeFileSync(script, SCRIPT);
    writeFileSync(input, text);
    const started = performance.now();
    const run = spawnSync("Rscript", [script, input, output], { encoding: "utf8", maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    if (run.status !== 0) throw new Error(`Rscript failed (${run.status}): ${run.stderr}`);
    const answer = readFileSync(output, "utf8");
    writeFileSync(cached, `${run.stdout.trim()}\n${answer}`);
    return { ...parse(answer, requests), version: run.stdout.trim(), seconds };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** R's lines: id, model, forecasts (the model name may hold commas: "ETS(A,Ad,N)"). */
function parse(answer: string, requests: readonly RRequest[]): Pick<RResult, "forecasts" | "models"> {
  const horizons = new Map(requests.map((r) => [r.id, r.horizon]));
  const forecasts = new Map<string, number[]>();
  const models = new Map<string, string>();
  for (const line of answer.trim().split("\n")) {
    const parts = line.split(",");
    const id = parts[0];
    const horizon = horizons.get(id) ?? 0;
    forecasts.set(
      id,
      parts.slice(parts.length - horizon).map((v) => Math.max(0, Number(v))),
    );
    models.set(id, parts.slice(1, parts.length - horizon).join(","));
  }
  return { forecasts, models };
}
