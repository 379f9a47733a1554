import { type ChildProcess, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { type OwnedDatabase, openAsServer } from "@db/embedded/owner";
import { migrate } from "@db/migrate";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant, withUser } from "@db/scope";
import { randomBase58 } from "~/services/api/key-secret.server";
import { API_KEY_REFUSED_MESSAGE, authenticateApiKey, isApiKeyRefused, requireApiScope } from "~/services/api/keys.server";
import { createApiKey, createApiKeyForCompany, listApiKeys, revokeApiKey } from "~/services/api/manage-keys.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { addDays, todayIn } from "~/utils/dates";
import { failure } from "../support/errors";
import { createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * API keys: made by a company's administrators (or the command line), stored as their SHA-256
 * only, turned by a request's bearer token into the key's company and scopes; revoked and expired
 * keys refused; the rows readable and writable by the company's administrators alone.
 */

let handle: DatabaseHandle;
let db: Database;
const a = { id: "", slug: "" };
const b = { id: "", slug: "" };
let adminA: TenantScope;
let adminB: TenantScope;
let buyerA: TenantScope;
let managerA: TenantScope;
let supplierA: TenantScope;
const zone = { timezone: "Asia/Shanghai" };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  Object.assign(a, await createTenant(db, { slugPrefix: "keys-a" }));
  Object.assign(b, await createTenant(db, { slugPrefix: "keys-b" }));
  const scopeOf = async (tenantId: string, role: schema.Role, supplierId: string | null = null): Promise<TenantScope> => {
    const userId = await createUser(db, { label: `keys-${role}`, name: `Keys ${role}` });
    await createMembership(db, { tenantId, userId, role, supplierId });
    return { tenantId, supplierId, userId, role };
  };
  adminA = await scopeOf(a.id, "admin");
  adminB = await scopeOf(b.id, "admin");
  buyerA = await scopeOf(a.id, "buyer");
  managerA = await scopeOf(a.id, "manager");
  supplierA = await scopeOf(a.id, "supplier", await createSupplier(db, { tenantId: a.id, code: "SUP" }));
});

afterAll(async () => {
  await handle?.close();
});

const bearer = (key: string, scheme = "Bearer") =>
  new Request("http://localhost/api/v1/items", { headers: { Authorization: `${scheme} ${key}` } });

async function refusal(work: Promise<unknown>): Promise<unknown> {
  try {
    await work;
  } catch (error) {
    return error;
  }
  throw new Error("expected a refusal");
}

/** The key's row as the owner sees it (no row-level security). */
async function rowOf(keyId: string) {
  const [row] = await db.select().from(schema.apiKeys).where(eq(schema.apiKeys.id, keyId));
  return row;
}

