import {
  MUST_BE_FINITE,
  MUST_BE_NON_NEGATIVE,
  MUST_BE_NON_NEGATIVE_INTEGER,
  MUST_BE_POSITIVE,
  MUST_BE_POSITIVE_INTEGER,
  MUST_BE_PROBABILITY,
  MUST_BE_SMOOTHING_CONSTANT,
  MUST_NOT_BE_EMPTY,
} from "../errors";

/** Throws the `RangeError` every check in `app/core` uses: `"<name> <rule> (got <value>)"`. */
export function fail(name: string, rule: string, value: unknown): never {
  throw new RangeError(`${name} ${rule} (got ${describe(value)})`);
}

function describe(value: unknown): string {
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "string") return JSON.stringify(value);
  return String(value);
}

export function checkFinite(name: string, value: number): void {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(name, MUST_BE_FINITE, value);
}

export function checkNonNegative(name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value >= 0)) {
    fail(name, MUST_BE_NON_NEGATIVE, value);
  }
}

export function checkPositive(name: string, value: number): void {
  if (!(typeof value === "number" && Number.isFinite(value) && value > 0)) {
    fail(name, MUST_BE_POSITIVE, value);
  }
}

/** A probability strictly inside (0, 1): service levels and fill rates. */
export function checkProbability(name: string, value: number): void {
  if (!(typeof value === "number" && value > 0 && value < 1)) fail(name, MUST_BE_PROBABILITY, value);
}

/** A smoothing constant in (0, 1]. */
export function checkSmoothing(name: string, value: number): void {
  if (!(typeof value === "number" && value > 0 && value <= 1)) {
    fail(name, MUST_BE_SMOOTHING_CONSTANT, value);
  }
}

export function checkNonNegativeInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0) fail(name, MUST_BE_NON_NEGATIVE_INTEGER, value);
}

export function checkPositiveInteger(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) fail(name, MUST_BE_POSITIVE_INTEGER, value);
}

/**
 * A demand series: non-empty, every value a finite number ≥ 0. The type is checked too: `null`,
 * strings and booleans would otherwise pass `v >= 0` by coercion.
 */
export function checkSeries(name: string, series: ArrayLike<number>): void {
  if (series == null || typeof series.length !== "number" || series.length === 0) {
    fail(name, MUST_NOT_BE_EMPTY, series);
  }
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (!(typeof v === "number" && Number.isFinite(v) && v >= 0)) fail(`${name}[${i}]`, MUST_BE_NON_NEGATIVE, v);
  }
}
