import { forecastDemand, seasonalProfile } from "../../../app/core/index";

/**
 * The core's forecasts for the benchmark: `forecastDemand` on the training weeks, `horizon` weeks
 * ahead, with the seasonal profile of the series' group (`seasonalProfile` of the group's
 * training weeks) when it has one, as the product borrows it for agreements with less than two
 * years of history.
 */
export interface CoreRequest {
  id: string;
  train: readonly number[];
  /** The training series of the agreement's group (itself included), aligned; none without a group. */
  group: readonly (readonly number[])[] | null;
}

export interface CoreResult {
  forecasts: Map<string, number[]>;
  /** The chosen method per series, e.g. "holt" or "holt-winters" (with "(group)" when borrowed). */
  methods: Map<string, string>;
  milliseconds: number;
}

export function coreForecasts(requests: readonly CoreRequest[], horizon: number, seasonLength: number): CoreResult {
  const forecasts = new Map<string, number[]>();
  const methods = new Map<string, string>();
  const profiles = new Map<readonly (readonly number[])[], number[] | null>();
  const started = performance.now();
  for (const r of requests) {
    let seasonProfile: number[] | null = null;
    if (r.group) {
      if (!profiles.has(r.group)) profiles.set(r.group, seasonalProfile(r.group, seasonLength));
      seasonProfile = profiles.get(r.group)!;
    }
    const f = forecastDemand(r.train, { horizon, seasonLength, seasonProfile: seasonProfile ?? undefined });
    forecasts.set(r.id, f.forecasts);
    methods.set(r.id, f.seasonSource === "group" ? `${f.method} (group)` : f.method);
  }
  return { forecasts, methods, milliseconds: performance.now() - started };
}
