import { getFormProps, getTextareaProps, useForm } from "@conform-to/react";
import { Form, Link, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { TextareaField } from "~/components/forms";
import { Button, buttonClass } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { PlanWorkflowAction } from "~/core";
import type { PlanHeader } from "~/services/plans/plan-page.server";
import type { PlanActionReply } from "./plan-form-reply";

/**
 * What the signed-in role may do with the plan now: record its shipment, edit the draft, withdraw
 * it, start its next version, or send it back for changes (or reject every line) with a comment.
 */
export function PlanActions({
  plan,
  isSupplier,
  actions,
  lastResult,
}: {
  plan: Pick<PlanHeader, "id" | "status" | "version" | "lockVersion">;
  isSupplier: boolean;
  actions: readonly PlanWorkflowAction[];
  /** The comment form's refused reply, if it was the one submitted. */
  lastResult: PlanActionReply | undefined;
}) {
  const { t } = useTranslation();
  const { tenant } = useParams();
  const can = (action: PlanWorkflowAction) => actions.includes(action);
  const pending = useIsPending();

  return (
    <section aria-labelledby="actions-title" className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <h2 id="actions-title" className="text-base font-semibold">
        {t("plans.page.actions")}
      </h2>
      <div className="mt-3 flex flex-wrap items-start gap-4">
        {can("ship") ? (
          <Link to={`/t/${tenant}/shipments/new?plan=${plan.id}`} className={buttonClass("primary", "md")}>
            {t("approvals.review.recordShipment")}
          </Link>
        ) : null}
        {isSupplier && plan.status === "draft" ? (
          <Link to={`/t/${tenant}/plans/${plan.id}/edit`} className={buttonClass("primary", "md")}>
            {t("plans.page.edit")}
          </Link>
        ) : null}
        {can("withdraw") ? (
          <Form method="post">
            <input type="hidden" name="lockVersion" value={plan.lockVersion} />
            <Button type="submit" name="intent" value="withdraw" variant="secondary" size="md" pending={pending}>
              {t("plans.page.withdraw")}
            </Button>
            <p className="mt-1 text-xs text-slate-500">{t("plans.page.withdrawHint")}</p>
          </Form>
        ) : null}
        {isSupplier && plan.status === "changes_requested" ? (
          <Form method="post">
            <input type="hidden" name="lockVersion" value={plan.lockVersion} />
            <Button type="submit" name="intent" value="revise" size="md" pending={pending}>
              {t("plans.page.revise")}
            </Button>
            <p className="mt-1 text-xs text-slate-500">{t("plans.page.reviseHint", { next: plan.version + 1 })}</p>
          </Form>
        ) : null}
        {can("request_changes") ? (
          <CommentForm lockVersion={plan.lockVersion} canReject={can("decide")} lastResult={lastResult} pending={pending} />
        ) : null}
      </div>
    </section>
  );
}

/** The comment the plan goes back with: request changes, or (for a role that decides) reject every line. */
function CommentForm({
  lockVersion,
  canReject,
  lastResult,
  pending,
}: {
  lockVersion: number;
  canReject: boolean;
  lastResult: PlanActionReply | undefined;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "plan-comment", lastResult, shouldRevalidate: "onSubmit" });
  return (
    <Form method="post" className="w-full max-w-lg" {...getFormProps(form)}>
      <input type="hidden" name="lockVersion" value={lockVersion} />
      <TextareaField
        label={t("approvals.review.comment")}
        textareaProps={{ ...getTextareaProps(fields.comment), id: "comment", rows: 2, required: true }}
        errors={fields.comment.errors}
        hint={t("approvals.review.commentHint")}
      />
      <div className="mt-2 flex flex-wrap gap-2">
        <Button type="submit" name="intent" value="request-changes" variant="secondary" size="md" pending={pending}>
          {t("plans.page.requestChanges")}
        </Button>
        {canReject ? (
          <Button type="submit" name="intent" value="reject-all" variant="danger-outline" size="md" pending={pending}>
            {t("approvals.review.rejectAll")}
          </Button>
        ) : null}
      </div>
      <p className="mt-1 text-xs text-slate-500">
        {t("plans.page.requestChangesHint")} {t("approvals.review.rejectAllHint")}
      </p>
    </Form>
  );
}
