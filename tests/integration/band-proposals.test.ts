import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import { withTenant } from "@db/scope";
import { listBandProposals } from "~/models/band-proposals.server";
import {
  acceptBandProposal,
  proposeBandChange,
  rejectBandProposal,
  updateAgreement,
  withdrawBandProposal,
} from "~/services/agreements/index.server";
import { AppError } from "~/utils/app-error";
import { openTestDatabase } from "../support/test-database";
import { type AgreementFixture, auditOf, createAgreementFixture, inboxOf, readAgreement } from "./support/agreement-fixture";

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

/** Message keys by field, as an AppError carries them (messages without values). */
const messagesOf = (fieldErrors: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(fieldErrors).map(([field, keys]) => [field, keys.map((key) => ({ key }))]));

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

const pendingOf = (scope = f.scopes.buyer, agreementId?: string) =>
  withTenant(db, scope, (tx) => listBandProposals(tx, scope, { state: "pending", agreementId, limit: 100 }));
const closedOf = (scope = f.scopes.buyer, agreementId?: string) =>
  withTenant(db, scope, (tx) => listBandProposals(tx, scope, { state: "closed", agreementId, limit: 100 }));

describe("a supplier proposes a band", () => {
  it("stores the proposal with the band it starts from, audits it and tells every buyer (not the others)", async () => {
    const result = await proposeBandChange(db, f.scopes.supA, {
      agreementId: f.agreements.a1,
      minQty: 20,
      maxQty: 80,
      reason: "  Demand doubled  ",
    });
    expect(result).toMatchObject({ agreementId: f.agreements.a1, status: "pending" });

    const [pending] = await pendingOf(f.scopes.buyer, f.agreements.a1);
    expect(pending).toMatchObject({
      id: result.proposalId,
      sku: "A-1",
      supplierName: "Supplier A",
      currentMin: 10,
      currentMax: 40,
      proposedMin: 20,
      proposedMax: 80,
      agreedMin: 10,
      agreedMax: 40,
      recommendedMin: 50,
      recommendedMax: 90,
      safetyStock: 15,
      reason: "Demand doubled",
      status: "pending",
    });
    expect(await auditOf(db, f.scopes.buyer, result.proposalId)).toEqual([
      expect.objectContaining({ action: "band_proposal.propose", entityType: "band_proposal", actorUserId: f.users.supA }),
    ]);

    for (const buyer of [f.scopes.buyer, f.scopes.buyer2]) {
      expect(await inboxOf(db, buyer)).toEqual([
        {
          kind: "band_proposal.submitted",
          eventId: result.proposalId,
          link: `inventory/${f.agreements.a1}`,
          payload: expect.objectContaining({ sku: "A-1", siteCode: "S1", supplierName: "Supplier A", status: "pending" }),
        },
      ]);
    }
    // The role given to notify() is "buyer": managers, the proposer and other suppliers hear nothing.
    expect(await inboxOf(db, f.scopes.manager)).toEqual([]);
    expect(await inboxOf(db, f.scopes.supA)).toEqual([]);
    expect(await inboxOf(db, f.scopes.supB)).toEqual([]);
  });

  it("refuses a second pending proposal for the same agreement with a conflict", async () => {
    const error = await errorOf(
      proposeBandChange(db, f.scopes.supA, { agreementId: f.agreements.a1, minQty: 1, maxQty: 2, reason: "again" }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: "conflict",
      status: 409,
      reason: "pending_exists",
      userMessage: { key: "agreement.proposal.errors.pending_exists" },
    });
    expect(await pendingOf(f.scopes.buyer, f.agreements.a1)).toHaveLength(1);
  });

  it("lets one of two simultaneous proposals through", async () => {
    const results = await Promise.allSettled([
      proposeBandChange(db, f.scopes.supA, { agreementId: f.agreements.a2, minQty: 110, maxQty: 210, reason: "one" }),
      proposeBandChange(db, f.scopes.supA, { agreementId: f.agreements.a2, minQty: 120, maxQty: 220, reason: "two" }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(rejected.map((r) => r.reason)).toEqual([expect.objectContaining({ status: 409, reason: "pending_exists" })]);
    const [pending] = await pendingOf(f.scopes.supA, f.agreements.a2);
    await withdrawBandProposal(db, f.scopes.supA, { proposalId: pending.id });
  });

  it.each([
    ["a negative min", { minQty: -1, maxQty: 5, reason: "x" }, { minQty: ["agreement.errors.minQty.range"] }],
    ["a max below the min", { minQty: 9, maxQty: 8, reason: "x" }, { maxQty: ["agreement.errors.maxQty.belowMin"] }],
    ["no reason", { minQty: 1, maxQty: 8, reason: "   " }, { reason: ["agreement.errors.reason.required"] }],
    ["a reason too long", { minQty: 1, maxQty: 8, reason: "x".repeat(1001) }, { reason: ["agreement.errors.reason.tooLong"] }],
    [
      "an infinite max",
      { minQty: 1, maxQty: Number.POSITIVE_INFINITY, reason: "x" },
      { maxQty: ["agreement.errors.maxQty.number"] },
    ],
  ])("refuses %s, naming the field, and writes nothing", async (_label, input, fieldErrors) => {
    const error = await errorOf(proposeBandChange(db, f.scopes.supB, { agreementId: f.agreements.b1, ...input }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
    expect((error as AppError).fieldErrors).toEqual(messagesOf(fieldErrors));
    expect(await pendingOf(f.scopes.supB)).toEqual([]);
  });

  it("refuses the band already agreed", async () => {
    const error = await errorOf(
      proposeBandChange(db, f.scopes.supB, { agreementId: f.agreements.b1, minQty: 1, maxQty: 9, reason: "same" }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
    expect((error as AppError).formErrors).toEqual([{ key: "agreement.proposal.errors.unchanged" }]);
  });

  it("is 'not found' for another supplier's or another tenant's agreement, and forbidden for buyer roles", async () => {
    for (const agreementId of [f.agreements.a1, f.agreements.other, "nope"]) {
      const error = await errorOf(proposeBandChange(db, f.scopes.supB, { agreementId, minQty: 1, maxQty: 2, reason: "mine?" }));
      expect(error).toMatchObject({ code: "not_found", status: 404 });
    }
    const error = await errorOf(
      proposeBandChange(db, f.scopes.buyer, { agreementId: f.agreements.b1, minQty: 1, maxQty: 2, reason: "x" }),
    );
    expect(error).toMatchObject({ code: "forbidden", status: 403 });
    expect(await pendingOf(f.scopes.buyer, f.agreements.b1)).toEqual([]);
  });
});

describe("who sees which proposals", () => {
  it("a supplier sees its own proposals only; the buyer's side sees all", async () => {
    await proposeBandChange(db, f.scopes.supB, { agreementId: f.agreements.b1, minQty: 2, maxQty: 12, reason: "B's reason" });
    const bySupplierB = await pendingOf(f.scopes.supB);
    expect(bySupplierB.map((p) => p.sku)).toEqual(["B-1"]);
    expect((await pendingOf(f.scopes.supA)).map((p) => p.sku)).toEqual(["A-1"]);
    expect((await pendingOf(f.scopes.buyer)).map((p) => p.sku).sort()).toEqual(["A-1", "B-1"]);
    // Asking for the other supplier's agreement by id gives nothing either.
    expect(await pendingOf(f.scopes.supA, f.agreements.b1)).toEqual([]);
  });

  it("a supplier cannot withdraw, and row-level security hides, another supplier's proposal", async () => {
    const [bProposal] = await pendingOf(f.scopes.supB);
    const error = await errorOf(withdrawBandProposal(db, f.scopes.supA, { proposalId: bProposal.id }));
    expect(error).toMatchObject({ code: "not_found", status: 404 });
    // Past the model's own filter: the policy alone still shows supplier A nothing of B's.
    const seen = await withTenant(db, f.scopes.supA, async (tx) =>
      rowsOf(await tx.execute(sql`select id from band_proposals where id = ${bProposal.id}::uuid`)),
    );
    expect(seen).toEqual([]);
    const seenByBuyer = await withTenant(db, f.scopes.buyer, async (tx) =>
      rowsOf(await tx.execute(sql`select id from band_proposals where id = ${bProposal.id}::uuid`)),
    );
    expect(seenByBuyer).toHaveLength(1);
    expect((await pendingOf(f.scopes.supB))[0].status).toBe("pending");
  });
});

describe("a buyer decides", () => {
  it("accepts: the agreement takes the proposed band, version + 1, audited twice, the supplier hears of it", async () => {
    const [proposal] = await pendingOf(f.scopes.buyer, f.agreements.a1);
    const before = await readAgreement(db, f.scopes.buyer, f.agreements.a1);
    const result = await acceptBandProposal(db, f.scopes.buyer, { proposalId: proposal.id, comment: "Agreed" });
    expect(result).toEqual({
      proposalId: proposal.id,
      agreementId: f.agreements.a1,
      status: "accepted",
      agreementVersion: before.version + 1,
    });

    const after = await readAgreement(db, f.scopes.buyer, f.agreements.a1);
    expect(after).toMatchObject({ minQty: 20, maxQty: 80, version: before.version + 1, leadTimeDays: before.leadTimeDays });
    expect(await auditOf(db, f.scopes.buyer, f.agreements.a1)).toEqual([
      {
        action: "agreement.update",
        entityType: "agreement",
        actorUserId: f.users.buyer,
        before: { minQty: 10, maxQty: 40, version: before.version },
        after: { minQty: 20, maxQty: 80, version: before.version + 1, proposalId: proposal.id },
      },
    ]);
    expect((await auditOf(db, f.scopes.buyer, proposal.id)).map((a) => [a.action, a.after])).toEqual([
      ["band_proposal.propose", expect.objectContaining({ status: "pending" })],
      ["band_proposal.accept", { status: "accepted", comment: "Agreed", agreementVersion: before.version + 1 }],
    ]);
    const [closed] = await closedOf(f.scopes.supA, f.agreements.a1);
    expect(closed).toMatchObject({ id: proposal.id, status: "accepted", decisionComment: "Agreed" });
    expect(closed.decidedAt).toMatch(/^\d{4}-\d\d-\d\dT/);

    // The supplier's people hear of the decision; the other supplier does not.
    expect(await inboxOf(db, f.scopes.supA)).toEqual([
      {
        kind: "band_proposal.decided",
        eventId: expect.any(String),
        link: `inventory/${f.agreements.a1}`,
        payload: expect.objectContaining({ sku: "A-1", status: "accepted", comment: "Agreed" }),
      },
    ]);
    expect(await inboxOf(db, f.scopes.supB)).toEqual([]);
  });

  it("cannot decide a decided proposal again (409), nor withdraw it", async () => {
    const [closed] = await closedOf(f.scopes.buyer, f.agreements.a1);
    for (const attempt of [
      () => acceptBandProposal(db, f.scopes.buyer, { proposalId: closed.id }),
      () => rejectBandProposal(db, f.scopes.buyer2, { proposalId: closed.id, comment: "no" }),
      () => withdrawBandProposal(db, f.scopes.supA, { proposalId: closed.id }),
    ]) {
      const error = await errorOf(attempt());
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({
        code: "conflict",
        status: 409,
        reason: "closed",
        userMessage: { key: "agreement.proposal.errors.closed", params: { status: "accepted" } },
        details: { proposalStatus: "accepted" },
      });
    }
    expect((await readAgreement(db, f.scopes.buyer, f.agreements.a1)).maxQty).toBe(80);
  });

  it("refuses to accept when the band changed since the proposal (409), writing nothing", async () => {
    const proposed = await proposeBandChange(db, f.scopes.supA, {
      agreementId: f.agreements.a1,
      minQty: 30,
      maxQty: 90,
      reason: "more",
    });
    const agreement = await readAgreement(db, f.scopes.buyer, f.agreements.a1);
    await updateAgreement(db, f.scopes.buyer2, {
      agreementId: f.agreements.a1,
      version: agreement.version,
      terms: { ...agreement, maxQty: 85 },
    });
    const changed = await readAgreement(db, f.scopes.buyer, f.agreements.a1);
    const error = await errorOf(acceptBandProposal(db, f.scopes.buyer, { proposalId: proposed.proposalId }));
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", status: 409, reason: "band_changed" });
    expect(await readAgreement(db, f.scopes.buyer, f.agreements.a1)).toEqual(changed);
    expect((await pendingOf(f.scopes.buyer, f.agreements.a1))[0]).toMatchObject({
      id: proposed.proposalId,
      agreedMax: 85,
      currentMax: 80,
    });
  });

  it("rejects with a required comment; the agreement stays; the supplier hears of it", async () => {
    const [proposal] = await pendingOf(f.scopes.buyer, f.agreements.a1);
    const agreement = await readAgreement(db, f.scopes.buyer, f.agreements.a1);
    const noComment = await errorOf(rejectBandProposal(db, f.scopes.buyer, { proposalId: proposal.id, comment: "  " }));
    expect(noComment).toBeInstanceOf(AppError);
    expect((noComment as AppError).fieldErrors).toEqual({ comment: [{ key: "agreement.errors.comment.required" }] });

    await rejectBandProposal(db, f.scopes.buyer, { proposalId: proposal.id, comment: "Band was changed; propose again" });
    expect(await readAgreement(db, f.scopes.buyer, f.agreements.a1)).toEqual(agreement);
    expect((await auditOf(db, f.scopes.buyer, proposal.id)).at(-1)).toMatchObject({
      action: "band_proposal.reject",
      before: { status: "pending" },
      after: { status: "rejected", comment: "Band was changed; propose again" },
    });
    const inbox = await inboxOf(db, f.scopes.supA);
    expect(inbox.at(-1)).toMatchObject({
      kind: "band_proposal.decided",
      payload: { status: "rejected", proposedMin: 30, proposedMax: 90 },
    });
    expect(await pendingOf(f.scopes.buyer, f.agreements.a1)).toEqual([]);
  });

  it("a supplier cannot accept or reject, not even its own proposal", async () => {
    const [bProposal] = await pendingOf(f.scopes.supB);
    expect(await errorOf(acceptBandProposal(db, f.scopes.supB, { proposalId: bProposal.id }))).toMatchObject({
      code: "forbidden",
    });
    expect(await errorOf(rejectBandProposal(db, f.scopes.supB, { proposalId: bProposal.id, comment: "x" }))).toMatchObject({
      code: "forbidden",
    });
    expect((await pendingOf(f.scopes.supB))[0].id).toBe(bProposal.id);
  });

  it("a proposal named through another agreement is not found, and stays pending", async () => {
    const [bProposal] = await pendingOf(f.scopes.supB);
    const error = await errorOf(
      acceptBandProposal(db, f.scopes.buyer, { proposalId: bProposal.id, agreementId: f.agreements.a1 }),
    );
    expect(error).toMatchObject({ code: "not_found", status: 404 });
    expect((await pendingOf(f.scopes.buyer, f.agreements.b1)).map((p) => p.id)).toEqual([bProposal.id]);
  });

  it("another tenant's buyer cannot reach the proposal", async () => {
    const [bProposal] = await pendingOf(f.scopes.supB);
    expect(await errorOf(acceptBandProposal(db, f.scopes.otherBuyer, { proposalId: bProposal.id }))).toMatchObject({
      code: "not_found",
    });
  });
});

describe("a supplier withdraws", () => {
  it("its pending proposal: withdrawn, audited, no decision notified, and a new one may follow", async () => {
    const [bProposal] = await pendingOf(f.scopes.supB);
    const inboxBefore = await inboxOf(db, f.scopes.supB);
    const result = await withdrawBandProposal(db, f.scopes.supB, { proposalId: bProposal.id });
    expect(result.status).toBe("withdrawn");
    expect((await auditOf(db, f.scopes.buyer, bProposal.id)).map((a) => a.action)).toEqual([
      "band_proposal.propose",
      "band_proposal.withdraw",
    ]);
    expect(await inboxOf(db, f.scopes.supB)).toEqual(inboxBefore);
    const error = await errorOf(acceptBandProposal(db, f.scopes.buyer, { proposalId: bProposal.id }));
    expect(error).toMatchObject({ status: 409, reason: "closed", details: { proposalStatus: "withdrawn" } });
    await proposeBandChange(db, f.scopes.supB, { agreementId: f.agreements.b1, minQty: 3, maxQty: 13, reason: "second try" });
    expect((await pendingOf(f.scopes.supB)).map((p) => p.proposedMax)).toEqual([13]);
  });
});
