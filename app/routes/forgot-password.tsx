import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type HeadersFunction } from "@remix-run/node";
import { Form, Link, useActionData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { OnboardingFrame } from "~/components/onboarding/onboarding-frame";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { ForgotPasswordSchema } from "~/services/onboarding/company-rules";
import { askForPasswordReset } from "~/services/onboarding/pages.server";
import { encodeMessage } from "~/utils/app-error";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * /forgot-password — asks for a reset link. The answer (a toast on the sign-in page) is the same,
 * in words, status and time, whether or not the address has a login.
 */

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function action(args: ActionFunctionArgs) {
  const submission = parseWithZod(await args.request.formData(), { schema: ForgotPasswordSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const { email } = submission.value;
  const result = await askForPasswordReset({ email, clientAddress: args.context.clientAddress });
  if (!result.ok) {
    const throttled = encodeMessage({ key: "login.throttled", params: { seconds: result.retryAfterSeconds } });
    return data(submission.reply({ formErrors: [throttled] }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  // A toast's values hold at most 200 characters; an address may have 254.
  const shown = email.length > 200 ? `${email.slice(0, 199)}…` : email;
  return redirectWithToast(args.request, "/login", { type: "info", key: "onboarding.forgot.sent", params: { email: shown } });
}

export default function ForgotPassword() {
  const { t } = useTranslation();
  const lastResult = useActionData<typeof action>();
  const pending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <OnboardingFrame title={t("onboarding.forgot.title")} intro={t("onboarding.forgot.intro")}>
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("onboarding.forgot.email")}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "username" }}
          errors={fields.email.errors}
          key={fields.email.key}
        />
        <Button type="submit" pending={pending} className="w-full shadow-sm">
          {t("onboarding.forgot.submit")}
        </Button>
        <p className="text-sm">
          <Link to="/login" className="text-indigo-700 hover:underline">
            {t("onboarding.forgot.backToSignIn")}
          </Link>
        </p>
      </Form>
    </OnboardingFrame>
  );
}
