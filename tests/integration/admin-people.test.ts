import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@db/client";
import { rowsOf } from "@db/rows";
import * as schema from "@db/schema";
import { type TenantScope, withTenant, withUser } from "@db/scope";
import { previewInvitation } from "~/models/invitations.server";
import {
  changeMemberRole,
  deactivateMember,
  invitePerson,
  isLastAdminViolation,
  listPeople,
  reactivateMember,
  resendInvitation,
  revokeOpenInvitation,
} from "~/services/admin/people.server";
import { ChangeRoleSchema, InviteSchema } from "~/services/admin/people-rules";
import { hashLinkToken } from "~/services/auth/link-tokens.server";
import { hashPassword } from "~/services/auth/password.server";
import { validateSessionToken } from "~/services/auth/session.server";
import { signIn } from "~/services/auth/sign-in.server";
import { type AppError, isAppError } from "~/utils/app-error";
import { createMembership, createSupplier, createTenant, createUser } from "../support/factories";
import { openTestDatabase } from "../support/test-database";

/**
 * People administration through its services: invitations (sent, resent, revoked), role changes,
 * deactivation and reactivation, each audited; the last administrator stays; a deactivated
 * member is signed out at once and cannot sign in; a supplier's administrator reaches its own
 * supplier's people only, whatever ids it forges.
 */

let handle: DatabaseHandle;
let tenantId: string;
let s1: string;
let s2: string;
let inactiveSupplier: string;
const ids = {
  admin: { user: "", membership: "" },
  manager: { user: "", membership: "" },
  supplierAdmin: { user: "", membership: "" },
  colleague: { user: "", membership: "" },
  otherSupplier: { user: "", membership: "" },
};
const emails: Record<keyof typeof ids, string> = {} as Record<keyof typeof ids, string>;

beforeAll(async () => {
  handle = await openTestDatabase();
  const db = handle.db;
  tenantId = (await createTenant(db, { slugPrefix: "people" })).id;
  s1 = await createSupplier(db, { tenantId, code: "P1" });
  s2 = await createSupplier(db, { tenantId, code: "P2" });
  inactiveSupplier = await createSupplier(db, { tenantId, code: "P3" });
  await db.update(schema.suppliers).set({ status: "inactive" }).where(eq(schema.suppliers.id, inactiveSupplier));
  const spec = {
    admin: { role: "admin" as const, supplierId: null, supplierAdmin: false },
    manager: { role: "manager" as const, supplierId: null, supplierAdmin: false },
    supplierAdmin: { role: "supplier" as const, supplierId: s1, supplierAdmin: true },
    colleague: { role: "supplier" as const, supplierId: s1, supplierAdmin: false },
    otherSupplier: { role: "supplier" as const, supplierId: s2, supplierAdmin: false },
  };
  for (const who of Object.keys(ids) as (keyof typeof ids)[]) {
    emails[who] = `${who.toLowerCase()}-${randomUUID().slice(0, 8)}@people.example`;
    ids[who].user = await createUser(db, { label: who, email: emails[who], name: `Person ${who}` });
    ids[who].membership = await createMembership(db, { tenantId, userId: ids[who].user, ...spec[who] });
  }
});

afterAll(async () => {
  await handle?.close();
});

