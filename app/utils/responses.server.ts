import type { SubmissionResult } from "@conform-to/react";
import { data } from "@remix-run/node";
import { type AppError, encodeMessage, isAppError, type Message } from "./app-error";

/**
 * Errors to HTTP in one place. A route's loader or action asserts what it needs with
 * `invariantFound` and hands whatever a service threw to `replyToError` (forms) or
 * `problemResponse` (JSON). Anything that is not an AppError is rethrown: the request handler
 * logs it with the request id and shows the 500 page carrying that id.
 */

/** The portal's 404: the same answer for what does not exist and what is not the caller's. */
export function notFound(): Response {
  return new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/** A 400 for a request no form of ours sends (the body is not a form, an unknown button's value). */
export function badRequest(message = "Bad request."): Response {
  return new Response(message, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
}

/**
 * Throws the 404 unless `value` is there.
 *
 * @example
 * const plan = await getPlan(…);
 * invariantFound(plan); // plan is no longer null below
 * invariantFound(isUuid(planId)); // a condition reads the same
 */
export function invariantFound<T>(value: T): asserts value is NonNullable<T> {
  if (value === null || value === undefined || value === false) throw notFound();
}

/** The answer to an AppError that has no form to show it in: its status, its message as text. */
export function errorResponse(error: AppError, t: (key: string, params?: Record<string, unknown>) => string): Response {
  if (error.code === "not_found") return notFound();
  return new Response(t(error.userMessage.key, error.userMessage.params), {
    status: error.status,
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
}

/** What a form's action returns for a refusal: conform's reply (messages encoded) and the status. */
export interface FormErrorReply {
  reply: SubmissionResult<string[]>;
  status: number;
}

const encodeAll = (messages: Message[]) => messages.map(encodeMessage);

/**
 * Turns what a service threw into a form reply for conform: field errors under their field names,
 * the rest as the form's errors, with the error's status. A `not_found` becomes the 404 response
 * (thrown), and anything that is not an AppError is rethrown as it is.
 *
 * @example
 * try { await updateAgreement(…) } catch (error) {
 *   const { reply, status } = replyToError(error, submission);
 *   return data(reply, { status });
 * }
 */
export function replyToError(
  error: unknown,
  submission: {
    reply(options?: {
      formErrors?: string[];
      fieldErrors?: Record<string, string[]>;
      hideFields?: string[];
    }): SubmissionResult<string[]>;
  },
  options: { hideFields?: string[] } = {},
): FormErrorReply {
  if (!isAppError(error)) throw error;
  if (error.code === "not_found") throw notFound();
  const fieldErrors = Object.fromEntries(
    Object.entries(error.fieldErrors).map(([name, messages]) => [name, encodeAll(messages)]),
  );
  const hasDetail = error.formErrors.length > 0 || Object.keys(fieldErrors).length > 0;
  const formErrors = hasDetail ? encodeAll(error.formErrors) : [encodeMessage(error.userMessage)];
  return { reply: submission.reply({ formErrors, fieldErrors, hideFields: options.hideFields }), status: error.status };
}

/** `replyToError` as the action's return value. */
export function formErrorData(
  error: unknown,
  submission: Parameters<typeof replyToError>[1],
  options?: { hideFields?: string[] },
) {
  const { reply, status } = replyToError(error, submission, options);
  return data(reply, { status });
}

/**
 * RFC 9457 problem details for JSON callers: `code` and `reason` for programs, `detail` for
 * people, `errors` by field.
 */
export function problemResponse(
  error: unknown,
  t: (key: string, params?: Record<string, unknown>) => string,
  requestId?: string,
): Response {
  if (!isAppError(error)) throw error;
  const translate = (message: Message) => t(message.key, message.params);
  const body = {
    type: "about:blank",
    status: error.status,
    title: translate({ key: `errors.${error.code}` }),
    detail: translate(error.userMessage),
    code: error.code,
    ...(error.reason ? { reason: error.reason } : {}),
    ...(requestId ? { instance: `urn:request:${requestId}` } : {}),
    ...(Object.keys(error.fieldErrors).length > 0
      ? {
          errors: Object.fromEntries(
            Object.entries(error.fieldErrors).map(([name, messages]) => [name, messages.map(translate)]),
          ),
        }
      : {}),
  };
  return new Response(JSON.stringify(body), { status: error.status, headers: { "Content-Type": "application/problem+json" } });
}
