import { type SQL, sql } from "drizzle-orm";
import type { Database } from "@db/client";
import { rowsOf } from "@db/rows";

/** Anything that runs SQL: the database handle or a transaction. */
export interface Queryable {
  execute: Database["execute"];
}

export const APP_ROLE = "vmi_app";
/** Tables without tenant_id that still must never be read wholesale by the app role. */
export const GUARDED_GLOBAL_TABLES = ["sessions", "users"] as const;

/** Runs a query and returns its rows, whichever driver (PGlite: `{ rows }`, postgres.js: an array). */
export async function queryRows<T extends Record<string, unknown>>(q: Queryable, query: SQL): Promise<T[]> {
  return rowsOf<T>(await q.execute(query));
}

export interface TenantTable {
  name: string;
  rowSecurity: boolean;
  forceRowSecurity: boolean;
  policies: string[];
  owner: string;
  /** Whether the app role may SELECT from it at all (plan_counters: only through a function). */
  appCanSelect: boolean;
}

/**
 * The tables that row-level security must guard: every table or partitioned table in schema public
 * with a `tenant_id` column, plus `tenants` itself. Sorted by name.
 */
export async function tenantTables(q: Queryable): Promise<TenantTable[]> {
  const rows = await queryRows<{
    name: string;
    row_security: boolean;
    force_row_security: boolean;
    policies: string[] | string | null;
    owner: string;
    app_can_select: boolean;
  }>(
    q,
    sql`select c.relname::text as name,
               c.relrowsecurity as row_security,
               c.relforcerowsecurity as force_row_security,
               coalesce((select array_agg(p.polname::text order by p.polname)
                           from pg_catalog.pg_policy p where p.polrelid = c.oid), '{}') as policies,
               pg_catalog.pg_get_userbyid(c.relowner)::text as owner,
               (exists (select 1 from pg_catalog.pg_roles where rolname = ${APP_ROLE})
                and pg_catalog.has_table_privilege(${APP_ROLE}, c.oid, 'SELECT')) as app_can_select
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public'
           and c.relkind in ('r', 'p')
           and (c.relname = 'tenants'
                or exists (select 1 from pg_catalog.pg_attribute a
                            where a.attrelid = c.oid and a.attname = 'tenant_id'
                              and a.attnum > 0 and not a.attisdropped))
         order by c.relname`,
  );
  return rows.map((r) => ({
    name: r.name,
    rowSecurity: r.row_security,
    forceRowSecurity: r.force_row_security,
    policies: parsePgArray(r.policies),
    owner: r.owner,
    appCanSelect: r.app_can_select,
  }));
}

export interface CatalogReport {
  /** Human-readable problems; empty when the database is sound. */
  problems: string[];
  /** The tenant tables that were checked (so a caller can tell the check was not vacuous). */
  tablesChecked: string[];
}

/**
 * Reads pg_catalog and lists every way in which row-level security could fail to isolate tenants:
 * a tenant table without ENABLE / FORCE row security or without a policy, a view over tenant data
 * that runs with its owner's rights, an app role that is missing, a superuser, able to bypass RLS
 * (itself or through a role it may switch to), owning a relation, able to TRUNCATE a tenant table
 * (TRUNCATE ignores RLS), or able to UPDATE or DELETE the append-only audit trail.
 */
