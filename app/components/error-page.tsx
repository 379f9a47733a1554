import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

/** What a user sees for a missing page or a failure: a plain message, never a stack trace. */
export function ErrorPage({ kind }: { kind: "not-found" | "error" }) {
  const { t } = useTranslation();
  const notFound = kind === "not-found";
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">{notFound ? "404" : "500"}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">
        {notFound ? t("errors.notFoundTitle") : t("errors.errorTitle")}
      </h1>
      <p className="mt-4 text-slate-600">{notFound ? t("errors.notFoundBody") : t("errors.errorBody")}</p>
      <Link
        to="/"
        className="mt-8 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {t("errors.home")}
      </Link>
    </main>
  );
}
