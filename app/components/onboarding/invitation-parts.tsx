import { type FieldMetadata, type FormMetadata, getFormProps, getInputProps } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import type { InvitationSignInInput, NewLoginInput } from "~/services/onboarding/company-rules";
import type { InvitationView } from "~/services/onboarding/invitations.server";

type Pending = Extract<InvitationView, { kind: "pending" }>;

/** Who invites whom to what: the company, the role and, for a supplier, which one. */
export function InvitationSummary({ view }: { view: Pending }) {
  const { t } = useTranslation();
  const values = { company: view.company, role: t(`role.${view.role}`), supplier: view.supplier ?? "" };
  return (
    <div className="space-y-1 text-sm text-slate-700">
      <p>{view.supplier ? t("onboarding.invite.introSupplier", values) : t("onboarding.invite.intro", values)}</p>
      <p className="text-slate-500">{t("onboarding.invite.invitedAddress", { email: view.email })}</p>
    </div>
  );
}

type Meta<T extends Record<string, unknown>> = {
  form: FormMetadata<T, string[]>;
  fields: { [K in keyof T]: FieldMetadata<T[K], T, string[]> };
};

/** A new login for the invited address: a name and a password. */
export function NewLoginForm({ form, fields }: Meta<NewLoginInput>) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "create" });
  return (
    <Form method="post" className="space-y-5" {...getFormProps(form)}>
      <p className="text-sm font-medium">{t("onboarding.invite.newAccount")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("onboarding.invite.name")}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        errors={fields.name.errors}
        key={fields.name.key}
      />
      <Field
        label={t("onboarding.invite.password")}
        hint={t("onboarding.invite.passwordHint")}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        errors={fields.password.errors}
        key={fields.password.key}
      />
      <Button type="submit" name="intent" value="create" pending={pending} className="w-full shadow-sm">
        {t("onboarding.invite.create")}
      </Button>
    </Form>
  );
}

/** The invited address's existing login: its password signs in and accepts. */
export function SignInToJoinForm({ form, fields }: Meta<InvitationSignInInput>) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "sign-in" });
  return (
    <Form method="post" className="space-y-5" {...getFormProps(form)}>
      <p className="text-sm font-medium">{t("onboarding.invite.existingAccount")}</p>
      <FormErrors id={form.errorId} errors={form.errors} />
      <Field
        label={t("onboarding.invite.email")}
        inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
        errors={fields.email.errors}
        key={fields.email.key}
      />
      <Field
        label={t("onboarding.invite.currentPassword")}
        inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        errors={fields.password.errors}
        key={fields.password.key}
      />
      <Button type="submit" name="intent" value="sign-in" pending={pending} className="w-full shadow-sm">
        {t("onboarding.invite.signIn")}
      </Button>
      <p className="text-sm">
        <Link to="/forgot-password" className="text-indigo-700 hover:underline">
          {t("onboarding.invite.forgot")}
        </Link>
      </p>
    </Form>
  );
}

/** Signed in as the invited address: one button. */
export function JoinButton({ view }: { view: Pending }) {
  const { t } = useTranslation();
  const pending = useIsPending({ intent: "accept" });
  return (
    <Form method="post" className="space-y-4">
      <p className="text-sm text-slate-700">{t("onboarding.invite.signedInAs", { email: view.current ?? "" })}</p>
      <Button type="submit" name="intent" value="accept" pending={pending} className="w-full shadow-sm">
        {t("onboarding.invite.accept", { company: view.company })}
      </Button>
    </Form>
  );
}

/** Signed in as someone else: say so, and offer to sign out. */
export function OtherLogin({ view }: { view: Pending }) {
  const { t } = useTranslation();
  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-700" role="status">
        {t("onboarding.invite.otherAccount", { current: view.current ?? "", email: view.email })}
      </p>
      <Form method="post" action="/logout">
        <Button type="submit" variant="secondary">
          {t("onboarding.invite.signOut")}
        </Button>
      </Form>
    </div>
  );
}