export async function checkRlsCatalog(q: Queryable): Promise<CatalogReport> {
  const problems: string[] = [];
  const tables = await tenantTables(q);

  for (const t of tables) {
    if (!t.rowSecurity) problems.push(`table ${t.name}: row level security is not enabled`);
    if (!t.forceRowSecurity) problems.push(`table ${t.name}: row level security is not forced (owner bypasses it)`);
    if (t.policies.length === 0) problems.push(`table ${t.name}: has no row level security policy`);
  }

  // Global tables that hold secrets: the app role must be bound to the signed-in user's rows.
  // (Not FORCEd: the owner's security-definer sign-in look-ups read them; see migration 0003.)
  const globals = await queryRows<{ name: string; row_security: boolean; policies: number }>(
    q,
    sql`select c.relname::text as name, c.relrowsecurity as row_security,
               (select count(*)::int from pg_catalog.pg_policy p where p.polrelid = c.oid) as policies
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relname in ('users', 'sessions')
         order by c.relname`,
  );
  for (const name of GUARDED_GLOBAL_TABLES) {
    const table = globals.find((g) => g.name === name);
    if (!table) problems.push(`table ${name} is missing`);
    else if (!table.row_security) problems.push(`table ${name}: row level security is not enabled`);
    else if (Number(table.policies) === 0) problems.push(`table ${name}: has no row level security policy`);
  }

  // A view over tenant data runs as its owner unless security_invoker is set, so RLS would not apply.
  const views = await queryRows<{ name: string }>(
    q,
    sql`select c.relname::text as name
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind in ('v', 'm')
           and exists (select 1 from pg_catalog.pg_attribute a
                        where a.attrelid = c.oid and a.attname = 'tenant_id'
                          and a.attnum > 0 and not a.attisdropped)
           and not (c.relkind = 'v' and coalesce(c.reloptions, '{}') && array['security_invoker=true', 'security_invoker=on', 'security_invoker=1'])
         order by c.relname`,
  );
  for (const v of views) problems.push(`view ${v.name}: exposes tenant_id rows without security_invoker (RLS is bypassed)`);

  const role = await queryRows<{ oid: unknown; rolsuper: boolean; rolbypassrls: boolean }>(
    q,
    sql`select oid, rolsuper, rolbypassrls from pg_catalog.pg_roles where rolname = ${APP_ROLE}`,
  );
  if (role.length === 0) {
    problems.push(`role ${APP_ROLE} is missing`);
    return { problems, tablesChecked: tables.map((t) => t.name) };
  }
  if (role[0].rolsuper) problems.push(`role ${APP_ROLE} is a superuser`);
  if (role[0].rolbypassrls) problems.push(`role ${APP_ROLE} has BYPASSRLS`);

  const powerful = await queryRows<{ name: string; rolsuper: boolean; rolbypassrls: boolean }>(
    q,
    sql`select r.rolname::text as name, r.rolsuper, r.rolbypassrls
          from pg_catalog.pg_roles r
         where r.rolname <> ${APP_ROLE} and (r.rolsuper or r.rolbypassrls)
           and pg_catalog.pg_has_role(${APP_ROLE}, r.oid, 'MEMBER')
         order by r.rolname`,
  );
  for (const r of powerful) {
    problems.push(`role ${APP_ROLE} is a member of ${r.name} (${r.rolsuper ? "superuser" : "BYPASSRLS"})`);
  }

  const owned = await queryRows<{ name: string; kind: string }>(
    q,
    sql`select n.nspname::text || '.' || c.relname::text as name, c.relkind::text as kind
          from pg_catalog.pg_class c
          join pg_catalog.pg_namespace n on n.oid = c.relnamespace
          join pg_catalog.pg_roles r on r.oid = c.relowner
         where r.rolname = ${APP_ROLE} and c.relkind in ('r', 'p', 'v', 'm', 'f', 'S')
         order by 1`,
  );
  for (const o of owned) problems.push(`role ${APP_ROLE} owns ${o.name} (owners can disable RLS)`);

  for (const t of tables) {
    const [{ truncate }] = await queryRows<{ truncate: boolean }>(
      q,
      sql`select pg_catalog.has_table_privilege(${APP_ROLE}, ${`public.${quoteIdent(t.name)}`}, 'TRUNCATE') as truncate`,
    );
    if (truncate) problems.push(`role ${APP_ROLE} may TRUNCATE ${t.name} (TRUNCATE ignores RLS)`);
  }

  if (tables.some((t) => t.name === "audit_events")) {
    const [audit] = await queryRows<{ can_update: boolean; can_delete: boolean }>(
      q,
      sql`select pg_catalog.has_any_column_privilege(${APP_ROLE}, 'public.audit_events', 'UPDATE') as can_update,
                 pg_catalog.has_table_privilege(${APP_ROLE}, 'public.audit_events', 'DELETE') as can_delete`,
    );
    if (audit.can_update) problems.push(`role ${APP_ROLE} may UPDATE audit_events (audit trail must be append-only)`);
    if (audit.can_delete) problems.push(`role ${APP_ROLE} may DELETE audit_events (audit trail must be append-only)`);
  } else {
    problems.push("table audit_events is missing");
  }

  return { problems, tablesChecked: tables.map((t) => t.name) };
}

function quoteIdent(name: string) {
  return `"${name.replaceAll('"', '""')}"`;
}

/** postgres.js and PGlite return name[] as a JS array; be lenient with the text form `{a,b}`. */
function parsePgArray(value: string[] | string | null): string[] {
  if (value == null) return [];
  if (Array.isArray(value)) return value;
  const inner = value.replace(/^\{|\}$/g, "");
  return inner === "" ? [] : inner.split(",").map((s) => s.replace(/^"|"$/g, ""));
}
