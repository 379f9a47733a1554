import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { LanguagePicker } from "~/components/language-picker";

/**
 * The frame of the pages reached before one is a member (set-up, invitation, forgotten password):
 * the portal's name, one heading, a card, the language picker. The heading is the page's h1.
 */
export function OnboardingFrame({
  title,
  intro,
  children,
  wide = false,
}: {
  title: string;
  intro?: React.ReactNode;
  children?: React.ReactNode;
  wide?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <main className="flex min-h-full flex-col justify-center px-6 py-12">
      <div className={`mx-auto w-full ${wide ? "max-w-xl" : "max-w-sm"}`}>
        <p className="text-center text-sm font-semibold tracking-wide text-indigo-600">{t("app.name")}</p>
        <h1 className="mt-2 text-center text-2xl font-bold tracking-tight">{title}</h1>
        {intro ? <p className="mt-2 text-center text-sm text-slate-600">{intro}</p> : null}
      </div>
      {children ? (
        <div
          className={`mx-auto mt-8 w-full ${wide ? "max-w-xl" : "max-w-sm"} rounded-xl border border-slate-200 bg-white p-6 shadow-sm`}
        >
          {children}
        </div>
      ) : null}
      <div className="mx-auto mt-6">
        <LanguagePicker />
      </div>
    </main>
  );
}

/** A link that cannot be used (unknown, spent, expired): what happened and where to go instead. */
export function LinkGone({ title, body, action }: { title: string; body: string; action?: { to: string; label: string } }) {
  const { t } = useTranslation();
  const next = action ?? { to: "/login", label: t("login.submit") };
  return (
    <OnboardingFrame title={title}>
      <p className="text-sm text-slate-700" role="status">
        {body}
      </p>
      <p className="mt-4 text-sm">
        <Link to={next.to} className="font-semibold text-indigo-700 hover:underline">
          {next.label}
        </Link>
      </p>
    </OnboardingFrame>
  );
}
