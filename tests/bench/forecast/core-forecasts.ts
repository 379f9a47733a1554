import { forecastDemand } from "../../../app/core/index";

/**
 * The core's forecasts for the benchmark: `forecastDemand` on the training weeks, season 52,
 * `horizon` weeks ahead.
 */
export interface CoreRequest {
  id: string;
  train: readonly number[];
  /** The training series of the agreement's group (itself included), aligned; none without a group. */
  group: readonly (readonly number[])[] | null;
}

export interface CoreResult {
  forecasts: Map<string, number[]>;
  /** The chosen method per series, e.g. "holt" or "holt-winters". */
  methods: Map<string, string>;
  milliseconds: number;
}

export function coreForecasts(requests: readonly CoreRequest[], horizon: number, seasonLength: number): CoreResult {
  const forecasts = new Map<string, number[]>();
  const methods = new Map<string, string>();
  const started = performance.now();
  for (const r of requests) {
    const f = forecastDemand(r.train, { horizon, seasonLength });
    forecasts.set(r.id, f.forecasts);
    methods.set(r.id, f.method);
  }
  return { forecasts, methods, milliseconds: performance.now() - started };
}
