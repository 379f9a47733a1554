import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface ToastView {
  id: string;
  type: "success" | "info" | "error";
  key: string;
  params?: Record<string, string | number>;
}

const tone: Record<ToastView["type"], string> = {
  success: "border-emerald-300 bg-emerald-50 text-emerald-900",
  info: "border-slate-300 bg-white text-slate-900",
  error: "border-red-300 bg-red-50 text-red-900",
};

/**
 * The one place feedback after a mutation appears: the toast the server read from the flash
 * cookie, in the reader's language. The live region is always in the page, so that screen readers
 * announce a toast when it appears; it stays until dismissed or until the next page.
 */
export function Toaster({ toast }: { toast: ToastView | null }) {
  const { t } = useTranslation();
  const [dismissed, setDismissed] = useState<string | null>(null);
  useEffect(() => setDismissed(null), [toast?.id]);
  const shown = toast && toast.id !== dismissed ? toast : null;
  return (
    <section
      aria-label={t("toast.region")}
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex justify-center px-4 sm:justify-end"
    >
      <div role={shown?.type === "error" ? "alert" : "status"} aria-live={shown?.type === "error" ? "assertive" : "polite"}>
        {shown ? (
          <div
            data-testid="toast"
            data-toast-type={shown.type}
            className={`pointer-events-auto flex max-w-md items-start gap-3 rounded-md border p-3 text-sm shadow-lg ${tone[shown.type]}`}
          >
            <p className="flex-1">{t(shown.key, shown.params)}</p>
            <button
              type="button"
              onClick={() => setDismissed(shown.id)}
              className="rounded px-1 text-base leading-none opacity-70 hover:opacity-100 focus-visible:outline-2 focus-visible:outline-indigo-600"
              aria-label={t("toast.dismiss")}
            >
              <span aria-hidden="true">×</span>
            </button>
          </div>
        ) : null}
      </div>
    </section>
  );
}
