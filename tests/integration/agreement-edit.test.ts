import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { withTenant } from "@db/scope";
import { lockAgreementTerms, updateAgreementTerms } from "~/models/agreements.server";
import { updateAgreement } from "~/services/agreements/index.server";
import type { AgreementTerms } from "~/services/agreements/terms";
import { AppError } from "~/utils/app-error";
import { openTestDatabase } from "../support/test-database";
import { A1_TERMS, type AgreementFixture, auditOf, createAgreementFixture, readAgreement } from "./support/agreement-fixture";

let handle: DatabaseHandle;
let db: Database;
let f: AgreementFixture;

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  f = await createAgreementFixture(db);
});

afterAll(async () => {
  await handle?.close();
});

/** a1's terms and version as they stand, so that each test starts from where the last one left it. */
async function current(agreementId = f.agreements.a1) {
  const row = await readAgreement(db, f.scopes.buyer, agreementId);
  const terms: AgreementTerms = {
    minQty: row.minQty,
    maxQty: row.maxQty,
    leadTimeDays: row.leadTimeDays,
    leadTimeSdDays: row.leadTimeSdDays,
    moq: row.moq,
    packSize: row.packSize,
    reviewPeriodDays: row.reviewPeriodDays,
  };
  return { terms, version: row.version };
}

/** Message keys by field, as an AppError carries them (messages without values). */
const messagesOf = (fieldErrors: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(fieldErrors).map(([field, keys]) => [field, keys.map((key) => ({ key }))]));

/** The error a call throws (fails the test when it does not throw). */
async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

