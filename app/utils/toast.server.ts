import { redirect } from "@remix-run/node";
import { z } from "zod";
import { getEnv } from "./env.server";

/**
 * Feedback after a mutation: the action redirects with a toast in a flash cookie, the next page
 * load reads it once (and clears it), and the shell shows it. The cookie holds a translation key
 * and its values, never text, so the toast speaks the reader's language; it is checked by zod on
 * the way in, so a forged cookie shows nothing.
 */

export const TOAST_COOKIE = "vmi_toast";

const ToastSchema = z.object({
  id: z
    .string()
    .max(64)
    .default(() => crypto.randomUUID()),
  type: z.enum(["success", "info", "error"]).default("success"),
  /** An i18n key. */
  key: z
    .string()
    .max(120)
    .regex(/^[A-Za-z0-9_.]+$/),
  params: z.record(z.string().max(40), z.union([z.string().max(200), z.number()])).optional(),
});

export type Toast = z.output<typeof ToastSchema>;
export type ToastInput = z.input<typeof ToastSchema>;

function isSecure(request: Request) {
  return getEnv().COOKIE_SECURE || new URL(request.url).protocol === "https:";
}

function cookie(request: Request, value: string, maxAge: number) {
  const parts = [`${TOAST_COOKIE}=${value}`, "HttpOnly", "SameSite=Lax", "Path=/", `Max-Age=${maxAge}`];
  if (isSecure(request)) parts.push("Secure");
  return parts.join("; ");
}

/** The Set-Cookie header that carries `toast` to the next page. */
export function toastCookie(request: Request, toast: ToastInput): string {
  const value = ToastSchema.parse(toast);
  return cookie(request, encodeURIComponent(JSON.stringify(value)), 60);
}

/**
 * Redirects to `url` with a toast for the page it lands on.
 *
 * @example
 * return redirectWithToast(request, `/t/acme/plans/${id}`, { key: "plans.page.withdrawn" });
 */
export function redirectWithToast(request: Request, url: string, toast: ToastInput, init: ResponseInit = {}) {
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", toastCookie(request, toast));
  return redirect(url, { ...init, headers });
}

/** The toast waiting for this request, if any, and the header that clears it. */
export function getToast(request: Request): { toast: Toast | null; headers: Headers } {
  const headers = new Headers();
  const raw = readToastCookie(request);
  if (raw === undefined) return { toast: null, headers };
  headers.append("Set-Cookie", cookie(request, "", 0));
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { toast: null, headers };
  }
  const result = ToastSchema.safeParse(parsed);
  return { toast: result.success ? result.data : null, headers };
}

function readToastCookie(request: Request): string | undefined {
  const header = request.headers.get("Cookie");
  if (!header) return undefined;
  for (const pair of header.split(";")) {
    const index = pair.indexOf("=");
    if (index < 0 || pair.slice(0, index).trim() !== TOAST_COOKIE) continue;
    try {
      return decodeURIComponent(pair.slice(index + 1).trim());
    } catch {
      return "";
    }
  }
  return undefined;
}
