import { createRequestHandler, type ServerBuild } from "@remix-run/node";
import { randomBytes } from "node:crypto";
import { newRequestContext } from "~/utils/request-context.server";

export interface PortalHandlerOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "development" | "production";
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Everything that must hold for every request, in front of Remix: same-origin checks on
 * mutations, a per-request CSP nonce, and the security headers. A web-standard Request →
 * Response function, so that the HTTP server, dev server and tests share it.
 */
export function createPortalHandler({ build, mode }: PortalHandlerOptions) {
  const handleRemix = createRequestHandler(build as ServerBuild, mode);
  return async function handle(request: Request, clientAddress: string): Promise<Response> {
    if (!SAFE_METHODS.has(request.method) && !isSameOrigin(request)) {
      return withSecurityHeaders(
        new Response("Cross-origin request refused.", {
          status: 403,
          headers: { "Content-Type": "text/plain; charset=utf-8" },
        }),
        null,
        mode,
      );
    }
    const nonce = randomBytes(16).toString("base64");
    const context = newRequestContext(nonce, clientAddress);
    const response = withSecurityHeaders(await handleRemix(request, context), nonce, mode);
    for (const cookie of context.state.cookies) response.headers.append("Set-Cookie", cookie);
    if (context.state.signedIn) response.headers.set("Cache-Control", "no-store");
    return response;
  };
}

/**
 * A browser marks its own form posts and fetches with Sec-Fetch-Site and Origin; a request that
 * shows neither as same-origin is refused, which stops cross-site request forgery.
 */
export function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("Sec-Fetch-Site");
  if (fetchSite === "same-origin") return true;
  const origin = request.headers.get("Origin");
  if (!origin || origin === "null") return false;
  return origin === new URL(request.url).origin;
}

export function contentSecurityPolicy(nonce: string | null, mode: "development" | "production") {
  const scriptSources = nonce ? `'self' 'nonce-${nonce}' 'strict-dynamic'` : "'self'";
  return [
    "default-src 'self'",
    `script-src ${scriptSources}`,
    // Inline style attributes come from charts and layout; scripts stay nonce-only.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    mode === "development" ? "connect-src 'self' ws: wss:" : "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** Headers every response carries, static files included. */
export const staticSecurityHeaders = {
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "strict-origin-when-cross-origin",
  "X-Frame-Options": "DENY",
} as const;

function withSecurityHeaders(
  original: Response,
  nonce: string | null,
  mode: "development" | "production",
) {
  // A fresh Response: the headers of some responses are immutable.
  const headers = new Headers(original.headers);
  for (const [name, value] of Object.entries(staticSecurityHeaders)) headers.set(name, value);
  if ((headers.get("Content-Type") ?? "").startsWith("text/html")) {
    headers.set("Content-Security-Policy", contentSecurityPolicy(nonce, mode));
  }
  return new Response(original.body, {
    status: original.status,
    statusText: original.statusText,
    headers,
  });
}
