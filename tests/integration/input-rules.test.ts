import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database, DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import type { TenantScope } from "@db/scope";
import { proposeBandChange, rejectBandProposal } from "~/services/agreements/index.server";
import { decideStep, requestChanges, saveDraft, submitPlan } from "~/services/plans/index.server";
import { AppError } from "~/utils/app-error";
import { addDays } from "~/utils/dates";
import { createLocation, createMemberships, createSupplier, createTenant, createUsers } from "../support/factories";
import { openTestDatabase } from "../support/test-database";
import { createPlannedAgreement } from "./support/worlds";

/**
 * The services refuse what the input rules refuse, before anything reaches the database: a
 * quantity in another base or with separators, a NUL or another control character in a reason,
 * note or comment. Each refusal names its field and writes nothing; none is a database error.
 */

const TODAY = "2026-03-10";

let handle: DatabaseHandle;
let db: Database;

const tenantId = randomUUID();
const supplierId = randomUUID();
const site = randomUUID();
const agreementId = randomUUID();
const users = { supplier: randomUUID(), buyer: randomUUID() };
const sup: TenantScope = { tenantId, supplierId, userId: users.supplier };
const buyer: TenantScope = { tenantId, supplierId: null, userId: users.buyer };

beforeAll(async () => {
  handle = await openTestDatabase();
  db = handle.db;
  await createUsers(db, users, { domain: "input-rules.test", passwordHash: "x" });
  await createTenant(db, { id: tenantId, slugPrefix: "input-rules", name: "Input rules test", timezone: "UTC" });
  await createSupplier(db, { tenantId, id: supplierId, code: "S", name: "Supplier S" });
  await createLocation(db, { tenantId, id: site, code: "S1", name: "Site one" });
  await createMemberships(db, [
    { tenantId, userId: users.supplier, role: "supplier", supplierId },
    { tenantId, userId: users.buyer, role: "buyer" },
  ]);
  // Class BY: a buyer decides its plans.
  await createPlannedAgreement(db, {
    tenantId,
    supplierId,
    locationId: site,
    id: agreementId,
    sku: "B-1",
    unitCost: 5,
    min: 50,
    max: 1500,
    onHand: 900,
    daily: 10,
    abc: "B",
    xyz: "Y",
    today: TODAY,
  });
});

afterAll(async () => {
  await handle?.close();
});

const line = (qty: unknown, reason: string | null = null) => ({
  agreementId,
  qty,
  shipDate: addDays(TODAY, 1),
  arrivalDate: addDays(TODAY, 3),
  ...(reason === null ? {} : { reason }),
});

async function rejection(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected a rejection");
}

/** How many rows the services could have written for this tenant. */
async function written() {
  return rowsOf<Record<string, number>>(
    await db.execute(sql`
      select
        (select count(*)::int from replenishment_plans where tenant_id = ${tenantId}) as plans,
        (select count(*)::int from plan_lines where tenant_id = ${tenantId}) as lines,
        (select count(*)::int from plan_events where tenant_id = ${tenantId}) as events,
        (select count(*)::int from band_proposals where tenant_id = ${tenantId}) as proposals,
        (select count(*)::int from audit_events where tenant_id = ${tenantId}) as audits`),
  )[0];
}

