import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { openTestDatabase } from "../support/test-database";
import { type CatalogReport, type Queryable, checkRlsCatalog, tenantTables } from "./support/rls-catalog";

/** The tables that exist today; more may follow, and the check covers them automatically. */
const EXPECTED_TENANT_TABLES = [
  "agreements",
  "audit_events",
  "consumption",
  "invitations",
  "items",
  "locations",
  "memberships",
  "stock_snapshots",
  "suppliers",
  "tenants",
];

let handle: DatabaseHandle;

beforeAll(async () => {
  handle = await openTestDatabase();
});

afterAll(async () => {
  await handle?.close();
});

class Rollback extends Error {}

/**
 * Breaks the database inside a transaction, runs the catalog check there, and rolls everything
 * back (DDL is transactional in PostgreSQL), so other tests, which may share the server database,
 * never see the damage.
 */
async function checkAfter(damage: (tx: Queryable) => Promise<void>): Promise<CatalogReport> {
  let report: CatalogReport | undefined;
  await expect(
    handle.db.transaction(async (tx) => {
      await damage(tx);
      report = await checkRlsCatalog(tx);
      throw new Rollback();
    }),
  ).rejects.toBeInstanceOf(Rollback);
  if (!report) throw new Error("the check did not run");
  return report;
}

describe("row-level security catalog check", () => {
  it("finds no problem in the migrated database", async () => {
    const report = await checkRlsCatalog(handle.db);
    expect(report.problems).toEqual([]);
  });

  it("looked at every tenant table, so it cannot pass vacuously", async () => {
    const report = await checkRlsCatalog(handle.db);
    expect(report.tablesChecked).toEqual(expect.arrayContaining(EXPECTED_TENANT_TABLES));
    // Global tables carry no tenant_id and are not tenant tables.
    expect(report.tablesChecked).not.toContain("users");
    expect(report.tablesChecked).not.toContain("sessions");
    const tables = await tenantTables(handle.db);
    for (const t of tables) {
      expect.soft(t, t.name).toMatchObject({ rowSecurity: true, forceRowSecurity: true });
      expect.soft(t.policies.length, `${t.name} policies`).toBeGreaterThan(0);
    }
  });

  it("reports a table whose policy was dropped", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`drop policy agreements_read on agreements`);
      await tx.execute(sql`drop policy agreements_buyer_write on agreements`);
    });
    expect(report.problems).toEqual(["table agreements: has no row level security policy"]);
  });

  it("reports the users table when the app role could read every user", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter table users disable row level security`);
    });
    expect(report.problems).toEqual(["table users: row level security is not enabled"]);
    const noPolicy = await checkAfter(async (tx) => {
      await tx.execute(sql`drop policy sessions_own on sessions`);
    });
    expect(noPolicy.problems).toEqual(["table sessions: has no row level security policy"]);
  });

  it("reports a table whose row security is no longer forced", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter table stock_snapshots no force row level security`);
    });
    expect(report.problems).toEqual(["table stock_snapshots: row level security is not forced (owner bypasses it)"]);
  });

  it("reports a table whose row security was disabled", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter table suppliers disable row level security`);
    });
    expect(report.problems).toEqual(["table suppliers: row level security is not enabled"]);
  });

  it("reports tenants itself, although it has no tenant_id column", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter table tenants no force row level security`);
      await tx.execute(sql`alter table tenants disable row level security`);
      await tx.execute(sql`drop policy tenants_member_read on tenants`);
      await tx.execute(sql`drop policy tenants_own_update on tenants`);
    });
    expect(report.problems).toEqual([
      "table tenants: row level security is not enabled",
      "table tenants: row level security is not forced (owner bypasses it)",
      "table tenants: has no row level security policy",
    ]);
  });

  it("covers a new tenant table automatically", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`create table zz_new_tenant_table (tenant_id uuid not null, id uuid primary key)`);
    });
    expect(report.tablesChecked).toContain("zz_new_tenant_table");
    expect(report.problems).toEqual([
      "table zz_new_tenant_table: row level security is not enabled",
      "table zz_new_tenant_table: row level security is not forced (owner bypasses it)",
      "table zz_new_tenant_table: has no row level security policy",
    ]);
  });

  it("reports a view that reads tenant rows with its owner's rights", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`create view zz_agreements_view as select tenant_id, id from agreements`);
    });
    expect(report.problems).toEqual([
      "view zz_agreements_view: exposes tenant_id rows without security_invoker (RLS is bypassed)",
    ]);
  });

  it("reports an app role that can bypass row security", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter role vmi_app bypassrls`);
    });
    expect(report.problems).toEqual(["role vmi_app has BYPASSRLS"]);
  });

  it("reports an app role that is a superuser, inherits one, or is missing", async () => {
    const superuser = await checkAfter(async (tx) => {
      await tx.execute(sql`alter role vmi_app superuser`);
    });
    // A superuser also holds every privilege, so the privilege problems follow; the cause comes first.
    expect(superuser.problems[0]).toBe("role vmi_app is a superuser");
    expect(superuser.problems).toContain("role vmi_app may DELETE audit_events (audit trail must be append-only)");
    const member = await checkAfter(async (tx) => {
      await tx.execute(sql`create role zz_bypass nologin bypassrls`);
      await tx.execute(sql`grant zz_bypass to vmi_app`);
    });
    expect(member.problems).toEqual(["role vmi_app is a member of zz_bypass (BYPASSRLS)"]);
    const missing = await checkAfter(async (tx) => {
      await tx.execute(sql.raw(`alter role vmi_app rename to zz_vmi_app_${process.pid}`));
    });
    expect(missing.problems).toEqual(["role vmi_app is missing"]);
  });

  it("reports an app role that owns a table or may truncate one", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`alter table locations owner to vmi_app`);
    });
    expect(report.problems).toEqual(expect.arrayContaining(["role vmi_app owns public.locations (owners can disable RLS)"]));
    const truncate = await checkAfter(async (tx) => {
      await tx.execute(sql`grant truncate on consumption to vmi_app`);
    });
    expect(truncate.problems).toEqual(["role vmi_app may TRUNCATE consumption (TRUNCATE ignores RLS)"]);
  });

  it("reports an audit trail the app role may change", async () => {
    const report = await checkAfter(async (tx) => {
      await tx.execute(sql`grant update, delete on audit_events to vmi_app`);
    });
    expect(report.problems).toEqual([
      "role vmi_app may UPDATE audit_events (audit trail must be append-only)",
      "role vmi_app may DELETE audit_events (audit trail must be append-only)",
    ]);
    const column = await checkAfter(async (tx) => {
      await tx.execute(sql`grant update (action) on audit_events to vmi_app`);
    });
    expect(column.problems).toEqual(["role vmi_app may UPDATE audit_events (audit trail must be append-only)"]);
  });

  it("leaves the database as it found it after the scratch transactions", async () => {
    const report = await checkRlsCatalog(handle.db);
    expect(report.problems).toEqual([]);
  });
});