describe("a buyer edits an agreement", () => {
  it("writes the new terms, raises the version by one and audits only the changed fields", async () => {
    const { terms, version } = await current();
    expect(terms).toEqual(A1_TERMS);
    const result = await updateAgreement(db, f.scopes.buyer, {
      agreementId: f.agreements.a1,
      version,
      terms: { ...terms, minQty: 20, maxQty: 60, leadTimeDays: 4.5 },
    });
    expect(result).toEqual({ agreementId: f.agreements.a1, version: version + 1, changed: ["minQty", "maxQty", "leadTimeDays"] });
    const after = await current();
    expect(after.version).toBe(version + 1);
    expect(after.terms).toEqual({ ...A1_TERMS, minQty: 20, maxQty: 60, leadTimeDays: 4.5 });

    const audit = (await auditOf(db, f.scopes.buyer, f.agreements.a1)).filter((a) => a.action === "agreement.update");
    expect(audit.at(-1)).toEqual({
      action: "agreement.update",
      entityType: "agreement",
      actorUserId: f.users.buyer,
      before: { minQty: 10, maxQty: 40, leadTimeDays: 3, version },
      after: { minQty: 20, maxQty: 60, leadTimeDays: 4.5, version: version + 1 },
    });
  });

  it("lets admins and managers edit too (every buyer role)", async () => {
    const { terms, version } = await current();
    const result = await updateAgreement(db, f.scopes.manager, {
      agreementId: f.agreements.a1,
      version,
      terms: { ...terms, moq: terms.moq + 1 },
    });
    expect(result.changed).toEqual(["moq"]);
    expect((await current()).terms.moq).toBe(terms.moq + 1);
  });

  it("writes nothing for a save that changes nothing (not even a value that rounds to the stored one)", async () => {
    const { terms, version } = await current();
    const auditBefore = await auditOf(db, f.scopes.buyer, f.agreements.a1);
    const result = await updateAgreement(db, f.scopes.buyer, {
      agreementId: f.agreements.a1,
      version,
      terms: { ...terms, minQty: terms.minQty + 0.00001 },
    });
    expect(result).toEqual({ agreementId: f.agreements.a1, version, changed: [] });
    expect((await current()).version).toBe(version);
    expect(await auditOf(db, f.scopes.buyer, f.agreements.a1)).toHaveLength(auditBefore.length);
  });

  it("refuses a stale version with a 409 and writes nothing", async () => {
    const { terms, version } = await current();
    const auditBefore = await auditOf(db, f.scopes.buyer, f.agreements.a1);
    // Another buyer saves first.
    await updateAgreement(db, f.scopes.buyer2, { agreementId: f.agreements.a1, version, terms: { ...terms, packSize: 10 } });
    const error = await errorOf(
      updateAgreement(db, f.scopes.buyer, { agreementId: f.agreements.a1, version, terms: { ...terms, minQty: 1, maxQty: 2 } }),
    );
    expect(error).toBeInstanceOf(AppError);
    // With the edit form's message, which asks to reload.
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      reason: "stale",
      userMessage: { key: "agreement.edit.conflict" },
    });
    const after = await current();
    expect(after.version).toBe(version + 1);
    expect(after.terms).toEqual({ ...terms, packSize: 10 });
    expect(await auditOf(db, f.scopes.buyer, f.agreements.a1)).toHaveLength(auditBefore.length + 1);
  });

  it("of two saves of the same version at once, exactly one wins", async () => {
    const { terms, version } = await current();
    const results = await Promise.allSettled([
      updateAgreement(db, f.scopes.buyer, { agreementId: f.agreements.a1, version, terms: { ...terms, reviewPeriodDays: 14 } }),
      updateAgreement(db, f.scopes.buyer2, { agreementId: f.agreements.a1, version, terms: { ...terms, reviewPeriodDays: 21 } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected).toHaveLength(1);
    expect(rejected[0].reason).toMatchObject({ code: "conflict", status: 409, reason: "stale" });
    expect((await current()).version).toBe(version + 1);
  });
});

describe("validation: every error names its field, nothing is written", () => {
  const cases: [string, Partial<AgreementTerms>, Record<string, string[]>][] = [
    ["a negative min", { minQty: -1 }, { minQty: ["agreement.errors.minQty.range"] }],
    ["a max below the min", { minQty: 50, maxQty: 49 }, { maxQty: ["agreement.errors.maxQty.belowMin"] }],
    ["a lead time of 0", { leadTimeDays: 0 }, { leadTimeDays: ["agreement.errors.leadTimeDays.range"] }],
    ["a negative lead-time sd", { leadTimeSdDays: -0.5 }, { leadTimeSdDays: ["agreement.errors.leadTimeSdDays.range"] }],
    ["a negative MOQ", { moq: -5 }, { moq: ["agreement.errors.moq.range"] }],
    ["a pack size of 0", { packSize: 0 }, { packSize: ["agreement.errors.packSize.range"] }],
    ["a pack size that rounds to 0", { packSize: 0.00001 }, { packSize: ["agreement.errors.packSize.range"] }],
    ["an infinite max", { maxQty: Number.POSITIVE_INFINITY }, { maxQty: ["agreement.errors.maxQty.number"] }],
    ["a min that is not a number", { minQty: Number.NaN }, { minQty: ["agreement.errors.minQty.number"] }],
    ["a review period of 2.5 days", { reviewPeriodDays: 2.5 }, { reviewPeriodDays: ["agreement.errors.reviewPeriodDays.range"] }],
    ["a lead time beyond ten years", { leadTimeDays: 4000 }, { leadTimeDays: ["agreement.errors.leadTimeDays.tooLarge"] }],
    [
      "several at once",
      { minQty: -1, packSize: -1, leadTimeDays: -1 },
      {
        minQty: ["agreement.errors.minQty.range"],
        leadTimeDays: ["agreement.errors.leadTimeDays.range"],
        packSize: ["agreement.errors.packSize.range"],
      },
    ],
  ];

  it.each(cases)("refuses %s", async (_label, change, fieldErrors) => {
    const { terms, version } = await current();
    const error = await errorOf(
      updateAgreement(db, f.scopes.buyer, { agreementId: f.agreements.a1, version, terms: { ...terms, ...change } }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
    expect((error as AppError).fieldErrors).toEqual(messagesOf(fieldErrors));
    expect(await current()).toEqual({ terms, version });
  });

  it("accepts the edges: min 0, max = min, sd 0, MOQ 0", async () => {
    const { terms, version } = await current();
    await updateAgreement(db, f.scopes.buyer, {
      agreementId: f.agreements.a1,
      version,
      terms: { ...terms, minQty: 0, maxQty: 0, leadTimeSdDays: 0, moq: 0 },
    });
    expect((await current()).terms).toMatchObject({ minQty: 0, maxQty: 0, leadTimeSdDays: 0, moq: 0 });
  });
});

describe("who may edit", () => {
  it("refuses a supplier scope, even for its own agreement, and writes nothing", async () => {
    const before = await current();
    const error = await errorOf(
      updateAgreement(db, f.scopes.supA, {
        agreementId: f.agreements.a1,
        version: before.version,
        terms: { ...before.terms, maxQty: 999 },
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    expect(await current()).toEqual(before);
  });

  it("row-level security refuses a supplier's write even past the service's check", async () => {
    const before = await current();
    const written = await withTenant(db, f.scopes.supA, (tx) =>
      updateAgreementTerms(tx, f.scopes.supA, f.agreements.a1, before.version, { maxQty: 999 }),
    );
    expect(written).toBeNull();
    // Nor can it lock the row: a locking read shows only rows the scope may update.
    const locked = await withTenant(db, f.scopes.supA, (tx) => lockAgreementTerms(tx, f.scopes.supA, f.agreements.a1));
    expect(locked).toBeNull();
    expect(await current()).toEqual(before);
  });

  it("answers 'not found' for another tenant's agreement, an unknown id or a malformed one", async () => {
    const other = await readAgreement(db, f.scopes.otherBuyer, f.agreements.other);
    for (const agreementId of [f.agreements.other, "9b2c6a1e-0000-4000-8000-000000000000", "not-an-id"]) {
      const error = await errorOf(
        updateAgreement(db, f.scopes.buyer, { agreementId, version: 1, terms: { ...A1_TERMS, maxQty: 77 } }),
      );
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: "not_found", status: 404 });
    }
    expect(await readAgreement(db, f.scopes.otherBuyer, f.agreements.other)).toEqual(other);
  });
});