function scopeOf(who: keyof typeof ids): TenantScope {
  const supplier = who === "supplierAdmin" || who === "colleague" ? s1 : who === "otherSupplier" ? s2 : null;
  const role = who === "admin" ? "admin" : who === "manager" ? "manager" : "supplier";
  return { tenantId, supplierId: supplier, userId: ids[who].user, role, supplierAdmin: who === "supplierAdmin" };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

const fieldKeys = (error: AppError) =>
  Object.fromEntries(Object.entries(error.fieldErrors).map(([name, messages]) => [name, messages.map((m) => m.key)]));

async function auditOf(entityId: string) {
  return handle.db
    .select({ action: schema.auditEvents.action, before: schema.auditEvents.before, after: schema.auditEvents.after })
    .from(schema.auditEvents)
    .where(and(eq(schema.auditEvents.tenantId, tenantId), eq(schema.auditEvents.entityId, entityId)))
    .orderBy(schema.auditEvents.occurredAt);
}

async function membership(id: string) {
  const [row] = await handle.db.select().from(schema.memberships).where(eq(schema.memberships.id, id));
  return row;
}

const fresh = (label: string) => `${label}-${randomUUID().slice(0, 8)}@invited.example`;

describe("the forms' rules", () => {
  it("names the field of each mistake", () => {
    const invite = InviteSchema.safeParse({ email: "not an address", role: "supplier", locale: "fr", supplierAdmin: "on" });
    expect(invite.success).toBe(false);
    const issues = Object.fromEntries(invite.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(issues.email).toBe("adminPeople.errors.emailInvalid");
    expect(issues.locale).toBe("adminPeople.errors.locale");
    expect(InviteSchema.safeParse({ email: "a\u0001b@x.example", role: "buyer", locale: "en" }).error?.issues[0].message).toBe(
      "adminPeople.errors.controlCharacter",
    );
    const role = ChangeRoleSchema.safeParse({ membershipId: randomUUID(), role: "buyer", supplierAdmin: "on" });
    expect(role.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([
      ["supplierAdmin", "adminPeople.errors.supplierAdminNeedsSupplier"],
    ]);
    const supplier = ChangeRoleSchema.safeParse({ membershipId: randomUUID(), role: "supplier" });
    expect(supplier.error?.issues.map((i) => i.path.join("."))).toEqual(["supplierId"]);
  });
});

describe("invitations", () => {
  it("invites: stores the link's hash only, e-mails the link and audits it", async () => {
    const email = fresh("buyer");
    const { invitationId, link } = await invitePerson(handle.db, scopeOf("admin"), {
      email: email.toUpperCase(),
      role: "buyer",
      supplierAdmin: false,
      locale: "zh-CN",
    });
    expect(link).toMatch(/^\/invite\/[A-Za-z0-9_-]{43}$/);
    const token = link.slice("/invite/".length);
    const [row] = await handle.db.select().from(schema.invitations).where(eq(schema.invitations.id, invitationId));
    expect(row).toMatchObject({ email, role: "buyer", supplierId: null, locale: "zh-CN", tokenHash: hashLinkToken(token) });
    expect(row.expiresAt.getTime() - row.sentAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    const mail = await handle.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.recipient, email));
    expect(mail).toHaveLength(1);
    expect(mail[0]).toMatchObject({ kind: "account.invitation", link, locale: "zh-CN" });
    expect(await auditOf(invitationId)).toEqual([
      expect.objectContaining({ action: "invitation.create", after: expect.objectContaining({ email, role: "buyer" }) }),
    ]);
  });

  it("refuses an address that is an active member or already invited, on the e-mail field, writing nothing", async () => {
    const member = await refusal(
      invitePerson(handle.db, scopeOf("admin"), { email: emails.manager, role: "buyer", supplierAdmin: false, locale: "en" }),
    );
    expect(fieldKeys(member)).toEqual({ email: ["adminPeople.errors.alreadyMember"] });
    const email = fresh("twice");
    await invitePerson(handle.db, scopeOf("admin"), { email, role: "manager", supplierAdmin: false, locale: "en" });
    const again = await refusal(
      invitePerson(handle.db, scopeOf("admin"), {
        email: email.toUpperCase(),
        role: "buyer",
        supplierAdmin: false,
        locale: "en",
      }),
    );
    expect(fieldKeys(again)).toEqual({ email: ["adminPeople.errors.alreadyInvited"] });
    const rows = await handle.db.select().from(schema.invitations).where(eq(schema.invitations.email, email));
    expect(rows).toHaveLength(1);
  });

  it("needs an active supplier of the company for a supplier role", async () => {
    const missing = await refusal(
      invitePerson(handle.db, scopeOf("admin"), { email: fresh("s"), role: "supplier", supplierAdmin: true, locale: "en" }),
    );
    expect(fieldKeys(missing)).toEqual({ supplierId: ["adminPeople.errors.supplierRequired"] });
    const unknown = await refusal(
      invitePerson(handle.db, scopeOf("admin"), {
        email: fresh("s"),
        role: "supplier",
        supplierId: randomUUID(),
        supplierAdmin: false,
        locale: "en",
      }),
    );
    expect(fieldKeys(unknown)).toEqual({ supplierId: ["adminPeople.errors.supplier"] });
    const inactive = await refusal(
      invitePerson(handle.db, scopeOf("admin"), {
        email: fresh("s"),
        role: "supplier",
        supplierId: inactiveSupplier,
        supplierAdmin: false,
        locale: "en",
      }),
    );
    expect(fieldKeys(inactive)).toEqual({ supplierId: ["adminPeople.errors.supplierInactive"] });
  });

  it("resends with a new link and seven more days; the old link names nothing", async () => {
    const email = fresh("resend");
    const first = await invitePerson(handle.db, scopeOf("admin"), { email, role: "buyer", supplierAdmin: false, locale: "en" });
    await handle.db
      .update(schema.invitations)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(schema.invitations.id, first.invitationId));
    const listed = await listPeople(handle.db, scopeOf("admin"), { limit: 50, offset: 0 });
    expect(listed.invitations.find((i) => i.id === first.invitationId)?.expired).toBe(true);
    const second = await resendInvitation(handle.db, scopeOf("admin"), first.invitationId);
    expect(second.link).not.toBe(first.link);
    const preview = (link: string) => withUser(handle.db, null, (tx) => previewInvitation(tx, hashLinkToken(link.slice(8))));
    expect(await preview(first.link)).toBeNull();
    expect((await preview(second.link))?.state).toBe("pending");
    const mail = await handle.db.select().from(schema.emailOutbox).where(eq(schema.emailOutbox.recipient, email));
    expect(mail.map((m) => m.link).sort()).toEqual([first.link, second.link].sort());
    expect((await auditOf(first.invitationId)).map((a) => a.action)).toEqual(["invitation.create", "invitation.resend"]);
  });

  it("revokes: the link stops working, the list forgets it, a second revoke is a 404", async () => {
    const { invitationId, link } = await invitePerson(handle.db, scopeOf("admin"), {
      email: fresh("revoke"),
      role: "manager",
      supplierAdmin: false,
      locale: "en",
    });
    await revokeOpenInvitation(handle.db, scopeOf("admin"), invitationId);
    const preview = await withUser(handle.db, null, (tx) => previewInvitation(tx, hashLinkToken(link.slice(8))));
    expect(preview?.state).toBe("revoked");
    const listed = await listPeople(handle.db, scopeOf("admin"), { limit: 50, offset: 0 });
    expect(listed.invitations.some((i) => i.id === invitationId)).toBe(false);
    expect((await refusal(revokeOpenInvitation(handle.db, scopeOf("admin"), invitationId))).code).toBe("not_found");
    expect((await refusal(resendInvitation(handle.db, scopeOf("admin"), invitationId))).code).toBe("not_found");
    expect((await auditOf(invitationId)).map((a) => a.action)).toEqual(["invitation.create", "invitation.revoke"]);
  });
});

describe("roles and the last administrator", () => {
  it("changes a role with its supplier and audits before and after; an unchanged form writes nothing", async () => {
    const user = await createUser(handle.db, { label: "mover" });
    const id = await createMembership(handle.db, { tenantId, userId: user, role: "buyer" });
    expect(
      await changeMemberRole(handle.db, scopeOf("admin"), id, { role: "supplier", supplierId: s2, supplierAdmin: true }),
    ).toEqual({
      changed: true,
    });
    expect(await membership(id)).toMatchObject({ role: "supplier", supplierId: s2, supplierAdmin: true });
    expect(
      await changeMemberRole(handle.db, scopeOf("admin"), id, { role: "supplier", supplierId: s2, supplierAdmin: true }),
    ).toEqual({
      changed: false,
    });
    const audit = await auditOf(id);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "membership.role_change",
      before: expect.objectContaining({ role: "buyer", supplierId: null }),
      after: expect.objectContaining({ role: "supplier", supplierId: s2, supplierAdmin: true }),
    });
  });

  it("keeps the last active administrator: demotion and deactivation are refused with the message", async () => {
    const demote = await refusal(
      changeMemberRole(handle.db, scopeOf("admin"), ids.admin.membership, { role: "buyer", supplierAdmin: false }),
    );
    expect(demote.code).toBe("conflict");
    expect(fieldKeys(demote)).toEqual({ role: ["adminPeople.errors.lastAdmin"] });
    // Another administrator deactivating the only other one: the same refusal for the page.
    const second = await createUser(handle.db, { label: "second-admin" });
    const secondId = await createMembership(handle.db, { tenantId, userId: second, role: "admin" });
    const secondScope: TenantScope = { tenantId, supplierId: null, userId: second, role: "admin" };
    await deactivateMember(handle.db, secondScope, ids.admin.membership);
    const last = await refusal(deactivateMember(handle.db, scopeOf("admin"), secondId));
    // (the deactivated admin's own scope is refused by the service as it would be by its session)
    expect(last.code).toBe("conflict");
    expect(last.userMessage.key).toBe("adminPeople.errors.lastAdmin");
    await reactivateMember(handle.db, secondScope, ids.admin.membership);
    expect((await membership(ids.admin.membership)).status).toBe("active");
    await deactivateMember(handle.db, scopeOf("admin"), secondId);
    expect((await membership(secondId)).status).toBe("deactivated");
  });

  it("maps the database's own refusal (SQLSTATE VM001) to the same answer", async () => {
    let caught: unknown;
    try {
      await withTenant(handle.db, scopeOf("admin"), (tx) =>
        tx.execute(sql`update memberships set role = 'buyer' where id = ${ids.admin.membership}::uuid`),
      );
    } catch (error) {
      caught = error;
    }
    expect(isLastAdminViolation(caught)).toBe(true);
    expect(isLastAdminViolation(new Error("something else"))).toBe(false);
  });

  it("nobody deactivates themselves", async () => {
    const self = await refusal(deactivateMember(handle.db, scopeOf("admin"), ids.admin.membership));
    expect(self.userMessage.key).toBe("adminPeople.errors.deactivateSelf");
  });
});

