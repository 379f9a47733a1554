import { Link } from "@remix-run/react";
import { createContext, useContext, useState } from "react";
import { useTranslation } from "react-i18next";

/** The id of the request the server is answering; the browser has no provider. */
const RequestIdContext = createContext<string | undefined>(undefined);
export const RequestIdProvider = RequestIdContext.Provider;

/**
 * The id of the failed request, to quote to an administrator (the logs carry it). The server
 * renders it; the browser, hydrating that page, reads back what the server rendered. A failure
 * met later in the browser, on a client-side navigation, has no id here rather than a wrong one.
 */
function useFailedRequestId() {
  const fromServer = useContext(RequestIdContext);
  const [id] = useState(
    () =>
      fromServer ??
      (typeof document === "undefined" ? undefined : document.querySelector<HTMLElement>("[data-request-id]")?.dataset.requestId),
  );
  return id;
}

/** What a user sees for a missing page or a failure: a plain message, never a stack trace. */
export function ErrorPage({ kind }: { kind: "not-found" | "error" }) {
  const { t } = useTranslation();
  const requestId = useFailedRequestId();
  const notFound = kind === "not-found";
  return (
    <main className="mx-auto flex min-h-[60vh] max-w-xl flex-col items-center justify-center px-6 text-center">
      <p className="text-sm font-semibold text-indigo-600">{notFound ? "404" : "500"}</p>
      <h1 className="mt-2 text-3xl font-bold tracking-tight">{notFound ? t("errors.notFoundTitle") : t("errors.errorTitle")}</h1>
      <p className="mt-4 text-slate-600">{notFound ? t("errors.notFoundBody") : t("errors.errorBody")}</p>
      {!notFound && requestId ? (
        <p className="mt-4 text-sm text-slate-500">
          {t("errors.reference")}{" "}
          <code data-request-id={requestId} className="font-mono text-slate-700">
            {requestId}
          </code>
        </p>
      ) : null}
      <Link
        to="/"
        className="mt-8 rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600"
      >
        {t("errors.home")}
      </Link>
    </main>
  );
}
