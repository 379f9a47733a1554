import { ErrorPage } from "~/components/error-page";

/** Any URL that matches no route. */
export function loader() {
  throw new Response("Not found", { status: 404 });
}

export function action() {
  throw new Response("Not found", { status: 404 });
}

export default function NotFound() {
  return <ErrorPage kind="not-found" />;
}

export function ErrorBoundary() {
  return <ErrorPage kind="not-found" />;
}
