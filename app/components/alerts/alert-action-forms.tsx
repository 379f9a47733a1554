import { getFormProps, getInputProps, getSelectProps, getTextareaProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { Field, FormErrors, SelectField, TextareaField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { AlertFormRules } from "~/services/alerts/action-rules";
import type { AlertPageData } from "~/services/alerts/alert-page.server";

/**
 * The actions on an open alert, each its own form posting to the alert's page with the button's
 * intent: acknowledge (unless done), snooze to a day, assign with a due date, resolve with what
 * was done, comment. Checked in the browser by the same rules as on the server; a refusal comes
 * back under its field, or above the form.
 */

type Reply = SubmissionResult<string[]> | undefined;

function Panel({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="rounded-lg border border-slate-200 bg-white p-4">
      <h3 id={`${id}-heading`} className="text-base font-semibold">
        {heading}
      </h3>
      <div className="mt-3">{children}</div>
    </section>
  );
}

/** conform's form for one action: checked on submit, then again as the fields change. */
function useActionForm<S extends z.ZodType>(id: string, schema: S, lastResult: Reply, defaultValue?: Record<string, string>) {
  return useForm({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(schema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
}

export function AcknowledgeForm({ lastResult }: { lastResult: Reply }) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "acknowledge" });
  return (
    <Panel id="alert-acknowledge" heading={t("alerts.actions.acknowledge.heading")}>
      <Form method="post" className="space-y-3">
        <FormErrors errors={lastResult?.error?.[""]} />
        <p className="text-sm text-slate-600">{t("alerts.actions.acknowledge.hint")}</p>
        <Button type="submit" name="intent" value="acknowledge" size="md" pending={pending}>
          {t("alerts.actions.acknowledge.submit")}
        </Button>
      </Form>
    </Panel>
  );
}

export function SnoozeForm({
  rules,
  bounds,
  defaults,
  lastResult,
}: {
  rules: AlertFormRules;
  bounds: AlertPageData["bounds"];
  defaults: AlertPageData["defaults"];
  lastResult: Reply;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "snooze" });
  const [form, fields] = useActionForm("alert-snooze", rules.snooze, lastResult, { until: defaults.until });
  return (
    <Panel id="alert-snooze" heading={t("alerts.actions.snooze.heading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("alerts.actions.snooze.until")}
          hint={t("alerts.actions.snooze.hint", { days: rules.daysAheadMax })}
          inputProps={{
            ...getInputProps(fields.until, { type: "date", ariaAttributes: false }),
            min: bounds.snoozeMin,
            max: bounds.max,
          }}
          errors={fields.until.errors}
        />
        <Button type="submit" name="intent" value="snooze" size="md" variant="secondary" pending={pending}>
          {t("alerts.actions.snooze.submit")}
        </Button>
      </Form>
    </Panel>
  );
}

export function AssignForm({
  rules,
  bounds,
  defaults,
  people,
  current,
  lastResult,
}: {
  rules: AlertFormRules;
  bounds: AlertPageData["bounds"];
  defaults: AlertPageData["defaults"];
  people: AlertPageData["assignable"];
  /** The assignee and due date it has now, which the form starts from. */
  current: { assignee: string | null; dueDate: string | null };
  lastResult: Reply;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "assign" });
  const assignee = current.assignee && people.some((p) => p.userId === current.assignee) ? current.assignee : "";
  const dueDate = current.dueDate && current.dueDate >= bounds.dueMin ? current.dueDate : defaults.dueDate;
  const [form, fields] = useActionForm("alert-assign", rules.assign, lastResult, { assignee, dueDate });
  const options = [
    { value: "", label: t("alerts.actions.assign.choose") },
    ...people.map((p) => ({ value: p.userId, label: `${p.name} · ${t(`role.${p.role}`)}` })),
  ];
  return (
    <Panel id="alert-assign" heading={t("alerts.actions.assign.heading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <SelectField
          label={t("alerts.actions.assign.assignee")}
          selectProps={getSelectProps(fields.assignee, { ariaAttributes: false })}
          options={options}
          errors={fields.assignee.errors}
        />
        <Field
          label={t("alerts.actions.assign.dueDate")}
          hint={t("alerts.actions.assign.hint")}
          inputProps={{
            ...getInputProps(fields.dueDate, { type: "date", ariaAttributes: false }),
            min: bounds.dueMin,
            max: bounds.max,
          }}
          errors={fields.dueDate.errors}
        />
        <Button type="submit" name="intent" value="assign" size="md" variant="secondary" pending={pending}>
          {t("alerts.actions.assign.submit")}
        </Button>
      </Form>
    </Panel>
  );
}

/** Resolve: what was done (required), which closes the alert. */
export function ResolveForm({ rules, lastResult }: { rules: AlertFormRules; lastResult: Reply }) {
  const { t, i18n } = useTranslation();
  const pending = useIsPending({ intent: "resolve" });
  const [form, fields] = useActionForm("alert-resolve", rules.resolve, lastResult);
  return (
    <Panel id="alert-resolve" heading={t("alerts.actions.resolve.heading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          label={t("alerts.actions.resolve.comment")}
          hint={t("alerts.actions.resolve.hint", { max: new Intl.NumberFormat(i18n.language).format(rules.commentMax) })}
          textareaProps={{ ...getTextareaProps(fields.resolution, { ariaAttributes: false }), rows: 3 }}
          errors={fields.resolution.errors}
        />
        <Button type="submit" name="intent" value="resolve" size="md" pending={pending}>
          {t("alerts.actions.resolve.submit")}
        </Button>
      </Form>
    </Panel>
  );
}

/** A comment for the history; nothing else changes. */
export function CommentForm({ rules, lastResult }: { rules: AlertFormRules; lastResult: Reply }) {
  const { t, i18n } = useTranslation();
  const pending = useIsPending({ intent: "comment" });
  const [form, fields] = useActionForm("alert-comment", rules.comment, lastResult);
  return (
    <Panel id="alert-comment" heading={t("alerts.actions.comment.heading")}>
      <Form method="post" {...getFormProps(form)} className="space-y-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <TextareaField
          label={t("alerts.actions.comment.comment")}
          hint={t("alerts.actions.comment.hint", { max: new Intl.NumberFormat(i18n.language).format(rules.commentMax) })}
          textareaProps={{ ...getTextareaProps(fields.comment, { ariaAttributes: false }), rows: 3 }}
          errors={fields.comment.errors}
        />
        <Button type="submit" name="intent" value="comment" size="md" variant="secondary" pending={pending}>
          {t("alerts.actions.comment.submit")}
        </Button>
      </Form>
    </Panel>
  );
}