describe("a key made by an administrator", () => {
  it("authenticates as its company with its scopes; only its SHA-256 is stored; the creation is audited", async () => {
    const created = await createApiKey(db, adminA, { name: "SAP production", scopes: ["items:write", "read"] }, zone);
    expect(created.key).toMatch(/^vmi_[1-9A-HJ-NP-Za-km-z]{40}$/);

    const caller = await authenticateApiKey(bearer(created.key), db);
    expect(caller).toEqual({
      keyId: created.id,
      tenantId: a.id,
      tenantSlug: a.slug,
      scopes: ["items:write", "read"],
      scope: { tenantId: a.id, supplierId: null, userId: null, role: "admin" },
    });
    expect((await authenticateApiKey(bearer(created.key, "bearer"), db)).tenantId).toBe(a.id);

    const row = await rowOf(created.id);
    expect(row).toMatchObject({
      tenantId: a.id,
      name: "SAP production",
      prefix: created.key.slice(0, 10),
      keySha256: createHash("sha256").update(created.key).digest("hex"),
      scopes: ["items:write", "read"],
      createdBy: adminA.userId,
      expiresAt: null,
      revokedAt: null,
    });
    // Nothing in the row, nor anywhere in the table, holds the key or its secret part.
    const everything = JSON.stringify(await db.select().from(schema.apiKeys));
    expect(everything).not.toContain(created.key.slice(4));
    expect(everything).not.toContain(created.key.slice(10));

    const audit = await db
      .select({ action: schema.auditEvents.action, actor: schema.auditEvents.actorUserId, after: schema.auditEvents.after })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.entityId, created.id));
    expect(audit).toEqual([
      {
        action: "api_key.create",
        actor: adminA.userId,
        after: { name: "SAP production", prefix: created.prefix, scopes: ["items:write", "read"], expiresAt: null },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(created.key.slice(10));

    const listed = (await listApiKeys(db, adminA)).find((k) => k.id === created.id);
    expect(listed).toMatchObject({
      name: "SAP production",
      prefix: created.prefix,
      createdByName: "Keys admin",
      lastUsedAt: expect.any(Date),
    });
  });

  it("never yields another company: each key gives its own, and another company's administrator cannot see or revoke it", async () => {
    const keyA = await createApiKey(db, adminA, { name: "A's ERP", scopes: ["read"] }, zone);
    const keyB = await createApiKey(db, adminB, { name: "B's ERP", scopes: ["read"] }, zone);
    expect((await authenticateApiKey(bearer(keyA.key), db)).tenantId).toBe(a.id);
    expect((await authenticateApiKey(bearer(keyB.key), db)).tenantId).toBe(b.id);
    const seenByB = (await listApiKeys(db, adminB)).map((k) => k.id);
    expect(seenByB).toContain(keyB.id);
    expect(seenByB).not.toContain(keyA.id);
    const refused = (await refusal(revokeApiKey(db, adminB, keyA.id))) as AppError;
    expect(isAppError(refused, "not_found")).toBe(true);
    expect((await authenticateApiKey(bearer(keyA.key), db)).tenantId).toBe(a.id);
  });

  it("refuses a revoked key on the next request, with the one message; revoking again changes nothing", async () => {
    const created = await createApiKey(db, adminA, { name: "Old middleware", scopes: ["facts:write"] }, zone);
    await authenticateApiKey(bearer(created.key), db);
    expect(await revokeApiKey(db, adminA, created.id)).toEqual({ changed: true, name: "Old middleware" });
    const refused = await refusal(authenticateApiKey(bearer(created.key), db));
    expect(isApiKeyRefused(refused) && refused.status).toBe(401);
    expect((refused as Error).message).toBe(API_KEY_REFUSED_MESSAGE);
    expect(await revokeApiKey(db, adminA, created.id)).toEqual({ changed: false, name: "Old middleware" });
    const actions = await db
      .select({ action: schema.auditEvents.action })
      .from(schema.auditEvents)
      .where(eq(schema.auditEvents.entityId, created.id));
    expect(actions.map((r) => r.action).sort()).toEqual(["api_key.create", "api_key.revoke"]);
    expect((await listApiKeys(db, adminA)).find((k) => k.id === created.id)?.revokedAt).toBeInstanceOf(Date);
  });

  it("works through its last day in the company's time zone and is refused after it", async () => {
    const today = todayIn(zone.timezone);
    const lastDayToday = await createApiKey(db, adminA, { name: "Ends today", scopes: ["read"], expires: today }, zone);
    expect((await authenticateApiKey(bearer(lastDayToday.key), db)).keyId).toBe(lastDayToday.id);
    // Made three days ago to work through the day before yesterday: expired since yesterday began.
    const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000);
    const expired = await createApiKey(
      db,
      adminA,
      { name: "Ended", scopes: ["read"], expires: addDays(today, -2) },
      { ...zone, now: threeDaysAgo },
    );
    expect(expired.expiresAt!.getTime()).toBeLessThan(Date.now());
    const refused = await refusal(authenticateApiKey(bearer(expired.key), db));
    expect((refused as Error).message).toBe(API_KEY_REFUSED_MESSAGE);
    const past = (await refusal(
      createApiKey(db, adminA, { name: "Too late", scopes: ["read"], expires: addDays(today, -1) }, zone),
    )) as AppError;
    expect(past.fieldErrors).toEqual({ expires: [{ key: "adminApiKeys.errors.expiresPast" }] });
  });

  it("refuses a missing header, another scheme, a malformed or unknown key alike", async () => {
    const created = await createApiKey(db, adminA, { name: "Scheme test", scopes: ["read"] }, zone);
    const requests = [
      new Request("http://localhost/api/v1/items"),
      bearer(created.key, "Basic"),
      bearer(`${created.key} ${created.key}`),
      bearer(created.key.slice(0, 20)),
      bearer(`vmi_${randomBase58(40)}`),
      bearer(created.key.toUpperCase()),
    ];
    for (const request of requests) {
      const refused = await refusal(authenticateApiKey(request, db));
      expect(isApiKeyRefused(refused), request.headers.get("Authorization") ?? "no header").toBe(true);
      expect((refused as Error).message).toBe(API_KEY_REFUSED_MESSAGE);
    }
  });

  it("records the last use, at most once a minute", async () => {
    const created = await createApiKey(db, adminA, { name: "Busy", scopes: ["read"] }, zone);
    expect((await rowOf(created.id)).lastUsedAt).toBeNull();
    await authenticateApiKey(bearer(created.key), db);
    const first = (await rowOf(created.id)).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await authenticateApiKey(bearer(created.key), db);
    expect((await rowOf(created.id)).lastUsedAt).toEqual(first);
    await db
      .update(schema.apiKeys)
      .set({ lastUsedAt: sql`now() - interval '2 minutes'` })
      .where(eq(schema.apiKeys.id, created.id));
    const backdated = (await rowOf(created.id)).lastUsedAt!;
    await authenticateApiKey(bearer(created.key), db);
    expect((await rowOf(created.id)).lastUsedAt!.getTime()).toBeGreaterThan(backdated.getTime() + 60_000);
  });

  it("a caller's scopes decide what it may do: a missing one is 403, named", async () => {
    const created = await createApiKey(db, adminA, { name: "Reader", scopes: ["read"] }, zone);
    const caller = await authenticateApiKey(bearer(created.key), db);
    expect(() => requireApiScope(caller, "read")).not.toThrow();
    let refused: unknown;
    try {
      requireApiScope(caller, "items:write");
    } catch (error) {
      refused = error;
    }
    expect(isAppError(refused, "forbidden") && refused.status).toBe(403);
    expect((refused as AppError).userMessage.params).toEqual({ scope: "items:write" });
  });

  it("the caller's scope writes as the company's administrators do, in its own company only", async () => {
    const created = await createApiKey(db, adminA, { name: "Writer", scopes: ["partners:write"] }, zone);
    const caller = await authenticateApiKey(bearer(created.key), db);
    await withTenant(db, caller.scope, (tx) =>
      tx.insert(schema.locations).values({ tenantId: a.id, code: `API-${created.id.slice(0, 6)}`, name: "From the API" }),
    );
    const intoB = await failure(
      withTenant(db, caller.scope, (tx) =>
        tx.insert(schema.locations).values({ tenantId: b.id, code: "API-X", name: "Elsewhere" }),
      ),
    );
    expect(intoB).toMatch(/row-level security/);
  });
});

