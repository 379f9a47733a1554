import type { AppLoadContext } from "@remix-run/node";

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
    state: RequestState;
  }
}

export function newRequestContext(cspNonce: string, clientAddress: string): AppLoadContext {
  return { cspNonce, clientAddress, state: { cookies: [], signedIn: false } };
}
