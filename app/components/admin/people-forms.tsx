import { getFormProps, getInputProps, getSelectProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CheckboxField, Field, FormErrors, SelectField } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { InvitationRow, SupplierOption } from "~/services/admin/people.server";
import type { PeopleFormRules } from "~/services/admin/people-rules";
import { formatInstant } from "~/utils/format";

/** What a refused POST of the people pages answers: which form it was, and conform's reply for it. */
export interface PeopleActionData {
  form: string;
  reply: SubmissionResult<string[]>;
}

/** The reply for the form `key`, when the last refused POST was that form's. */
export function replyFor(actionData: PeopleActionData | undefined, key: string) {
  return actionData?.form === key ? actionData.reply : undefined;
}

export function supplierOptionsOf(suppliers: readonly SupplierOption[], placeholder: string) {
  return [{ value: "", label: placeholder }, ...suppliers.map((s) => ({ value: s.id, label: `${s.name} (${s.code})` }))];
}

/**
 * The invitation form: an administrator's (any role; a supplier for a supplier role) or, with
 * `team`, a supplier administrator's (a colleague of its own supplier, which the server fills in).
 */
export function InviteForm({
  team,
  suppliers,
  lastResult,
  defaultLocale,
  rules,
}: {
  team: boolean;
  rules: PeopleFormRules;
  suppliers: readonly SupplierOption[];
  lastResult: SubmissionResult<string[]> | undefined;
  defaultLocale: string;
}) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "invite" });
  // The team form is the same form without role and supplier (its fields are a subset).
  const schema = (team ? rules.teamInvite : rules.invite) as PeopleFormRules["invite"];
  const [form, fields] = useForm({
    id: "invite",
    lastResult,
    constraint: getZodConstraint(schema),
    defaultValue: { role: "buyer", locale: defaultLocale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
    shouldValidate: "onSubmit",
    shouldRevalidate: "onInput",
  });
  const f = fields;
  const isSupplierRole = team || f.role?.value === "supplier";
  const activeSuppliers = suppliers.filter((s) => s.active);
  return (
    <section aria-labelledby="invite-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="invite-heading" className="text-lg font-semibold">
        {team ? t("adminPeople.invite.teamTitle") : t("adminPeople.invite.title")}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t("adminPeople.invite.intro")}</p>
      <Form method="post" {...getFormProps(form)} className="mt-3 grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("adminPeople.invite.email")}
          inputProps={{ ...getInputProps(f.email, { type: "email", ariaAttributes: false }), autoComplete: "off" }}
          errors={f.email.errors}
        />
        {team ? null : (
          <SelectField
            label={t("adminPeople.invite.role")}
            selectProps={getSelectProps(f.role, { ariaAttributes: false })}
            options={rules.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
            errors={f.role.errors}
          />
        )}
        {team ? null : (
          <SelectField
            label={t("adminPeople.invite.supplier")}
            selectProps={getSelectProps(f.supplierId, { ariaAttributes: false })}
            options={supplierOptionsOf(activeSuppliers, t("adminPeople.invite.chooseSupplier"))}
            errors={f.supplierId.errors}
          />
        )}
        <SelectField
          label={t("adminPeople.invite.locale")}
          selectProps={getSelectProps(f.locale, { ariaAttributes: false })}
          options={rules.locales.map((locale) => ({ value: locale, label: t(`language.${locale}`) }))}
          errors={f.locale.errors}
        />
        {isSupplierRole ? (
          <CheckboxField
            className="sm:col-span-2 lg:col-span-3"
            label={t("adminPeople.invite.supplierAdmin")}
            inputProps={getInputProps(f.supplierAdmin, { type: "checkbox", ariaAttributes: false })}
            errors={f.supplierAdmin.errors}
          />
        ) : null}
        <div className="sm:col-span-2 lg:col-span-3">
          <Button type="submit" name="intent" value="invite" size="md" pending={pending}>
            {t("adminPeople.invite.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** One invitation's buttons: send it again with a new link, or revoke it. */
function InvitationActions({
  invitation,
  lastResult,
}: {
  invitation: InvitationRow;
  lastResult: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const [form] = useForm({ id: `invitation-${invitation.id}`, lastResult });
  const pending = useIsPending();
  return (
    <Form method="post" {...getFormProps(form)} className="flex flex-wrap items-center gap-2">
      <input type="hidden" name="invitationId" value={invitation.id} />
      <Button
        type="submit"
        name="intent"
        value="resend"
        variant="secondary"
        size="sm"
        pending={pending}
        aria-label={t("adminPeople.invitations.resendLabel", { email: invitation.email })}
      >
        {t("adminPeople.invitations.resend")}
      </Button>
      <Button
        type="submit"
        name="intent"
        value="revoke"
        variant="danger-outline"
        size="sm"
        pending={pending}
        aria-label={t("adminPeople.invitations.revokeLabel", { email: invitation.email })}
      >
        {t("adminPeople.invitations.revoke")}
      </Button>
      <FormErrors id={form.errorId} errors={form.errors} />
    </Form>
  );
}

/** The invitations still open (expired ones too: they can be resent). */
export function InvitationsTable({
  invitations,
  timezone,
  showSupplier,
  actionData,
}: {
  invitations: readonly InvitationRow[];
  timezone: string;
  showSupplier: boolean;
  actionData: PeopleActionData | undefined;
}) {
  const { t, i18n } = useTranslation();
  const when = (instant: string) => formatInstant(i18n.language, timezone, instant);
  return (
    <section aria-labelledby="invitations-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="invitations-heading" className="text-lg font-semibold">
        {t("adminPeople.invitations.title")}
      </h2>
      {invitations.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600">{t("adminPeople.invitations.none")}</p>
      ) : (
        <div className="mt-2 overflow-x-auto">
          <table className="min-w-full divide-y divide-slate-200 text-sm" data-testid="invitations">
            <thead className="bg-slate-50 text-left text-xs font-semibold uppercase tracking-wide text-slate-600">
              <tr>
                <th scope="col" className="px-3 py-2">
                  {t("adminPeople.invitations.email")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("adminPeople.invitations.role")}
                </th>
                {showSupplier ? (
                  <th scope="col" className="px-3 py-2">
                    {t("adminPeople.invitations.supplier")}
                  </th>
                ) : null}
                <th scope="col" className="px-3 py-2">
                  {t("adminPeople.invitations.sent")}
                </th>
                <th scope="col" className="px-3 py-2">
                  {t("adminPeople.invitations.expires")}
                </th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">{t("adminPeople.columns.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.map((invitation) => (
                <tr key={invitation.id} data-invitation={invitation.email}>
                  <td className="px-3 py-2">{invitation.email}</td>
                  <td className="px-3 py-2">
                    {t(`role.${invitation.role}`)}
                    {invitation.supplierAdmin ? ` · ${t("adminPeople.supplierAdmin")}` : ""}
                  </td>
                  {showSupplier ? <td className="px-3 py-2">{invitation.supplierName ?? "—"}</td> : null}
                  <td className="px-3 py-2 whitespace-nowrap">{when(invitation.sentAt)}</td>
                  <td className="px-3 py-2 whitespace-nowrap" data-expired={invitation.expired || undefined}>
                    {invitation.expired ? (
                      <span className="font-medium text-amber-700">
                        {t("adminPeople.invitations.expired", { when: when(invitation.expiresAt) })}
                      </span>
                    ) : (
                      when(invitation.expiresAt)
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <InvitationActions invitation={invitation} lastResult={replyFor(actionData, `invitation-${invitation.id}`)} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
