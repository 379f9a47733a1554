import { type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LinkGone, OnboardingFrame } from "~/components/onboarding/onboarding-frame";
import { type SetupDefaults, SetupForm } from "~/components/onboarding/setup-form";
import { sessionCookie } from "~/services/auth/cookie.server";
import { knownCurrencies, knownTimeZones, SetupSchema } from "~/services/onboarding/company-rules";
import { setUpCompanyWithLink, setupPageState } from "~/services/onboarding/pages.server";
import { formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * /setup/:token — the printed set-up link of an empty installation: the first company and its
 * administrator, who lands signed in on the company's people. A link that names nothing is a 404,
 * a spent or expired one (or any once a company exists) a 410, each a page that says so.
 */

export const meta: MetaFunction = () => [
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

const HIDDEN = ["password"];

export async function loader({ params }: LoaderFunctionArgs) {
  const state = await setupPageState(params.token ?? "");
  if (state !== "usable") return data({ state, defaults: null }, { status: state === "unknown" ? 404 : 410 });
  return {
    state,
    defaults: {
      currency: "CNY",
      timezone: "Asia/Shanghai",
      locale: "zh-CN",
      currencies: knownCurrencies(),
      timeZones: knownTimeZones(),
    },
  };
}

export async function action(args: ActionFunctionArgs) {
  const token = args.params.token ?? "";
  const submission = parseWithZod(await args.request.formData(), { schema: SetupSchema });
  if (submission.status !== "success") {
    if ((await setupPageState(token)) !== "usable") return data({ gone: true as const }, { status: 410 });
    return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  }
  try {
    const result = await setUpCompanyWithLink(token, submission.value, args.context.clientAddress);
    if (!result.ok) return data({ gone: true as const }, { status: 410 });
    return redirectWithToast(
      args.request,
      `/t/${result.slug}/admin/users`,
      { key: "onboarding.setup.done", params: { company: submission.value.companyName.slice(0, 200) } },
      { headers: { "Set-Cookie": sessionCookie(args.request, result.sessionToken, result.expiresAt) } },
    );
  } catch (error) {
    return formErrorData(error, submission, { hideFields: HIDDEN });
  }
}

export default function Setup() {
  const { t } = useTranslation();
  const { state, defaults } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  if (state !== "usable" || !defaults || (actionData && "gone" in actionData)) {
    return <LinkGone title={t("onboarding.setup.goneTitle")} body={t("onboarding.setup.goneBody")} />;
  }
  return <SetupPage defaults={defaults} lastResult={actionData} />;
}

function SetupPage({ defaults, lastResult }: { defaults: SetupDefaults; lastResult?: SubmissionResult<string[]> }) {
  const { t } = useTranslation();
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SetupSchema),
    defaultValue: { currency: defaults.currency, timezone: defaults.timezone, locale: defaults.locale },
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SetupSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <OnboardingFrame title={t("onboarding.setup.title")} intro={t("onboarding.setup.intro")} wide>
      <SetupForm form={form} fields={fields} defaults={defaults} />
    </OnboardingFrame>
  );
}
