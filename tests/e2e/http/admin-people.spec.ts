import { type APIRequestContext, expect, test } from "@playwright/test";
import { sql } from "drizzle-orm";
import { type AdminWorld, buildAdminWorld, landing, membershipStatus, PASSWORD, post, signIn, textOf } from "./admin-world";
import { newClient, postLogin } from "../support";

/**
 * People administration over HTTP, in a company of the spec's own: the users page is the
 * administrator's alone (everyone else gets the 404 of an unknown address, GET and POST); the
 * administrator invites, resends, revokes, changes roles, deactivates (which signs the person out
 * at once and makes its sign-in fail like a wrong password) and reactivates; the last
 * administrator stays. The team page is a supplier administrator's, for its own supplier's people.
 */
test.describe.configure({ mode: "default" });

let world: AdminWorld;
let admin: APIRequestContext;
let users: string;

test.beforeAll(async () => {
  world = await buildAdminWorld("people-e2e");
  admin = await signIn(world, "admin");
  users = `/t/${world.slug}/admin/users`;
});

test.afterAll(async () => {
  await admin?.dispose();
  await world?.db.close();
});

const invitationIdOf = (html: string, email: string) =>
  new RegExp(`data-invitation="${email}"[\\s\\S]*?name="invitationId" value="([0-9a-f-]{36})"`).exec(html)?.[1];

test("the users page is a 404 for every role but the administrator's, GET and POST, and a POST changes nothing", async () => {
  for (const who of ["manager", "buyer", "supplier", "teamAdmin"] as const) {
    const client = await signIn(world, who);
    expect((await client.get(users)).status(), `${who} GET`).toBe(404);
    const forged = await post(client, users, { intent: "deactivate", membershipId: world.people.leaver.membershipId });
    expect(forged.status(), `${who} POST`).toBe(404);
    const invite = await post(client, users, {
      intent: "invite",
      email: `x-${who}@people-e2e.example`,
      role: "admin",
      locale: "en",
    });
    expect(invite.status()).toBe(404);
    await client.dispose();
  }
  expect(await membershipStatus(world, world.people.leaver.membershipId)).toBe("active");
  const anonymous = await newClient();
  expect((await anonymous.get(users)).status()).toBe(302);
  await anonymous.dispose();
});

