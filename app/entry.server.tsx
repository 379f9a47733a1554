import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { StripNulBytes } from "~/server/strip-nul-bytes";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider } from "react-i18next";
import { RequestIdProvider } from "./components/error-page";
import { NonceProvider } from "./components/nonce";
import { fallbackLanguage, isLanguage } from "./i18n";
import { serverI18n } from "./i18next.server";
import { describeError, getLogger, warnOnce } from "./utils/logger.server";

const ABORT_DELAY = 5_000;
/** The abort's clock ticks once a second of the thread's own time (see below). */
const ABORT_TICK_MS = 1_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The root loader chose the language (saved choice, cookie, then Accept-Language).
  const rootData = remixContext.staticHandlerContext.loaderData?.root as { locale?: string } | undefined;
  const lng = isLanguage(rootData?.locale) ? rootData.locale : fallbackLanguage;
  const i18n = await serverI18n(lng);

  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");

  return new Promise<Response>((resolve, reject) => {
    const respond = () => {
      const body = new StripNulBytes();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(
        new Response(createReadableStreamFromReadable(body), {
          headers: responseHeaders,
          status: responseStatusCode,
        }),
      );
      pipe(body);
    };
    // The abort bounds how long pending content may keep the response open once the shell is
    // there. Its clock starts then, and counts the thread's own time: a tick a second, aborting at
    // the fifth. The embedded database runs its queries on this same thread, and a long one can
    // hold it for seconds; a plain timer would then fire as soon as the thread was free, before
    // the page's remaining work (its data's stream) had a turn, and cut the page off as a 500.
    // Ticks missed while the thread was held are not made up, so a stall costs at most one.
    let abortClock: NodeJS.Timeout | undefined;
    let ticks = 0;
    const startAbortClock = () => {
      abortClock ??= setInterval(() => {
        ticks += 1;
        if (ticks * ABORT_TICK_MS < ABORT_DELAY) return;
        stopAbortClock();
        abort();
      }, ABORT_TICK_MS);
    };
    const stopAbortClock = () => clearInterval(abortClock);
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestIdProvider value={loadContext.requestId}>
          <I18nextProvider i18n={i18n}>
            <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
          </I18nextProvider>
        </RequestIdProvider>
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          startAbortClock();
          if (!waitForAll) respond();
        },
        onAllReady() {
          stopAbortClock();
          if (waitForAll) respond();
        },
        onShellError(error: unknown) {
          stopAbortClock();
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          // Every rendering error is logged here, before the shell as after it: for one before the
          // shell, onShellError rejects and Remix renders the error page without reporting the
          // error to handleError, so this is its only record.
          (loadContext.log ?? getLogger()).error({ err: describeError(error) }, "rendering failed");
        },
      },
    );
  });
}

/**
 * Remix reports here what loaders, actions and rendering threw, once per error. Aborted requests
 * are not errors; a route error response (a 404 or 405 Remix made itself) is the client's and
 * already in the request log; a warning Remix raises about how it is called is an expected
 * condition, logged the first time only. Everything else is logged with the request id, and
 * without SQL (see describeError).
 */
export function handleError(error: unknown, { request, context }: { request: Request; context: AppLoadContext }) {
  if (request.signal.aborted) return;
  const log = context.log ?? getLogger();
  if (isRouteErrorResponse(error) && error.status < 500) {
    const cause = (error as { error?: unknown }).error;
    log.debug({ status: error.status, ...(cause ? { err: describeError(cause) } : {}) }, "route error response");
    return;
  }
  if (error instanceof Error && error.message.startsWith("Warning: ")) {
    warnOnce(log, `remix:${error.message}`, {}, error.message);
    return;
  }
  log.error({ err: describeError(error) }, "request failed");
}
