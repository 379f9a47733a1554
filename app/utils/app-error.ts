/**
 * The one error type the portal's services throw for a refusal a user or caller should see: what
 * went wrong (a code with its HTTP status), a translatable message, and the fields it concerns.
 * Routes never test error classes: `app/utils/responses.server.ts` turns an AppError into the
 * route's answer (a 404, a form reply, or a problem+json body), and anything else is a bug that
 * the request handler logs with the request id and shows as the 500 page.
 *
 * @example
 * throw AppError.notFound();
 * throw AppError.conflict("stale", { key: "plans.page.conflict" });
 * throw AppError.invalid({ fieldErrors: { "lines[2].qty": [{ key: "plans.errors.not_positive" }] } });
 */

/** A message to translate: an i18n key and its interpolation values. */
export interface Message {
  key: string;
  params?: Record<string, string | number>;
}

export const APP_ERROR_STATUS = {
  /** The request itself is malformed (not what a form of ours sends). */
  bad_request: 400,
  /** The input breaks a rule; `fieldErrors` and `formErrors` say which. Nothing was written. */
  invalid: 400,
  /** The scope may not take this action. */
  forbidden: 403,
  /** No such record in this scope; also another supplier's or tenant's (never confirm it exists). */
  not_found: 404,
  /** The record changed meanwhile, or is in a state that does not allow the action; `reason` says which. */
  conflict: 409,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

export interface AppErrorOptions {
  message?: Message;
  /** Messages by form field name, conform's way: `note`, `lines[3].qty`. */
  fieldErrors?: Record<string, Message[]>;
  /** Messages about the form as a whole. */
  formErrors?: Message[];
  /** Which kind of the code, for callers that act on it (a conflict's `stale` or `state`). */
  reason?: string;
  /** Facts a caller may show (the record's current state, say); never secrets. */
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly status: (typeof APP_ERROR_STATUS)[AppErrorCode];
  readonly userMessage: Message;
  readonly fieldErrors: Record<string, Message[]>;
  readonly formErrors: Message[];
  readonly reason: string | undefined;
  readonly details: Record<string, unknown>;

  constructor(code: AppErrorCode, options: AppErrorOptions = {}) {
    const userMessage = options.message ?? { key: `errors.${code}` };
    super(options.reason ? `${code}: ${options.reason}` : `${code}: ${userMessage.key}`);
    this.name = "AppError";
    this.code = code;
    this.status = APP_ERROR_STATUS[code];
    this.userMessage = userMessage;
    this.fieldErrors = options.fieldErrors ?? {};
    this.formErrors = options.formErrors ?? [];
    this.reason = options.reason;
    this.details = options.details ?? {};
  }

  static notFound(): AppError {
    return new AppError("not_found");
  }

  static forbidden(action: string): AppError {
    return new AppError("forbidden", { reason: action });
  }

  static conflict(reason: string, message?: Message, details?: Record<string, unknown>): AppError {
    return new AppError("conflict", { reason, message, details });
  }

  static invalid(errors: { fieldErrors?: Record<string, Message[]>; formErrors?: Message[] }, reason?: string): AppError {
    return new AppError("invalid", { ...errors, reason });
  }
}

export function isAppError(error: unknown, code?: AppErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}

/**
 * A message as one string, the form conform carries errors in: the key alone, or the key and its
 * values as JSON. The browser's own checks (zod messages) are plain keys, so both read alike.
 */
export function encodeMessage(message: Message): string {
  return message.params && Object.keys(message.params).length > 0 ? JSON.stringify(message) : message.key;
}

export function decodeMessage(text: string): Message {
  if (text.startsWith("{")) {
    try {
      const parsed = JSON.parse(text) as Partial<Message>;
      if (typeof parsed.key === "string") return { key: parsed.key, params: parsed.params };
    } catch {
      // Not one of ours: shown as it is.
    }
  }
  return { key: text };
}
