import { Form, Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FilterSelect, filterControl } from "~/components/filter-select";
import { ErrorList } from "~/components/forms";
import { Button } from "~/components/ui/button";
import type { PeopleFormRules } from "~/services/admin/people-rules";

/** The people list's GET form: a search by name or e-mail, and the role (not on a team) and status. */
export function PeopleFilters({
  query,
  searchError,
  showRole,
  clearTo,
  rules,
}: {
  query: { q?: string; role?: string; status?: string };
  searchError: string | null;
  showRole: boolean;
  clearTo: string;
  rules: PeopleFormRules;
}) {
  const { t } = useTranslation();
  const hasFilters = Boolean(query.q || query.role || query.status);
  return (
    <Form method="get" role="search" aria-label={t("adminPeople.filters.label")} className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col">
        <label htmlFor="people-q" className="text-xs font-medium text-slate-600">
          {t("adminPeople.filters.search")}
        </label>
        <input
          id="people-q"
          type="search"
          name="q"
          defaultValue={query.q ?? ""}
          maxLength={100}
          aria-invalid={searchError ? true : undefined}
          aria-describedby={searchError ? "people-q-error" : undefined}
          className={filterControl}
        />
        <ErrorList id="people-q-error" errors={searchError ? [searchError] : []} />
      </div>
      {showRole ? (
        <FilterSelect
          name="role"
          label={t("adminPeople.filters.role")}
          value={query.role}
          allLabel={t("adminPeople.filters.allRoles")}
          options={rules.roles.map((role) => ({ value: role, label: t(`role.${role}`) }))}
        />
      ) : null}
      <FilterSelect
        name="status"
        label={t("adminPeople.filters.status")}
        value={query.status}
        allLabel={t("adminPeople.filters.allStatuses")}
        options={rules.statuses.map((status) => ({ value: status, label: t(`adminPeople.status.${status}`) }))}
      />
      <Button type="submit" variant="secondary" size="md">
        {t("adminPeople.filters.apply")}
      </Button>
      {hasFilters ? (
        <Link to={clearTo} className="text-sm text-indigo-700 hover:underline">
          {t("adminPeople.filters.clear")}
        </Link>
      ) : null}
    </Form>
  );
}