test("the administrator sees every member with role, supplier, status and last sign-in, and filters them", async () => {
  const page = await admin.get(users);
  expect(page.status()).toBe(200);
  const html = await page.text();
  for (const who of ["admin", "manager", "outsider", "teamAdmin"] as const) expect(html).toContain(world.people[who].email);
  const rowOf = (who: keyof AdminWorld["people"]) =>
    new RegExp(`data-member="${world.people[who].email}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
  // The mark, not the role form's checkbox of the same words.
  expect(rowOf("teamAdmin")).toMatch(/data-supplier-admin="">Supplier administrator</);
  expect(textOf(rowOf("teamAdmin"))).toContain("Mine Supplies");
  expect(textOf(rowOf("colleague"))).toContain("Never");
  expect(rowOf("colleague")).not.toContain("data-supplier-admin");
  const adminRow = new RegExp(`data-member="${world.people.admin.email}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
  expect(textOf(adminRow)).not.toContain("Never");

  const suppliersOnly = await (await admin.get(`${users}?role=supplier`)).text();
  expect(suppliersOnly).toContain(world.people.outsider.email);
  expect(suppliersOnly).not.toContain(world.people.manager.email);
  const search = await (await admin.get(`${users}?q=${encodeURIComponent(world.people.manager.email.slice(0, 12))}`)).text();
  expect(search).toContain(world.people.manager.email);
  expect(search).not.toContain(world.people.outsider.email);
  expect((await admin.get(`${users}?q=${encodeURIComponent("a\u0001b")}`)).status()).toBe(400);
});

test("the administrator invites, is refused a second invitation to the same address, resends and revokes", async () => {
  const email = `new-${Date.now()}@people-e2e.example`;
  const invited = await post(admin, users, {
    intent: "invite",
    email,
    role: "supplier",
    supplierId: world.suppliers.mine,
    locale: "zh-CN",
  });
  expect(await landing(admin, invited)).toContain(`Invitation sent to ${email}.`);

  const again = await post(admin, users, { intent: "invite", email, role: "buyer", locale: "en" });
  expect(again.status()).toBe(400);
  expect(textOf(await again.text())).toContain("An invitation to this address is still open");
  const member = await post(admin, users, { intent: "invite", email: world.people.manager.email, role: "buyer", locale: "en" });
  expect(member.status()).toBe(400);
  expect(textOf(await member.text())).toContain("This address already belongs to an active member.");
  const noSupplier = await post(admin, users, { intent: "invite", email: `s-${email}`, role: "supplier", locale: "en" });
  expect(noSupplier.status()).toBe(400);
  expect(textOf(await noSupplier.text())).toContain("A supplier's person needs the supplier they work for.");

  const html = await (await admin.get(users)).text();
  const invitationId = invitationIdOf(html, email);
  expect(invitationId, "the pending invitation is listed").toBeTruthy();
  expect(await landing(admin, await post(admin, users, { intent: "resend", invitationId: invitationId! }))).toContain(
    "Invitation sent again with a new link.",
  );
  const revoked = await landing(admin, await post(admin, users, { intent: "revoke", invitationId: invitationId! }));
  expect(revoked).toContain("Invitation revoked");
  expect(invitationIdOf(await (await admin.get(users)).text(), email)).toBeUndefined();
  expect((await post(admin, users, { intent: "revoke", invitationId: invitationId! })).status()).toBe(404);
});

test("the administrator changes a role; the last administrator cannot be demoted", async () => {
  const leaver = world.people.leaver;
  const changed = await post(admin, users, {
    intent: "change-role",
    membershipId: leaver.membershipId,
    role: "supplier",
    supplierId: world.suppliers.other,
    supplierAdmin: "on",
  });
  expect(await landing(admin, changed)).toContain("Role saved.");
  const html = await (await admin.get(users)).text();
  const row = new RegExp(`data-member="${leaver.email}"[\\s\\S]*?</tr>`).exec(html)?.[0] ?? "";
  expect(row).toContain('data-role="supplier"');
  expect(textOf(row)).toContain("Other Supplies");
  await landing(admin, await post(admin, users, { intent: "change-role", membershipId: leaver.membershipId, role: "buyer" }));

  const demote = await post(admin, users, {
    intent: "change-role",
    membershipId: world.people.admin.membershipId,
    role: "manager",
  });
  expect(demote.status()).toBe(409);
  expect(textOf(await demote.text())).toContain("The last active administrator cannot be demoted or deactivated.");
  const unknown = await post(admin, users, { intent: "deactivate", membershipId: "00000000-0000-4000-8000-000000000000" });
  expect(unknown.status()).toBe(404);
});

test("deactivation signs the person out at once and its sign-in fails like a wrong password; reactivation lets it back", async () => {
  const leaver = await signIn(world, "leaver");
  expect((await leaver.get(`/t/${world.slug}/inventory`)).status()).toBe(200);
  const done = await post(admin, users, { intent: "deactivate", membershipId: world.people.leaver.membershipId });
  expect(await landing(admin, done)).toContain("Deactivated and signed out.");

  const next = await leaver.get(`/t/${world.slug}/inventory`, { maxRedirects: 0 });
  expect(next.status()).toBe(302);
  expect(next.headers().location).toMatch(/^\/login\?/);
  const probe = await newClient();
  const refused = await postLogin(probe, world.people.leaver.email, PASSWORD);
  const wrong = await postLogin(probe, world.people.leaver.email, "not-the-password");
  expect(refused.status()).toBe(wrong.status());
  expect(textOf(await refused.text())).toContain("The email or password is incorrect.");
  expect(textOf(await wrong.text())).toContain("The email or password is incorrect.");

  expect(
    await landing(admin, await post(admin, users, { intent: "reactivate", membershipId: world.people.leaver.membershipId })),
  ).toContain("Reactivated.");
  const back = await postLogin(probe, world.people.leaver.email, PASSWORD);
  expect(back.status()).toBe(302);
  await probe.dispose();
  await leaver.dispose();
});

test("the team page is a supplier administrator's, for its own supplier's people only, whatever ids it forges", async () => {
  const team = `/t/${world.slug}/team`;
  for (const who of ["admin", "manager", "buyer", "supplier"] as const) {
    const client = await signIn(world, who);
    expect((await client.get(team)).status(), `${who} GET`).toBe(404);
    expect((await post(client, team, { intent: "deactivate", membershipId: world.people.colleague.membershipId })).status()).toBe(
      404,
    );
    await client.dispose();
  }
  const lead = await signIn(world, "teamAdmin");
  const html = await (await lead.get(team)).text();
  expect(html).toContain(world.people.colleague.email);
  expect(html).not.toContain(world.people.outsider.email);
  expect(html).not.toContain(world.people.manager.email);
  expect(html).not.toContain('name="role"');

  for (const forged of [world.people.outsider.membershipId, world.people.manager.membershipId]) {
    expect((await post(lead, team, { intent: "deactivate", membershipId: forged })).status()).toBe(404);
  }
  expect(await membershipStatus(world, world.people.outsider.membershipId)).toBe("active");

  const off = await post(lead, team, { intent: "deactivate", membershipId: world.people.colleague.membershipId });
  expect(await landing(lead, off)).toContain("Deactivated and signed out.");
  expect(await membershipStatus(world, world.people.colleague.membershipId)).toBe("deactivated");
  await landing(lead, await post(lead, team, { intent: "reactivate", membershipId: world.people.colleague.membershipId }));
  expect(await membershipStatus(world, world.people.colleague.membershipId)).toBe("active");

  const email = `colleague-${Date.now()}@people-e2e.example`;
  const invited = await post(lead, team, {
    intent: "invite",
    email,
    role: "admin",
    supplierId: world.suppliers.other,
    locale: "en",
  });
  expect(await landing(lead, invited)).toContain(`Invitation sent to ${email}.`);
  const rows = (await world.db.db.execute(sql`select role, supplier_id from invitations where email = ${email}`)) as unknown as {
    rows?: { role: string; supplier_id: string }[];
  } & { role: string; supplier_id: string }[];
  const [row] = rows.rows ?? rows;
  expect(row).toEqual({ role: "supplier", supplier_id: world.suppliers.mine });
  const theirs = await post(admin, users, {
    intent: "invite",
    email: `theirs-${email}`,
    role: "supplier",
    supplierId: world.suppliers.other,
    locale: "en",
  });
  expect(theirs.status()).toBe(302);
  const adminHtml = await (await admin.get(users)).text();
  const theirId = new RegExp(`data-invitation="theirs-${email}"[\\s\\S]*?name="invitationId" value="([0-9a-f-]{36})"`).exec(
    adminHtml,
  )?.[1];
  expect((await post(lead, team, { intent: "revoke", invitationId: theirId! })).status()).toBe(404);
  await lead.dispose();
});
