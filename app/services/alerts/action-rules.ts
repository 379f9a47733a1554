import { z } from "zod";
import { isCalendarDate } from "~/core";
import { textField } from "~/utils/input/text";

/**
 * The rules of the forms on an alert's page (acknowledge, snooze, assign, resolve, comment), in
 * one place: the page checks them in the browser through conform and the server again before the
 * services judge the dates against the company's today. Messages are i18n keys of `alerts.errors`.
 * Not a .server module, so that the forms can use it.
 */

/** Longest comment or resolution, in characters. */
export const ALERT_COMMENT_MAX = 1000;
/** Furthest a snooze or a due date may lie ahead, in days. */
export const ALERT_DAYS_AHEAD_MAX = 365;

const key = (name: string) => `alerts.errors.${name}`;

/** A comment or a resolution: free text by the rule every text field follows. */
const noteField = (required: string) =>
  textField({
    max: ALERT_COMMENT_MAX,
    messages: { required: key(required), tooLong: key("commentTooLong"), controlCharacter: key("controlCharacter") },
  });

/** A calendar day, YYYY-MM-DD, as a date input sends it. */
const dayField = (required: string) =>
  z
    .string({ error: key(required) })
    .trim()
    .refine(isCalendarDate, { error: key("date") });

/** The fields of each form, as the browser checks them (the pressed button names the intent). */
export const SnoozeFields = z.object({ until: dayField("untilRequired") });
export const AssignFields = z.object({ assignee: z.uuid({ error: key("assignee") }), dueDate: dayField("dueRequired") });
export const ResolveFields = z.object({ resolution: noteField("resolutionRequired") });
export const CommentFields = z.object({ comment: noteField("commentRequired") });

export const AcknowledgeSchema = z.object({ intent: z.literal("acknowledge") });
export const SnoozeSchema = SnoozeFields.extend({ intent: z.literal("snooze") });
export const AssignSchema = AssignFields.extend({ intent: z.literal("assign") });
export const ResolveSchema = ResolveFields.extend({ intent: z.literal("resolve") });
export const CommentSchema = CommentFields.extend({ intent: z.literal("comment") });

/** Every form of the page: the action reads the one its button names. */
export const AlertActionSchema = z.discriminatedUnion("intent", [
  AcknowledgeSchema,
  SnoozeSchema,
  AssignSchema,
  ResolveSchema,
  CommentSchema,
]);
export type AlertAction = z.output<typeof AlertActionSchema>;
export type AlertIntent = AlertAction["intent"];

export const ALERT_INTENTS = ["acknowledge", "snooze", "assign", "resolve", "comment"] as const satisfies readonly AlertIntent[];

/** What the page's forms are built from. */
export const ALERT_FORM_RULES = {
  snooze: SnoozeFields,
  assign: AssignFields,
  resolve: ResolveFields,
  comment: CommentFields,
  commentMax: ALERT_COMMENT_MAX,
  daysAheadMax: ALERT_DAYS_AHEAD_MAX,
};
export type AlertFormRules = typeof ALERT_FORM_RULES;
