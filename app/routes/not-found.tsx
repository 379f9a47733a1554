import { ErrorPage } from "~/components/error-page";
import { notFound } from "~/utils/responses.server";

/** Any URL that matches no route. */
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return <ErrorPage kind="not-found" />;
}

export function ErrorBoundary() {
  return <ErrorPage kind="not-found" />;
}