describe("deactivation", () => {
  it("signs the member out at once, and its sign-in gets the ordinary wrong-credentials answer; reactivation restores it", async () => {
    const email = fresh("leaver");
    const user = await createUser(handle.db, { email, passwordHash: await hashPassword("leaver-password-1") });
    const id = await createMembership(handle.db, { tenantId, userId: user, role: "buyer" });
    const clientAddress = `10.9.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}`;
    const before = await signIn(handle.db, { email, password: "leaver-password-1", clientAddress });
    expect(before.ok).toBe(true);
    const token = before.ok ? before.token : "";
    expect(await withUser(handle.db, null, (tx) => validateSessionToken(tx, token))).not.toBeNull();

    expect(await deactivateMember(handle.db, scopeOf("admin"), id)).toEqual({ changed: true });
    expect(await withUser(handle.db, null, (tx) => validateSessionToken(tx, token))).toBeNull();
    const after = await signIn(handle.db, { email, password: "leaver-password-1", clientAddress });
    const wrong = await signIn(handle.db, { email, password: "not-the-password", clientAddress });
    expect(after).toEqual({ ok: false, reason: "invalid" });
    expect(after).toEqual(wrong);
    const row = await membership(id);
    expect(row.status).toBe("deactivated");
    expect(row.deactivatedAt).not.toBeNull();

    expect(await reactivateMember(handle.db, scopeOf("admin"), id)).toEqual({ changed: true });
    expect((await signIn(handle.db, { email, password: "leaver-password-1", clientAddress })).ok).toBe(true);
    expect((await auditOf(id)).map((a) => a.action)).toEqual(["membership.deactivate", "membership.reactivate"]);
  });

  it("lists by role, status and a search by name or e-mail", async () => {
    const all = await listPeople(handle.db, scopeOf("admin"), { limit: 200, offset: 0 });
    expect(all.members.map((m) => m.email)).toEqual(expect.arrayContaining(Object.values(emails)));
    const suppliers = await listPeople(handle.db, scopeOf("admin"), { role: "supplier", limit: 200, offset: 0 });
    expect(suppliers.members.every((m) => m.role === "supplier")).toBe(true);
    const search = await listPeople(handle.db, scopeOf("admin"), {
      q: emails.manager.slice(0, 14).toUpperCase(),
      limit: 50,
      offset: 0,
    });
    expect(search.members.map((m) => m.email)).toEqual([emails.manager]);
    const none = await listPeople(handle.db, scopeOf("admin"), { q: "%_", limit: 50, offset: 0 });
    expect(none.members).toEqual([]);
  });
});

