import { data, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorPage } from "~/components/error-page";
import { useNonce } from "~/components/nonce";
import { Toaster } from "~/components/toaster";
import { fallbackLanguage } from "~/i18n";
import { resolveLocale, serverI18n } from "~/i18next.server";
import { getUser } from "~/services/auth/guards.server";
import stylesheet from "~/tailwind.css?url";
import { getToast } from "~/utils/toast.server";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.appName ?? "VMI Portal" }];

export async function loader(args: LoaderFunctionArgs) {
  const user = await getUser(args);
  const locale = await resolveLocale(args.request, user?.locale);
  const t = (await serverI18n(locale)).getFixedT(locale);
  const { toast, headers } = getToast(args.request);
  return data({ locale, appName: t("app.name"), user: user ? { name: user.name, email: user.email } : null, toast }, { headers });
}

export function Layout({ children }: { children: React.ReactNode }) {
  const data = useRouteLoaderData<typeof loader>("root");
  const nonce = useNonce();
  const lang = data?.locale ?? fallbackLanguage;
  return (
    <html lang={lang} className="h-full bg-slate-50">
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body className="h-full font-sans text-slate-900 antialiased">
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  const { locale, toast } = useLoaderData<typeof loader>();
  const { i18n } = useTranslation();
  // Keep the browser's i18next on the language the server rendered (after a switch, say).
  if (i18n.language !== locale) void i18n.changeLanguage(locale);
  return (
    <>
      <Outlet />
      <Toaster toast={toast} />
    </>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  if (isRouteErrorResponse(error) && error.status === 404) return <ErrorPage kind="not-found" />;
  return <ErrorPage kind="error" />;
}
