import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, FormErrors, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { MemberRow, SupplierOption } from "~/services/admin/people.server";
import type { PeopleFormRules } from "~/services/admin/people-rules";
import { formatInstant } from "~/utils/format";
import { type PeopleActionData, replyFor, supplierOptionsOf } from "./people-forms";

const badge = "inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset";

/** An administrator's role form for one member: role, and the supplier for a supplier role. */
function ChangeRoleForm({
  member,
  suppliers,
  lastResult,
  rules,
}: {
  member: MemberRow;
  rules: PeopleFormRules;
  suppliers: readonly SupplierOption[];
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "change-role" });
  const [form, fields] = useForm({
    id: `role-${member.membershipId}`,
    lastResult,
    constraint: getZodConstraint(rules.changeRole),
    defaultValue: {
      membershipId: member.membershipId,
      role: member.role,
      supplierId: member.supplierId ?? "",
      supplierAdmin: member.supplierAdmin ? "on" : undefined,
    },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: rules.changeRole }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  // The supplier a member has stays offered even when it is inactive, so that the form shows it.
  const offered = suppliers.filter((s) => s.active || s.id === member.supplierId);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-2">
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">{t("adminPeople.change.legend", { name: member.name })}</legend>
        <FormErrors id={form.errorId} errors={form.errors} />
        <input type="hidden" name="membershipId" value={member.membershipId} />
        <SelectField
          label={t("adminPeople.change.role")}
          selectProps={getSelectProps(fields.role, { ariaAttributes: false })}
          options={rules.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
          errors={fields.role.errors}
        />
        <SelectField
          label={t("adminPeople.change.supplier")}
          selectProps={getSelectProps(fields.supplierId, { ariaAttributes: false })}
          options={supplierOptionsOf(offered, t("adminPeople.invite.chooseSupplier"))}
          errors={fields.supplierId.errors}
        />
        <CheckboxField
          label={t("adminPeople.change.supplierAdmin")}
          inputProps={getInputProps(fields.supplierAdmin, { type: "checkbox", ariaAttributes: false })}
          errors={fields.supplierAdmin.errors}
        />
      </fieldset>
      <Button type="submit" name="intent" value="change-role" size="sm" pending={pending}>
        {t("adminPeople.change.submit")}
      </Button>
    </Form>
  );
}

/** Deactivate or reactivate one member. */
function StatusForm({ member, lastResult }: { member: MemberRow; lastResult: SubmissionResult<string[]> | undefined }) {
  const { t } = useTranslation();
  const [form] = useForm({ id: `status-${member.membershipId}`, lastResult });
  const pending = useIsPending({ intent: member.status === "active" ? "deactivate" : "reactivate" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-1">
      <FormErrors id={form.errorId} errors={form.errors} />
      <input type="hidden" name="membershipId" value={member.membershipId} />
      {member.status === "active" ? (
        <>
          <Button
            type="submit"
            name="intent"
            value="deactivate"
            variant="danger-outline"
            size="sm"
            pending={pending}
            aria-label={t("adminPeople.deactivateLabel", { name: member.name })}
          >
            {t("adminPeople.deactivate")}
          </Button>
          <p className="text-xs text-slate-500">{t("adminPeople.deactivateHint")}</p>
        </>
      ) : (
        <Button
          type="submit"
          name="intent"
          value="reactivate"
          variant="secondary"
          size="sm"
          pending={pending}
          aria-label={t("adminPeople.reactivateLabel", { name: member.name })}
        >
          {t("adminPeople.reactivate")}
        </Button>
      )}
    </Form>
  );
}

/**
 * The members of the list with their role, supplier, status and last sign-in (in the company's
 * time zone); each row's forms sit in a disclosure, so that the table stays readable. Without
 * `suppliers` (a team), no role form: a team's people are its supplier's, as suppliers.
 */
export function PeopleTable({
  members,
  suppliers,
  timezone,
  selfUserId,
  team,
  actionData,
  rules,
}: {
  rules: PeopleFormRules;
  members: readonly MemberRow[];
  suppliers: readonly SupplierOption[];
  timezone: string;
  selfUserId: string;
  team: boolean;
  actionData: PeopleActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  if (members.length === 0) return <p className="py-6 text-sm text-slate-600">{t("adminPeople.noMembers")}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="people">
        <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.name")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.email")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.role")}
            </th>
            {team ? null : (
              <th scope="col" className="px-3 py-2">
                {t("adminPeople.columns.supplier")}
              </th>
            )}
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.status")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.lastSignIn")}
            </th>
            <th scope="col" className="px-3 py-2">
              {t("adminPeople.columns.actions")}
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {members.map((m) => {
            const roleReply = replyFor(actionData, `role-${m.membershipId}`);
            const statusReply = replyFor(actionData, `status-${m.membershipId}`);
            return (
              <tr key={m.membershipId} data-member={m.email} data-status={m.status} className="align-top">
                <td className="px-3 py-2 font-medium">
                  {m.name}
                  {m.userId === selfUserId ? <span className="ml-1 text-xs text-slate-500">({t("adminPeople.you")})</span> : null}
                </td>
                <td className="px-3 py-2">{m.email}</td>
                <td className="px-3 py-2" data-role={m.role}>
                  {t(`role.${m.role}`)}
                  {m.supplierAdmin ? (
                    <span className={`${badge} ml-1 bg-indigo-50 text-indigo-700 ring-indigo-600/20`} data-supplier-admin="">
                      {t("adminPeople.supplierAdmin")}
                    </span>
                  ) : null}
                </td>
                {team ? null : <td className="px-3 py-2">{m.supplierName ?? "—"}</td>}
                <td className="px-3 py-2">
                  <span
                    className={`${badge} ${m.status === "active" ? "bg-emerald-50 text-emerald-700 ring-emerald-600/20" : "bg-slate-100 text-slate-700 ring-slate-500/20"}`}
                  >
                    {t(`adminPeople.status.${m.status}`)}
                  </span>
                </td>
                <td className="px-3 py-2 whitespace-nowrap">
                  {m.lastSignInAt ? formatInstant(i18n.language, timezone, m.lastSignInAt) : t("adminPeople.never")}
                </td>
                <td className="px-3 py-2">
                  <details open={Boolean(roleReply || statusReply)}>
                    <summary
                      className="cursor-pointer text-sm font-medium text-indigo-700"
                      aria-label={t("adminPeople.manageLabel", { name: m.name })}
                    >
                      {t("adminPeople.manage")}
                    </summary>
                    <div className="mt-2 w-64 space-y-4">
                      {team ? null : <ChangeRoleForm member={m} suppliers={suppliers} lastResult={roleReply} rules={rules} />}
                      {m.userId === selfUserId ? null : <StatusForm member={m} lastResult={statusReply} />}
                    </div>
                  </details>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
