import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { schema } from "@db/client";
import { rowsOf } from "@db/rows";
import { withTenant } from "@db/scope";
import { createTenant } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/** Plan and ASN numbers past the five digits of RP-/ASN-YYYY-NNNNN keep every digit instead of repeating one. */
let handle: DatabaseHandle;
const tenantId = randomUUID();

beforeAll(async () => {
  handle = await openTestDatabase();
  await createTenant(handle.db, { id: tenantId, slugPrefix: "numbers", name: "Numbers" });
  await handle.db.insert(schema.planCounters).values({ tenantId, year: 2031, lastNumber: 99_998 });
  await handle.db.insert(schema.asnCounters).values({ tenantId, year: 2031, lastNumber: 99_998 });
});
afterAll(async () => {
  await handle?.close();
});

describe("next_plan_number", () => {
  it("gives RP-2031-99999, then RP-2031-100000 and RP-2031-100001", async () => {
    const next = () =>
      withTenant(
        handle.db,
        { tenantId, supplierId: null, userId: null },
        async (tx) => rowsOf<{ n: string }>(await tx.execute(sql`select next_plan_number(2031) as n`))[0].n,
      );
    expect([await next(), await next(), await next()]).toEqual(["RP-2031-99999", "RP-2031-100000", "RP-2031-100001"]);
  });
});

describe("next_asn_number", () => {
  it("gives ASN-2031-99999, then ASN-2031-100000 and ASN-2031-100001", async () => {
    const next = () =>
      withTenant(
        handle.db,
        { tenantId, supplierId: null, userId: null },
        async (tx) => rowsOf<{ n: string }>(await tx.execute(sql`select next_asn_number(2031) as n`))[0].n,
      );
    expect([await next(), await next(), await next()]).toEqual(["ASN-2031-99999", "ASN-2031-100000", "ASN-2031-100001"]);
  });
});
