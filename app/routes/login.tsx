import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type HeadersFunction, type LoaderFunctionArgs, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { FormAlert } from "~/components/form-alert";
import { FormField } from "~/components/form-field";
import { LanguagePicker } from "~/components/language-picker";
import { sessionCookie } from "~/services/auth/cookie.server";
import { requireAnonymous } from "~/services/auth/guards.server";
import { textField } from "~/utils/input/text";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/utils/password-rules";
import { signIn } from "~/services/auth/sign-in.server";
import { getDb } from "~/utils/db.server";
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
  const result = await signIn(getDb(), { email, password, clientAddress: args.context.clientAddress });
  if (!result.ok && result.reason === "throttled") {
    return data(
      {
        ...submission.reply({ formErrors: ["login.throttled"], hideFields: ["password"] }),
        retryAfterSeconds: result.retryAfterSeconds,
      },
      { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
    );
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
  const navigation = useNavigation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
    // Revalidating on blur would clear the server's message while the pointer is on the button,
    // shifting the button away from the click: validate when the form is sent.
    shouldValidate: "onSubmit",
  });
  const retryAfter = lastResult && "retryAfterSeconds" in lastResult ? lastResult.retryAfterSeconds : 0;

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
          <FormAlert id={form.errorId} errors={form.errors} values={{ seconds: retryAfter }} />
          <FormField
            label={t("login.email")}
            autoComplete="username"
            errors={fields.email.errors}
            {...getInputProps(fields.email, { type: "email" })}
            key={fields.email.key}
          />
          <FormField
            label={t("login.password")}
            autoComplete="current-password"
            errors={fields.password.errors}
            {...getInputProps(fields.password, { type: "password" })}
            key={fields.password.key}
          />
          <button
            type="submit"
            disabled={navigation.state === "submitting"}
            className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:opacity-60"
          >
            {t("login.submit")}
          </button>
        </Form>
      </div>
      <div className="mx-auto mt-6">
        <LanguagePicker />
      </div>
    </main>
  );
}
