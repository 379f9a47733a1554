import type { SubmissionResult } from "@conform-to/react";
import type { TFunction } from "i18next";
import { decodeMessage, encodeMessage } from "~/utils/app-error";

/** What the plan page's action answers when it refuses a form: conform's reply. */
export type PlanActionReply = SubmissionResult<string[]>;

/** The intent of the button whose form was refused, so that only that form shows the reply. */
export function submittedIntent(reply: PlanActionReply | undefined): string | undefined {
  const intent = reply?.initialValue?.intent;
  return typeof intent === "string" ? intent : undefined;
}

/**
 * A refusal that names the plan's status names it by its code (a state the action is not allowed
 * in): the message goes on with the status in the reader's words.
 */
export function withStatusInWords(message: string, t: TFunction): string {
  const decoded = decodeMessage(message);
  const status = decoded.params?.status;
  if (typeof status !== "string") return message;
  return encodeMessage({
    key: decoded.key,
    params: { ...decoded.params, status: t(`plans.statuses.${status}`, { defaultValue: status }) },
  });
}
