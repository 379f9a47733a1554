import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import type { loader as rootLoader } from "~/root";

/**
 * What the last decision on the plan did, at the top of the page where the buyer looks after
 * pressing a button at the bottom of a long review: the message the toast carries, in a status
 * region that takes the focus (and so the scroll) when it appears.
 */
export function PlanOutcome() {
  const { t } = useTranslation();
  const toast = useRouteLoaderData<typeof rootLoader>("root")?.toast ?? null;
  const ref = useRef<HTMLDivElement>(null);
  const shown = toast && /^(approvals\.done|plans\.page)\./.test(toast.key) ? toast : null;
  useEffect(() => {
    if (shown) ref.current?.focus();
  }, [shown?.id]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!shown) return null;
  return (
    <div
      ref={ref}
      tabIndex={-1}
      role="status"
      data-testid="plan-outcome"
      className="rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm font-medium text-emerald-900 focus:outline-2 focus:outline-indigo-600"
    >
      {t(shown.key, shown.params)}
    </div>
  );
}
