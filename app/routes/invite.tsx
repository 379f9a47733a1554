import { type SubmissionResult, useForm } from "@conform-to/react";
import { getZodConstraint, parseWithZod } from "@conform-to/zod/v4";
import {
  type ActionFunctionArgs,
  data,
  type HeadersFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
  redirect,
} from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import {
  InvitationSummary,
  JoinButton,
  NewLoginForm,
  OtherLogin,
  SignInToJoinForm,
} from "~/components/onboarding/invitation-parts";
import { LinkGone, OnboardingFrame } from "~/components/onboarding/onboarding-frame";
import { sessionCookie } from "~/services/auth/cookie.server";
import { getUser } from "~/services/auth/guards.server";
import { InvitationSignInSchema, NewLoginSchema } from "~/services/onboarding/company-rules";
import type { AcceptResult, InvitationView } from "~/services/onboarding/invitations.server";
import { invitationPage, joinAsSignedIn, joinWithNewLogin, joinWithSignIn } from "~/services/onboarding/pages.server";
import { encodeMessage } from "~/utils/app-error";
import { badRequest, formErrorData } from "~/utils/responses.server";
import { redirectWithToast } from "~/utils/toast.server";

/**
 * /invite/:token — an invitation link: the company, the role (and supplier), and the way in that
 * fits: a new login, a sign-in with the invited address's login, or a Join button for that login
 * signed in. A link that names nothing is a 404; a used, expired or withdrawn one a 410 page.
 */

export const meta: MetaFunction = () => [
  { name: "robots", content: "noindex" },
  { name: "referrer", content: "no-referrer" },
];

export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader(args: LoaderFunctionArgs) {
  const user = await getUser(args);
  const view = await invitationPage(args.params.token ?? "", user ? { id: user.id, email: user.email } : null);
  const status = view.kind === "unknown" ? 404 : view.kind === "gone" ? 410 : 200;
  return data({ view }, { status });
}

const HIDDEN = ["password"];

export async function action(args: ActionFunctionArgs) {
  const token = args.params.token ?? "";
  const formData = await args.request.formData();
  const intent = formData.get("intent");
  const user = await getUser(args);
  let result: AcceptResult;
  if (intent === "accept") {
    if (!user) throw redirect(`/invite/${token}`);
    result = await joinAsSignedIn({ token, userId: user.id });
    return finish(args, token, result);
  }
  const schema = intent === "create" ? NewLoginSchema : intent === "sign-in" ? InvitationSignInSchema : null;
  if (!schema) throw badRequest();
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") return data(submission.reply({ hideFields: HIDDEN }), { status: 400 });
  try {
    const value = submission.value;
    result =
      value.intent === "create"
        ? await joinWithNewLogin({ token, name: value.name, password: value.password, clientAddress: args.context.clientAddress })
        : await joinWithSignIn({
            token,
            email: value.email,
            password: value.password,
            clientAddress: args.context.clientAddress,
          });
  } catch (error) {
    return formErrorData(error, submission, { hideFields: HIDDEN });
  }
  if (!result.ok && result.reason === "throttled") {
    const throttled = encodeMessage({ key: "login.throttled", params: { seconds: result.retryAfterSeconds } });
    return data(submission.reply({ formErrors: [throttled], hideFields: HIDDEN }), {
      status: 429,
      headers: { "Retry-After": String(result.retryAfterSeconds) },
    });
  }
  if (!result.ok && result.reason === "invalid") {
    return data(submission.reply({ fieldErrors: { password: ["onboarding.invite.wrongPassword"] }, hideFields: HIDDEN }), {
      status: 401,
    });
  }
  return finish(args, token, result);
}

/** Joined: into the company, signed in; otherwise the link's page says what it is now. */
function finish(args: ActionFunctionArgs, token: string, result: AcceptResult) {
  if (!result.ok) throw redirect(`/invite/${token}`);
  const headers = new Headers();
  if (result.session) {
    // A fresh session replaces whatever the request carried.
    args.context.state.cookies.length = 0;
    headers.append("Set-Cookie", sessionCookie(args.request, result.session.token, result.session.expiresAt));
  }
  return redirectWithToast(
    args.request,
    `/t/${result.slug}`,
    { key: "onboarding.invite.joined", params: { company: result.company.slice(0, 200) } },
    { headers },
  );
}

export default function Invite() {
  const { t } = useTranslation();
  const { view } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (view.kind === "unknown") return <LinkGone title={t("onboarding.invite.goneTitle")} body={t("onboarding.invite.unknown")} />;
  if (view.kind === "gone")
    return <LinkGone title={t("onboarding.invite.goneTitle")} body={t(`onboarding.invite.${view.state}`)} />;
  return <PendingInvitation view={view} lastResult={lastResult} />;
}

function PendingInvitation({
  view,
  lastResult,
}: {
  view: Extract<InvitationView, { kind: "pending" }>;
  lastResult?: SubmissionResult<string[]>;
}) {
  const { t } = useTranslation();
  const [createForm, createFields] = useForm({
    id: "invite-create",
    lastResult: view.mode === "new" ? lastResult : undefined,
    constraint: getZodConstraint(NewLoginSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: NewLoginSchema }),
    shouldValidate: "onSubmit",
  });
  const [signInForm, signInFields] = useForm({
    id: "invite-sign-in",
    lastResult: view.mode === "sign-in" ? lastResult : undefined,
    defaultValue: { email: view.email },
    constraint: getZodConstraint(InvitationSignInSchema),
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InvitationSignInSchema }),
    shouldValidate: "onSubmit",
  });
  return (
    <OnboardingFrame title={t("onboarding.invite.title", { company: view.company })}>
      <div className="space-y-6">
        <InvitationSummary view={view} />
        {view.mode === "new" ? <NewLoginForm form={createForm} fields={createFields} /> : null}
        {view.mode === "sign-in" ? <SignInToJoinForm form={signInForm} fields={signInFields} /> : null}
        {view.mode === "accept" ? <JoinButton view={view} /> : null}
        {view.mode === "other-account" ? <OtherLogin view={view} /> : null}
      </div>
    </OnboardingFrame>
  );
}