describe("plans", () => {
  it("refuses quantities in another base, with an exponent or separators, and control characters in reasons and notes", async () => {
    const before = await written();
    const error = await rejection(
      submitPlan(db, sup, {
        requestId: randomUUID(),
        today: TODAY,
        note: "see\u0000attached",
        lines: [
          line("0x1c20"),
          line("0b11"),
          line("1e3"),
          line("1,000"),
          line("100", "more\u0000stock"),
          line("100", "\u001b[31m"),
        ],
      }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "invalid", status: 400 });
    // Every refusal under the field the builder renders, with its message.
    expect((error as AppError).fieldErrors).toEqual({
      note: [{ key: "plans.errors.control_character" }],
      "lines[0].qty": [{ key: "plans.errors.invalid_number" }],
      "lines[1].qty": [{ key: "plans.errors.invalid_number" }],
      "lines[2].qty": [{ key: "plans.errors.invalid_number" }],
      "lines[3].qty": [{ key: "plans.errors.number_separator" }],
      "lines[4].reason": [{ key: "plans.errors.control_character" }],
      "lines[5].reason": [{ key: "plans.errors.control_character" }],
    });
    // A draft keeps the same rules: nothing that cannot be read is stored.
    expect(await rejection(saveDraft(db, sup, { requestId: randomUUID(), today: TODAY, lines: [line("0o17")] }))).toMatchObject({
      code: "invalid",
      fieldErrors: { "lines[0].qty": [{ key: "plans.errors.invalid_number" }] },
    });
    expect(await written()).toEqual(before);
  });

  it("stores a note and a reason as read: trimmed, a CRLF as one line break", async () => {
    const { plan } = await saveDraft(db, sup, {
      requestId: randomUUID(),
      today: TODAY,
      note: " first\r\nsecond ",
      lines: [line(" 100 ", " Promo\r\nweek ")],
    });
    const [row] = rowsOf<{ note: string; reason: string; qty: number }>(
      await db.execute(sql`
        select p.note, l.reason, l.qty::float8 as qty from replenishment_plans p join plan_lines l on l.plan_id = p.id
        where p.id = ${plan.id}`),
    );
    expect(row).toEqual({ note: "first\nsecond", reason: "Promo\nweek", qty: 100 });
  });

  it("refuses a decided quantity or a reason the rules refuse, and control characters in comments, writing nothing", async () => {
    const { plan } = await submitPlan(db, sup, { requestId: randomUUID(), today: TODAY, lines: [line(100), line(50), line(30)] });
    expect(plan.status).toBe("submitted");
    const before = await written();
    const decide = (decisions: Parameters<typeof decideStep>[2]["decisions"]) =>
      rejection(decideStep(db, buyer, { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer", decisions }));

    const error = await decide([
      { lineNo: 1, code: "IQ", qty: "0x64", reason: "Fewer" },
      { lineNo: 2, code: "IQ", qty: "1,000", reason: "More\u0000" },
      { lineNo: 3, code: "IQ", qty: "-10", reason: "Less" },
    ]);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({
      "lines[0].qty": [{ key: "approvals.review.errors.invalid_number" }],
      "lines[1].qty": [{ key: "approvals.review.errors.number_separator" }],
      "lines[1].reason": [{ key: "approvals.review.errors.control_character" }],
      "lines[2].qty": [{ key: "approvals.review.errors.not_positive" }],
    });
    // A quantity typed as plain text is read as the number it says.
    const packs = await decide([
      { lineNo: 1, code: "IQ", qty: " 55 ", reason: "Half a pack" },
      { lineNo: 2, code: "IA" },
      { lineNo: 3, code: "IA" },
    ]);
    expect((packs as AppError).fieldErrors).toEqual({
      "lines[0].qty": [{ key: "approvals.review.errors.not_pack_multiple", params: { packSize: 10 } }],
    });

    const comment = await rejection(
      decideStep(db, buyer, { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer", all: "IR", comment: "no\u0000" }),
    );
    expect(comment).toMatchObject({ fieldErrors: { comment: [{ key: "plans.errors.control_character" }] } });
    const changes = await rejection(
      requestChanges(db, buyer, { planId: plan.id, lockVersion: plan.lockVersion, role: "buyer", comment: "\u0007fix" }),
    );
    expect(changes).toMatchObject({ fieldErrors: { comment: [{ key: "plans.errors.control_character" }] } });
    expect(await written()).toEqual(before);

    const { plan: decided } = await decideStep(db, buyer, {
      planId: plan.id,
      lockVersion: plan.lockVersion,
      role: "buyer",
      decisions: [
        { lineNo: 1, code: "IQ", qty: "60.0000", reason: "Enough\r\nfor now" },
        { lineNo: 2, code: "IA" },
        { lineNo: 3, code: "IA" },
      ],
    });
    expect(decided.status).toBe("approved");
    const [first] = rowsOf<{ approved_qty: number; decision_reason: string }>(
      await db.execute(
        sql`select approved_qty::float8 as approved_qty, decision_reason from plan_lines where plan_id = ${plan.id} and line_no = 1`,
      ),
    );
    expect(first).toEqual({ approved_qty: 60, decision_reason: "Enough\nfor now" });
  });
});

describe("band proposals", () => {
  it("refuses a reason or a rejection comment with a control character, writing nothing", async () => {
    const before = await written();
    const error = await rejection(
      proposeBandChange(db, sup, { agreementId, minQty: 60, maxQty: 1400, reason: "Seasonal\u0000" }),
    );
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fieldErrors).toEqual({ reason: [{ key: "agreement.errors.reason.controlCharacter" }] });
    expect(await written()).toEqual(before);

    const { proposalId } = await proposeBandChange(db, sup, { agreementId, minQty: 60, maxQty: 1400, reason: "Seasonal peak" });
    const refused = await rejection(rejectBandProposal(db, buyer, { proposalId, comment: "No\u0000" }));
    expect((refused as AppError).fieldErrors).toEqual({ comment: [{ key: "agreement.errors.comment.controlCharacter" }] });
  });
});
