/**
 * Rules that inputs to `app/core` must satisfy. Every invalid input throws a `RangeError` whose
 * message is `"<parameter> <rule> (got <value>)"`, so the caller sees which argument was wrong.
 */
export const MUST_BE_FINITE = "must be a finite number";
export const MUST_BE_NON_NEGATIVE = "must be a finite number ≥ 0";
export const MUST_BE_POSITIVE = "must be a finite number > 0";
export const MUST_BE_PROBABILITY = "must be strictly between 0 and 1";
export const MUST_BE_SMOOTHING_CONSTANT = "must be in (0, 1]";
export const MUST_BE_NON_NEGATIVE_INTEGER = "must be an integer ≥ 0";
export const MUST_BE_POSITIVE_INTEGER = "must be an integer ≥ 1";
export const MUST_NOT_BE_EMPTY = "must not be empty";
export const MUST_BE_ISO_DATE = "must be a calendar date written YYYY-MM-DD";
export const MUST_BE_UNIQUE = "must be unique";
export const MUST_BE_ORDERED = "must satisfy";
