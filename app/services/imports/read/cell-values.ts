/**
 * Cell text as read from an import file -> the value it stands for. Only forms that cannot be read
 * two ways are accepted: dates year first (never 03/05/2026, which is March in one country and May
 * in the next), numbers with a decimal point and commas only as thousands separators in groups of
 * three. Full-width digits and punctuation, as Chinese input methods type them, read like their
 * plain forms.
 */
export type ParsedCell<T> = { ok: true; value: T } | { ok: false };

const NOT_OK = { ok: false } as const;

/** A time after the date is dropped: the day is what counts. */
const TIME_SUFFIX = /[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/;
const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
  /^(\d{4})(\d{2})(\d{2})$/,
];

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * @example parseImportDate("2026年3月5日") // { ok: true, value: "2026-03-05" }
 * @example parseImportDate("2026-02-30") // { ok: false }
 */
export function parseImportDate(text: string): ParsedCell<string> {
  const plain = text.normalize("NFKC").trim().replace(TIME_SUFFIX, "");
  for (const form of DATE_FORMS) {
    const parts = form.exec(plain);
    if (!parts) continue;
    const [year, month, day] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
    if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NOT_OK;
    return { ok: true, value: `${parts[1]}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}` };
  }
  return NOT_OK;
}

/** Digits, or digits in comma-separated groups of three; then an optional fraction. */
const NUMBER_FORM = /^[+-]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?$/;

/**
 * @example parseImportNumber("１,２３４.５") // { ok: true, value: 1234.5 }
 * @example parseImportNumber("1e3") // { ok: false }
 */
export function parseImportNumber(text: string): ParsedCell<number> {
  // U+2212 is the minus sign that typesetting and some ERPs write instead of a hyphen.
  const plain = text
    .normalize("NFKC")
    .trim()
    .replace(/^\u2212/, "-");
  if (!NUMBER_FORM.test(plain)) return NOT_OK;
  const value = Number(plain.replace(/,/g, ""));
  return Number.isFinite(value) ? { ok: true, value: Object.is(value, -0) ? 0 : value } : NOT_OK;
}
