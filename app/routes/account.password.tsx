import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { changeOwnPassword } from "~/services/auth/account.server";
import { sessionCookie } from "~/services/auth/cookie.server";
import { requireUser } from "~/services/auth/guards.server";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/services/auth/password-rules";
import { encodeMessage } from "~/utils/app-error";
import { redirectWithToast } from "~/utils/toast.server";

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
  const result = await changeOwnPassword({
    userId: user.id,
    email: user.email,
    currentPassword: submission.value.currentPassword,
    newPassword: submission.value.newPassword,
    clientAddress: args.context.clientAddress,
  });
  if (!result.ok && result.reason === "throttled") {
    const throttled = encodeMessage({ key: "login.throttled", params: { seconds: result.retryAfterSeconds } });
    return data(submission.reply({ formErrors: [throttled], hideFields: hidden }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { currentPassword: ["password.wrongCurrent"] }, hideFields: hidden }), {
      status: 400,
    });
  }
  // The old cookie's session is gone: only the fresh one may be sent.
  args.context.state.cookies.length = 0;
  throw redirectWithToast(
    args.request,
    "/account/password",
    { key: "password.changed" },
    { headers: { "Set-Cookie": sessionCookie(args.request, result.token, result.expiresAt) } },
  );
}

export default function ChangePassword() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
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
      <Form method="post" className="mt-6 space-y-5 rounded-xl border border-slate-200 bg-white p-6" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("password.current")}
          inputProps={{ ...getInputProps(fields.currentPassword, { type: "password" }), autoComplete: "current-password" }}
          errors={fields.currentPassword.errors}
          key={fields.currentPassword.key}
        />
        <Field
          label={t("password.new")}
          hint={t("password.hint")}
          inputProps={{ ...getInputProps(fields.newPassword, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.newPassword.errors}
          key={fields.newPassword.key}
        />
        <Field
          label={t("password.confirm")}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.confirmPassword.errors}
          key={fields.confirmPassword.key}
        />
        <Button type="submit" pending={pending}>
          {t("password.submit")}
        </Button>
      </Form>
    </main>
  );
}
