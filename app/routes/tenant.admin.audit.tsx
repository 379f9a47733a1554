import { data, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useLoaderData, useLocation, useParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { AdminFrame } from "~/components/admin/admin-frame";
import { AuditFilters, AuditTable } from "~/components/admin/audit-trail";
import { AUDIT_FILTER_RULES, auditFilterParams, parseAuditQuery } from "~/services/admin/audit-rules";
import { loadAuditPageFor } from "~/services/admin/audit.server";
import { requireMembership } from "~/services/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Audit trail · VMI Portal" }];

/** Administrators only: anyone else gets the 404 of an address that does not exist. */
export async function loader(args: LoaderFunctionArgs) {
  const membership = await requireMembership(args, ["admin"]);
  const { query, errors } = parseAuditQuery(new URL(args.request.url).searchParams);
  const page = await loadAuditPageFor(membership, query);
  const status = Object.keys(errors).length > 0 ? 400 : 200;
  return data({ ...page, query, errors, timezone: membership.tenant.timezone }, { status });
}

export default function AdminAudit() {
  const { t } = useTranslation();
  const { tenant = "" } = useParams();
  const location = useLocation();
  const { rows, people, older, query, errors, timezone } = useLoaderData<typeof loader>();
  const filters = auditFilterParams(query);
  const withFilters = (extra: Record<string, string>) => {
    const params = new URLSearchParams(filters);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    const text = params.toString();
    return text ? `?${text}` : location.pathname;
  };
  const filterText = filters.toString();
  const exportPath = `/t/${tenant}/admin/audit/export${filterText ? `?${filterText}` : ""}`;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50";
  return (
    <AdminFrame
      tenant={tenant}
      section="audit"
      heading={t("adminAudit.title")}
      actions={
        <a href={exportPath} className={link} download>
          {t("adminAudit.export")}
        </a>
      }
    >
      <div className="space-y-4">
        <p className="max-w-3xl text-sm text-slate-600">{t("adminAudit.intro")}</p>
        <AuditFilters query={query} errors={errors} people={people} rules={AUDIT_FILTER_RULES} clearTo={location.pathname} />
        <AuditTable rows={rows} tenant={tenant} timezone={timezone} />
        <nav aria-label={t("pagination.label")} className="flex items-center justify-end gap-2">
          {query.after ? (
            <Link to={withFilters({})} className={link}>
              {t("adminAudit.newest")}
            </Link>
          ) : null}
          {older ? (
            <Link to={withFilters({ after: older })} className={link} rel="next">
              {t("adminAudit.older")}
            </Link>
          ) : null}
        </nav>
      </div>
    </AdminFrame>
  );
}
