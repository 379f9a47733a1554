import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { buttonClass } from "~/components/ui/button";

/**
 * The agreement page's actions: a supplier plans it; the buyer's side edits or ends it. An ended
 * agreement takes none of them, and says so.
 */
export function AgreementActions({
  tenant,
  agreementId,
  ended,
  isSupplier,
  canEdit,
}: {
  tenant: string;
  agreementId: string;
  ended: boolean;
  isSupplier: boolean;
  canEdit: boolean;
}) {
  const { t } = useTranslation();
  if (ended) return null;
  const base = `/t/${tenant}`;
  return (
    <div className="flex flex-wrap gap-2">
      {isSupplier ? (
        <Link to={`${base}/plans/new?agreement=${agreementId}`} className={buttonClass("primary", "md")}>
          {t("agreement.planThis")}
        </Link>
      ) : null}
      {canEdit ? (
        <Link to={`${base}/inventory/${agreementId}/edit`} className={buttonClass("primary", "md")}>
          {t("agreement.editThis")}
        </Link>
      ) : null}
      {canEdit ? (
        <Link to={`${base}/inventory/${agreementId}/end`} className={buttonClass("danger-outline", "md")}>
          {t("agreement.end.link")}
        </Link>
      ) : null}
    </div>
  );
}

/** The notice of an ended agreement, under its title. */
export function EndedNotice() {
  const { t } = useTranslation();
  return (
    <p role="status" data-agreement-status="ended" className="mt-3 rounded-md border border-slate-300 bg-slate-50 p-3 text-sm">
      {t("agreement.end.endedNotice")}
    </p>
  );
}
