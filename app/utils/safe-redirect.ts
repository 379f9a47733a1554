const PROBE_ORIGIN = "http://redirect.invalid";

/**
 * Only paths on this site. Browsers drop tabs and newlines and read `\` as `/`, so `/\t/evil`
 * and `/\evil` would leave the site: control characters and backslashes are refused, and the
 * path must resolve to our own origin.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/") {
  if (typeof to !== "string" || !to.startsWith("/") || /[\u0000-\u001f\u007f\\]/.test(to)) return fallback;
  let url: URL;
  try {
    url = new URL(to, PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  return url.pathname + url.search + url.hash;
}
