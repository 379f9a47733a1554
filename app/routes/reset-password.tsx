import { getFormProps, getInputProps, type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { Field, FormErrors } from "~/components/forms";
import { LinkGone, OnboardingFrame } from "~/components/onboarding/onboarding-frame";
import { Button } from "~/components/ui/button";
import { useIsPending } from "~/components/use-is-pending";
import { clearedSessionCookie } from "~/services/auth/cookie.server";
import { ResetPasswordSchema } from "~/services/onboarding/company-rules";
import { resetPageState, setPasswordWithLink } from "~/services/onboarding/pages.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * /reset-password/:token — an e-mailed reset link: a usable one sets a new password once (and
 * every session of the login ends), then the sign-in page; a link that names nothing is a 404, a
 * used or expired one a 410 page offering a new link.
 */

export const meta: MetaFunction = () => [
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

const HIDDEN = ["password", "confirmPassword"];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await resetPageState(params.token ?? "");
  return data({ state }, { status: state === "usable" ? 200 : state === "unknown" ? 404 : 410 });
}

export async function action(args: ActionFunctionArgs) {
  const token = args.params.token ?? "";
  const submission = parseWithZod(await args.request.formData(), { schema: ResetPasswordSchema });
  if (submission.status !== "success") {
    if ((await resetPageState(token)) !== "usable") return data({ gone: true as const }, { status: 410 });
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  if (!(await setPasswordWithLink({ token, password: submission.value.password }))) {
    return data({ gone: true as const }, { status: 410 });
  }
  // Every session of the login has ended, this browser's too if it had one.
  args.context.state.cookies.length = 0;
  return redirectWithToast(
    args.request,
    "/login",
    { key: "onboarding.reset.done" },
    { headers: { "Set-Cookie": clearedSessionCookie(args.request) } },
  );
}

export default function ResetPassword() {
  const { t } = useTranslation();
  const { state } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (state !== "usable" || (actionData && "gone" in actionData)) {
    return (
      <LinkGone
        title={t("onboarding.reset.goneTitle")}
        body={t("onboarding.reset.goneBody")}
        action={{ to: "/forgot-password", label: t("onboarding.reset.again") }}
      />
    );
  }
  return <ResetForm lastResult={actionData} />;
}

function ResetForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const pending = useIsPending();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <OnboardingFrame title={t("onboarding.reset.title")} intro={t("onboarding.reset.intro")}>
      <Form method="post" className="space-y-5" {...getFormProps(form)}>
        <FormErrors id={form.errorId} errors={form.errors} />
        <Field
          label={t("onboarding.reset.password")}
          hint={t("onboarding.reset.passwordHint")}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.password.errors}
          key={fields.password.key}
        />
        <Field
          label={t("onboarding.reset.confirm")}
          inputProps={{ ...getInputProps(fields.confirmPassword, { type: "password" }), autoComplete: "new-password" }}
          errors={fields.confirmPassword.errors}
          key={fields.confirmPassword.key}
        />
        <Button type="submit" pending={pending} className="w-full shadow-sm">
          {t("onboarding.reset.submit")}
        </Button>
      </Form>
    </OnboardingFrame>
  );
}
