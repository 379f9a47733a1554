/**
 * Numbers, money and dates for the tenant: the user's language decides the separators, the
 * tenant decides the currency and the time zone. Formatters are cached; Intl is slow to build.
 */
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    cache.set(key, formatter);
  }
  return formatter;
}

export function formatQuantity(locale: string, value: number | null | undefined, maxDecimals = 2) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return cached(`q|${locale}|${maxDecimals}`, () => new Intl.NumberFormat(locale, { maximumFractionDigits: maxDecimals })).format(
    value,
  );
}

/** A share (0.612) as a percentage in the user's language ("61.2%"). */
export function formatPercent(locale: string, share: number | null | undefined, maxDecimals = 1) {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  return cached(
    `p|${locale}|${maxDecimals}`,
    () =>
      new Intl.NumberFormat(locale, { style: "percent", minimumFractionDigits: maxDecimals, maximumFractionDigits: maxDecimals }),
  ).format(share);
}

export function formatMoney(locale: string, currency: string, value: number | null | undefined) {
  if (value === null || value === undefined || Number.isNaN(value)) return "—";
  return cached(`m|${locale}|${currency}`, () => new Intl.NumberFormat(locale, { style: "currency", currency })).format(value);
}

/** A calendar day ('YYYY-MM-DD') is a date without a time: it is shown as is, in no time zone. */
export function formatDay(locale: string, day: string | null | undefined) {
  if (!day) return "—";
  // Long tables show the same few dozen days on every row: the text of each is kept.
  const key = `${locale}|${day}`;
  let text = dayTexts.get(key);
  if (text === undefined) {
    const [year, month, date] = day.split("-").map(Number);
    text = cached(
      `d|${locale}`,
      () => new Intl.DateTimeFormat(locale, { year: "numeric", month: "short", day: "numeric", timeZone: "UTC" }),
    ).format(new Date(Date.UTC(year, month - 1, date)));
    if (dayTexts.size >= 5_000) dayTexts.clear();
    dayTexts.set(key, text);
  }
  return text;
}

const dayTexts = new Map<string, string>();

/** An instant, shown in the tenant's time zone. */
export function formatInstant(locale: string, timeZone: string, instant: Date | string | null | undefined) {
  if (!instant) return "—";
  return cached(
    `i|${locale}|${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone }),
  ).format(typeof instant === "string" ? new Date(instant) : instant);
}
