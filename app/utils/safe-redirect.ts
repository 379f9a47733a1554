const PROBE_ORIGIN = "http://redirect.invalid";
/** Longer than any page of the portal with its query; anything longer is not one of ours. */
const MAX_LENGTH = 2048;
/** Rounds of decoding `%25`, `%2f`, `%2e`, `%5c`: enough for any double or triple encoding a proxy might undo. */
const MAX_DECODE_ROUNDS = 8;

/**
 * A redirect target from input (a `redirectTo` field or query parameter), reduced to a path on
 * this site; anything else gives `fallback`.
 *
 * The path is normalised first, the way the browser or a server on the way would read it, and
 * checked after: percent-escapes of `/`, `.` and `\` are decoded (repeatedly, for `%252f`), `\` is
 * read as `/` and dot segments are resolved. A path that then starts with `//` is what a browser
 * reads as another host (`/.//evil.example`, `/..//evil.example`, `/%2e%2e/%2fevil.example`,
 * `//evil.example`): refused. So are control characters (browsers drop tabs and newlines, turning
 * `/\t/evil.example` into `//evil.example`) and anything that is not a path. The result always
 * starts with one `/` followed by neither `/` nor `\`, or is `/`, and is its own normal form.
 *
 * @example
 * safeRedirect("/t/acme/plans/../inventory?page=2"); // "/t/acme/inventory?page=2"
 * safeRedirect("/.//evil.example"); // "/"
 * safeRedirect("https://evil.example"); // "/"
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > MAX_LENGTH) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(to)) return fallback;
  const split = to.search(/[?#]/);
  const path = normalisePath(split < 0 ? to : to.slice(0, split));
  if (path === null) return fallback;
  let url: URL;
  try {
    url = new URL(path + (split < 0 ? "" : to.slice(split)), PROBE_ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== PROBE_ORIGIN) return fallback;
  const result = url.pathname + url.search + url.hash;
  return isSameSitePath(result) ? result : fallback;
}

/** `/`, or `/` followed by anything but a second `/` or `\`: what every browser keeps on this site. */
function isSameSitePath(path: string): boolean {
  return path === "/" || /^\/[^/\\]/.test(path);
}

/** The path as a browser would resolve it, or null when it is not a path of this site. */
function normalisePath(raw: string): string | null {
  let path = raw;
  for (let round = 0; ; round++) {
    const next = path
      .replace(/%25(?=25|2[ef]|5c)/gi, "%")
      .replace(/%2f/gi, "/")
      .replace(/%5c/gi, "\\")
      .replace(/%2e/gi, ".");
    if (next === path) break;
    if (round === MAX_DECODE_ROUNDS) return null;
    path = next;
  }
  path = path.replace(/\\/g, "/");
  if (!path.startsWith("/")) return null;
  const resolved = removeDotSegments(path);
  // `//host`: another site to a browser, however it was spelled.
  return resolved.startsWith("//") ? null : resolved;
}

/**
 * RFC 3986's remove_dot_segments, as browsers apply it to a path that starts with `/`: `.` is
 * dropped, `..` drops the segment before it (never above the root), empty segments stay.
 */
function removeDotSegments(path: string): string {
  const segments = path.split("/").slice(1);
  const out: string[] = [];
  segments.forEach((segment, index) => {
    const last = index === segments.length - 1;
    if (segment === ".") {
      if (last) out.push("");
    } else if (segment === "..") {
      out.pop();
      if (last) out.push("");
    } else {
      out.push(segment);
    }
  });
  return `/${out.join("/")}`;
}