describe("the api_keys rows", () => {
  let keyId: string;

  beforeAll(async () => {
    keyId = (await createApiKey(db, adminA, { name: "RLS probe", scopes: ["read"] }, zone)).id;
  });

  const visibleTo = (scope: TenantScope) =>
    withTenant(db, scope, (tx) => tx.select({ id: schema.apiKeys.id }).from(schema.apiKeys));
  const row = (tenantId: string) => ({
    tenantId,
    name: "Forged",
    prefix: "vmi_forged",
    keySha256: createHash("sha256").update(randomBase58(40)).digest("hex"),
    scopes: ["read"],
  });

  it("are read by the company's administrators only", async () => {
    expect((await visibleTo(adminA)).map((r) => r.id)).toContain(keyId);
    for (const scope of [buyerA, managerA, supplierA, adminB]) {
      expect(
        (await visibleTo(scope)).map((r) => r.id),
        scope.role ?? "",
      ).not.toContain(keyId);
    }
    for (const scope of [buyerA, managerA, supplierA]) expect(await visibleTo(scope), scope.role ?? "").toEqual([]);
    expect(await withUser(db, adminA.userId, (tx) => tx.select().from(schema.apiKeys))).toEqual([]);
  });

  it("are written by the company's administrators only", async () => {
    for (const scope of [buyerA, managerA, supplierA]) {
      expect(await failure(withTenant(db, scope, (tx) => tx.insert(schema.apiKeys).values(row(a.id))))).toMatch(
        /row-level security/,
      );
      const revoked = await withTenant(db, scope, (tx) =>
        tx.update(schema.apiKeys).set({ revokedAt: new Date() }).where(eq(schema.apiKeys.id, keyId)).returning(),
      );
      expect(revoked, scope.role ?? "").toEqual([]);
    }
    expect(await failure(withTenant(db, adminB, (tx) => tx.insert(schema.apiKeys).values(row(a.id))))).toMatch(
      /row-level security/,
    );
    expect((await rowOf(keyId)).revokedAt).toBeNull();
    const refused = (await refusal(createApiKey(db, buyerA, { name: "Buyer's", scopes: ["read"] }, zone))) as AppError;
    expect(isAppError(refused, "forbidden")).toBe(true);
    // The app role deletes none (a revoked key stays listed), not even the administrators.
    expect(await failure(withTenant(db, adminA, (tx) => tx.delete(schema.apiKeys).where(eq(schema.apiKeys.id, keyId))))).toMatch(
      /permission denied/,
    );
  });

  it("hold known scopes only", async () => {
    expect(await failure(db.insert(schema.apiKeys).values({ ...row(a.id), scopes: ["admin"] }))).toMatch(/api_keys_scopes_check/);
    expect(await failure(db.insert(schema.apiKeys).values({ ...row(a.id), scopes: [] }))).toMatch(/api_keys_scopes_check/);
  });
});