describe("a supplier's administrator", () => {
  it("sees and invites its own supplier's people only, as suppliers of its supplier, whatever the request says", async () => {
    const view = await listPeople(handle.db, scopeOf("supplierAdmin"), { limit: 50, offset: 0 });
    expect(view.members.map((m) => m.email).sort()).toEqual([emails.colleague, emails.supplierAdmin].sort());
    expect(view.suppliers).toEqual([]);
    const email = fresh("colleague");
    const { invitationId } = await invitePerson(handle.db, scopeOf("supplierAdmin"), {
      email,
      role: "admin",
      supplierId: s2,
      supplierAdmin: true,
      locale: "en",
    });
    const [row] = await handle.db.select().from(schema.invitations).where(eq(schema.invitations.id, invitationId));
    expect(row).toMatchObject({ role: "supplier", supplierId: s1, supplierAdmin: true });
  });

  it("cannot reach another supplier's people or invitations with forged ids, nor change roles", async () => {
    const theirs = await invitePerson(handle.db, scopeOf("admin"), {
      email: fresh("theirs"),
      role: "supplier",
      supplierId: s2,
      supplierAdmin: false,
      locale: "en",
    });
    const scope = scopeOf("supplierAdmin");
    expect((await refusal(deactivateMember(handle.db, scope, ids.otherSupplier.membership))).code).toBe("not_found");
    expect((await refusal(deactivateMember(handle.db, scope, ids.manager.membership))).code).toBe("not_found");
    expect((await refusal(reactivateMember(handle.db, scope, ids.otherSupplier.membership))).code).toBe("not_found");
    expect((await refusal(resendInvitation(handle.db, scope, theirs.invitationId))).code).toBe("not_found");
    expect((await refusal(revokeOpenInvitation(handle.db, scope, theirs.invitationId))).code).toBe("not_found");
    expect(
      (await refusal(changeMemberRole(handle.db, scope, ids.colleague.membership, { role: "admin", supplierAdmin: false }))).code,
    ).toBe("forbidden");
    expect((await membership(ids.otherSupplier.membership)).status).toBe("active");
    const [row] = await handle.db.select().from(schema.invitations).where(eq(schema.invitations.id, theirs.invitationId));
    expect(row.revokedAt).toBeNull();
  });

  it("deactivates and reactivates a colleague, audited under its supplier", async () => {
    const scope = scopeOf("supplierAdmin");
    await deactivateMember(handle.db, scope, ids.colleague.membership);
    expect((await membership(ids.colleague.membership)).status).toBe("deactivated");
    await reactivateMember(handle.db, scope, ids.colleague.membership);
    const rows = rowsOf<{ supplier_id: string; action: string }>(
      await handle.db.execute(
        sql`select supplier_id, action from audit_events where entity_id = ${ids.colleague.membership} order by occurred_at`,
      ),
    );
    expect(rows).toEqual([
      { supplier_id: s1, action: "membership.deactivate" },
      { supplier_id: s1, action: "membership.reactivate" },
    ]);
  });

  it("is the only supplier member who manages people: others, and buyer roles but administrators, are refused", async () => {
    for (const who of ["colleague", "manager"] as const) {
      expect((await refusal(listPeople(handle.db, scopeOf(who), { limit: 50, offset: 0 }))).code).toBe("forbidden");
      expect((await refusal(deactivateMember(handle.db, scopeOf(who), ids.colleague.membership))).code).toBe("forbidden");
    }
  });
});
