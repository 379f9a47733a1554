import type { AppLoadContext } from "@remix-run/node";
import type { Logger } from "./logger.server";

/** Per-request state shared by every loader and action of one HTTP request. */
export interface RequestState {
  /** Set-Cookie values that the handler adds to the response (session renewal). */
  cookies: string[];
  /** Whether the request carried a valid session (responses are then not cached). */
  signedIn: boolean;
  /** Memoised session lookup: Remix runs loaders in parallel, one lookup serves them all. */
  session?: Promise<unknown>;
  /** Memoised membership lookups, by user id. */
  memberships?: Record<string, Promise<unknown>>;
}

declare module "@remix-run/node" {
  interface AppLoadContext {
    cspNonce: string;
    clientAddress: string;
    /** Names this request in the logs, the X-Request-Id header and the error page. */
    requestId: string;
    /** The process's logger, bound to this request's id. */
    log: Logger;
    state: RequestState;
  }
}

export interface RequestContextInit {
  cspNonce: string;
  clientAddress: string;
  requestId: string;
  log: Logger;
}

export function newRequestContext({ cspNonce, clientAddress, requestId, log }: RequestContextInit): AppLoadContext {
  return { cspNonce, clientAddress, requestId, log, state: { cookies: [], signedIn: false } };
}
