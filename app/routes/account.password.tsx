import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormAlert } from "~/components/form-alert";
import { FormField } from "~/components/form-field";
import { sessionCookie } from "~/services/auth/cookie.server";
import { requireUser } from "~/services/auth/guards.server";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/utils/password-rules";
import { changePassword } from "~/services/auth/sign-in.server";
import { getDb } from "~/utils/db.server";

const PasswordSchema = z
  .object({
    currentPassword: z.string({ error: "login.passwordRequired" }).max(PASSWORD_MAX_LENGTH, "login.passwordLength"),
    newPassword: z
      .string({ error: "login.passwordRequired" })
      .min(PASSWORD_MIN_LENGTH, "login.passwordLength")
      .max(PASSWORD_MAX_LENGTH, "login.passwordLength"),
    confirmPassword: z.string({ error: "login.passwordRequired" }),
  })
  .refine((value) => value.newPassword === value.confirmPassword, {
    path: ["confirmPassword"],
    message: "password.mismatch",
  });

export async function loader(args: LoaderFunctionArgs) {
  await requireUser(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const user = await requireUser(args);
  const submission = parseWithZod(await args.request.formData(), { schema: PasswordSchema });
  const hidden = ["currentPassword", "newPassword", "confirmPassword"];
  if (submission.status !== "success") return data(submission.reply({ hideFields: hidden }), { status: 400 });
  const result = await changePassword(getDb(), {
    userId: user.id,
    email: user.email,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    clientAddress: args.context.clientAddress,
  });
  if (!result.ok && result.reason === "throttled") {
    return data(
      {
        ...submission.reply({ formErrors: ["login.throttled"], hideFields: hidden }),
        retryAfterSeconds: result.retryAfterSeconds,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
  }
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["password.wrongCurrent"] }, hideFields: hidden }), {
      status: 400,
    });
  }
  // The old cookie's session is gone: only the fresh one may be sent.
  args.context.state.cookies.length = 0;
  throw redirect("/account/password?changed=1", {
    headers: { "Set-Cookie": sessionCookie(args.request, result.token, result.expiresAt) },
  });
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const retryAfter = lastResult && "retryAfterSeconds" in lastResult ? lastResult.retryAfterSeconds : 0;
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(PasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: PasswordSchema }),
    // Revalidating on blur would clear the server's message while the pointer is on the button,
    // shifting the button away from the click: validate when the form is sent.
    shouldValidate: "onSubmit",
  });
  return (
    <main className="mx-auto max-w-md px-6 py-12">
      <Link to="/" className="text-sm text-indigo-600 hover:underline">
        ← {t("app.name")}
      </Link>
      <h1 className="mt-4 text-2xl font-bold">{t("password.title")}</h1>
      {searchParams.get("changed") ? (
        <p role="status" className="mt-4 rounded-md bg-emerald-50 p-3 text-sm text-emerald-800">
          {t("password.changed")}
        </p>
      ) : null}
      <Form method="post" className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-6" {...getFormProps(form)}>
        <FormAlert id={form.errorId} errors={form.errors} values={{ seconds: retryAfter }} />
        <FormField
          label={t("password.current")}
          autoComplete="current-password"
          errors={fields.currentPassword.errors}
          {...getInputProps(fields.currentPassword, { type: "password" })}
          key={fields.currentPassword.key}
        />
        <FormField
          label={t("password.new")}
          autoComplete="new-password"
          hint={t("password.hint")}
          errors={fields.newPassword.errors}
          {...getInputProps(fields.newPassword, { type: "password" })}
          key={fields.newPassword.key}
        />
        <FormField
          label={t("password.confirm")}
          autoComplete="new-password"
          errors={fields.confirmPassword.errors}
          {...getInputProps(fields.confirmPassword, { type: "password" })}
          key={fields.confirmPassword.key}
        />
        <button
          type="submit"
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
        >
          {t("password.submit")}
        </button>
      </Form>
    </main>
  );
}
