import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { Field, FormErrors } from "~/components/forms";
import { LanguagePicker } from "~/components/language-picker";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { signInWithPassword } from "~/services/auth/account.server";
import { sessionCookie } from "~/services/auth/cookie.server";
import { requireAnonymous } from "~/services/auth/guards.server";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/services/auth/password-rules";
import { encodeMessage } from "~/utils/app-error";
import { textField } from "~/utils/input/text";
import { safeRedirect } from "~/utils/safe-redirect";

/** Messages are i18n keys; the page translates them. */
const LoginSchema = z.object({
  email: textField({
    max: 254,
    messages: { required: "login.emailRequired", tooLong: "login.emailInvalid", controlCharacter: "login.emailInvalid" },
  }).pipe(z.email("login.emailInvalid")),
  password: z
    .string({ error: "login.passwordRequired" })
    .min(PASSWORD_MIN_LENGTH, "login.passwordLength")
    .max(PASSWORD_MAX_LENGTH, "login.passwordLength"),
  redirectTo: z.string().optional(),
});

/** Document responses carry the action's Retry-After too (Remix applies it only through here). */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader(args: LoaderFunctionArgs) {
  await requireAnonymous(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  await requireAnonymous(args);
  const formData = await args.request.formData();
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const result = await signInWithPassword({ email, password, clientAddress: args.context.clientAddress });
  if (!result.ok && result.reason === "throttled") {
    const throttled = encodeMessage({ key: "login.throttled", params: { seconds: result.retryAfterSeconds } });
    return data(submission.reply({ formErrors: [throttled], hideFields: ["password"] }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok) {
    // The same words, status and path for an unknown email and for a wrong password.
    return data(submission.reply({ formErrors: ["login.invalid"], hideFields: ["password"] }), {
      status: 401,
    });
  }
  throw redirect(safeRedirect(redirectTo), {
    headers: { "Set-Cookie": sessionCookie(args.request, result.token, result.expiresAt) },
  });
}

export default function Login() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const [searchParams] = useSearchParams();
  const pending = useIsPending({ formAction: "/login" });
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    // Revalidating on blur would clear the server's message while the pointer is on the button,
    // shifting the button away from the click: validate when the form is sent.
    shouldValidate: "onSubmit",
  });

  return (
    <main className="flex min-h-full flex-col justify-center px-6 py-12">
      <div className="mx-auto w-full max-w-sm">
        <p className="text-center text-sm font-semibold tracking-wide text-indigo-600">{t("app.name")}</p>
        <h1 className="mt-2 text-center text-2xl font-bold tracking-tight">{t("login.title")}</h1>
        <p className="mt-2 text-center text-sm text-slate-600">{t("login.intro")}</p>
      </div>
      <div className="mx-auto mt-8 w-full max-w-sm rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <Form method="post" action="/login" className="space-y-5" {...getFormProps(form)}>
          <input type="hidden" name="redirectTo" value={searchParams.get("redirectTo") ?? ""} />
          <FormErrors id={form.errorId} errors={form.errors} />
          <Field
            label={t("login.email")}
            inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
            errors={fields.email.errors}
            key={fields.email.key}
          />
          <Field
            label={t("login.password")}
            inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
            errors={fields.password.errors}
            key={fields.password.key}
          />
          <Button type="submit" pending={pending} className="w-full shadow-sm">
            {t("login.submit")}
          </Button>
          <p className="text-sm">
            <Link to="/forgot-password" className="text-indigo-700 hover:underline">
              {t("onboarding.login.forgot")}
            </Link>
          </p>
        </Form>
      </div>
      <div className="mx-auto mt-6">
        <LanguagePicker />
      </div>
    </main>
  );
}