describe("npm run apikey:create", () => {
  let dataDir: string;
  let owner: OwnedDatabase | undefined;
  let slug: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "apikey-create-"));
  });

  afterAll(async () => {
    await owner?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Spawned, not spawnSync: the server in this process answers the command through its socket. */
  const cli = (...args: string[]) =>
    new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
      const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "db/cli.ts", "apikey:create", ...args], {
        env: { ...process.env, DATA_DIR: dataDir, SEED_DEMO: "off", DATABASE_URL: "" },
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (chunk) => (stdout += String(chunk)));
      child.stderr!.on("data", (chunk) => (stderr += String(chunk)));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("exit", (status) => {
        clearTimeout(timer);
        resolve({ status, stdout, stderr });
      });
    });

  it("refuses bad arguments with one line naming the problem and exit status 2", async () => {
    const unknownScope = await cli("--tenant", "acme", "--name", "ERP", "--scopes", "read,everything");
    expect(unknownScope.status).toBe(2);
    expect(unknownScope.stderr.trim()).toBe(
      '--scopes: "everything" is not a scope; the scopes are items:write, partners:write, agreements:write, facts:write, imports:write, read.',
    );
    const noName = await cli("--tenant", "acme");
    expect(noName.status).toBe(2);
    expect(noName.stderr.trim()).toBe("--name: Enter a name for the key.");
    const badDay = await cli("--tenant", "acme", "--name", "ERP", "--expires", "31.12.2027");
    expect(badDay.status).toBe(2);
    expect(badDay.stderr.trim()).toBe("--expires: Enter a date as YYYY-MM-DD.");
    const unknownOption = await cli("--tenant", "acme", "--name", "ERP", "--colour", "blue");
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr.trim().split("\n")).toHaveLength(1);
    expect(unknownOption.stderr).toMatch(/^Unknown option --colour\./);
  }, 120_000);

  it("prints a working key once through the running server's socket; an unknown company exits 1", async () => {
    owner = await openAsServer(dataDir, async () => ({}));
    await migrate(owner.handle);
    slug = (await createTenant(owner.handle.db, { slugPrefix: "cli-keys" })).slug;

    const made = await cli("--tenant", slug, "--name", "Integration platform", "--scopes", "facts:write,read");
    expect(made.status, made.stderr).toBe(0);
    expect(made.stdout).toContain("The portal is running: working through its database socket.");
    const key = /^API key: (vmi_\S+)$/m.exec(made.stdout)?.[1];
    expect(key).toMatch(/^vmi_[1-9A-HJ-NP-Za-km-z]{40}$/);
    expect(made.stdout).toContain(`Listed as ${key!.slice(0, 10)}…`);
    expect(made.stdout.split(key!)).toHaveLength(2);
    const caller = await authenticateApiKey(bearer(key!), owner.handle.db);
    expect(caller).toMatchObject({ tenantSlug: slug, scopes: ["facts:write", "read"] });
    const stored = rowsOf<{ key_sha256: string; created_by: string | null }>(
      await owner.handle.db.execute(sql`select key_sha256, created_by from api_keys where id = ${caller.keyId}::uuid`),
    );
    expect(stored).toEqual([{ key_sha256: createHash("sha256").update(key!).digest("hex"), created_by: null }]);

    const past = await cli("--tenant", slug, "--name", "Too late", "--expires", "2020-01-31");
    expect(past.status).toBe(2);
    expect(past.stderr.trim()).toBe("--expires: Choose today or a later day.");

    const unknown = await cli("--tenant", "no-such-company", "--name", "ERP");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.trim()).toBe('No company has the slug "no-such-company".');
  }, 180_000);
});

describe("making a key for a company by its slug", () => {
  it("defaults to the company's own time zone for the last day, and refuses an unknown slug", async () => {
    const made = await createApiKeyForCompany(db, a.slug, { name: "By slug", scopes: ["read"], expires: "2099-12-31" });
    // Asia/Shanghai (the schema's default zone): the day ends at 16:00 UTC.
    expect(made.expiresAt?.toISOString()).toBe("2099-12-31T16:00:00.000Z");
    expect(made.tenantSlug).toBe(a.slug);
    expect(
      isAppError(await refusal(createApiKeyForCompany(db, "no-such-company", { name: "x", scopes: ["read"] })), "not_found"),
    ).toBe(true);
  });
});
