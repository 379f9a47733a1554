import { expect, type Page, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import routeConfig from "../../../app/routes";
import { type Role, ROUTE_TABLE, walkRoutes } from "../isolation/route-table";
import { type DatabaseHandle, openPgliteSocket } from "@db/client";
import { pgSocketPathFor } from "@db/embedded/local-access";
import { notifications, tenants, users } from "@db/schema";
import { eq } from "drizzle-orm";
import { dataDir, DEMO_PASSWORD } from "../support";

/**
 * The portal on a phone (390 × 844 CSS pixels): every page each demo role can open fits the
 * screen's width — wide tables scroll inside their own frame — and the header collapses into one
 * menu that carries the navigation, the inbox, the language picker and sign-out.
 *
 * The pages come from the route table: every page route the role may open. Each role's pages are
 * reached the way a user reaches them, by following the links of the pages already seen from the
 * role's start page (one page per route; the records of pages with ids are the demo's), so that
 * a route no link leads to is reported rather than guessed at.
 */

const WIDTH = 390;
test.use({ viewport: { width: WIDTH, height: 844 } });

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const isPage = (file: string) => /export default function/.test(readFileSync(path.join(ROOT, "app", file), "utf8"));

interface PortalPage {
  file: string;
  /** A page, rather than a download or an endpoint. */
  page: boolean;
  regex: RegExp;
  /** Path parameters: the fewer, the more specific (`plans/new` before `plans/:planId`). */
  dynamic: number;
}

const ROUTES: PortalPage[] = walkRoutes(routeConfig)
  .filter((r) => r.file !== "routes/tenant.tsx")
  .map((r) => ({
    file: r.file,
    page: ["tenant", "account", "fallback"].includes(ROUTE_TABLE[r.file]?.area) && isPage(r.file),
    regex: new RegExp(`^/${r.pattern.replace(/:\w+/g, "[^/]+").replace(/\*$/, ".*")}/?$`),
    dynamic: r.params.length + (r.pattern.endsWith("*") ? 100 : 0),
  }));

/** The page an address opens; null for a download or an endpoint. */
function routeOf(url: string): string | null {
  const pathname = url.split(/[?#]/)[0];
  const best = ROUTES.filter((r) => r.regex.test(pathname)).sort((a, b) => a.dynamic - b.dynamic)[0];
  return best?.page ? best.file : null;
}

/** Pages no demo link leads to, and why; visited all the same when a link does. */
const MAY_BE_UNLINKED: Record<string, string> = {
  "routes/tenant.import.tsx": "the demo has no imports in acme",
};

/**
 * Each demo role. `seeds` are opened besides the start page; `planOf` are lists whose first plan
 * is opened too, whatever plan another list led to first: the one waiting for the role's decision
 * (the review), a supplier's approved plan (which leads to its shipping notice) and draft (which
 * leads to the plan editor).
 */
const USERS: { role: Role; email: string; start: RegExp; seeds: string[]; planOf: string[] }[] = [
  { role: "admin", email: "admin@acme.example", start: /\/t\/acme\/inventory$/, seeds: [], planOf: [] },
  { role: "manager", email: "manager@acme.example", start: /\/t\/acme$/, seeds: [], planOf: ["/t/acme/approvals"] },
  { role: "buyer", email: "buyer@acme.example", start: /\/t\/acme$/, seeds: [], planOf: ["/t/acme/approvals"] },
  // Northwind's supplier belongs to two companies and administers its own people (the team page).
  {
    role: "supplier",
    email: "supplier@northwind.example",
    start: /\/t\/acme$/,
    seeds: ["/t/acme/plans/new"],
    planOf: ["/t/acme/plans?status=approved", "/t/acme/plans?status=draft"],
  },
];

/** Addresses that are pages without a link to them: each is opened too (a bad token is a page). */
const UNLINKED = [
  "/",
  "/login",
  "/forgot-password",
  "/setup/phone-layout",
  "/invite/phone-layout",
  "/reset-password/phone-layout",
  "/t/acme/no-such-page",
];

/** An unread notification of the manager's, so that the collapsed header has a count to show. */
const UNREAD_EVENT = randomUUID();
let db: DatabaseHandle;

test.beforeAll(async () => {
  db = await openPgliteSocket(pgSocketPathFor(path.resolve(dataDir)), "e2e");
  const [tenant] = await db.db.select({ id: tenants.id }).from(tenants).where(eq(tenants.slug, "acme"));
  const [manager] = await db.db.select({ id: users.id }).from(users).where(eq(users.email, "manager@acme.example"));
  await db.db.insert(notifications).values({
    tenantId: tenant.id,
    userId: manager.id,
    eventId: UNREAD_EVENT,
    kind: "plan.step_reached",
    payload: { planNumber: "RP-2026-99999", supplierName: "Northwind Components" },
    link: "approvals",
  });
});

test.afterAll(async () => {
  await db.db.delete(notifications).where(eq(notifications.eventId, UNREAD_EVENT));
  await db.close();
});

async function signIn(page: Page, email: string) {
  await page.goto("/login");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/t\//);
}

async function pageWidth(page: Page) {
  return page.evaluate(() => document.documentElement.scrollWidth);
}

/** The menu opens from the keyboard, shows what the wide header shows, and Escape closes it. */
async function checkMenu(page: Page, texts: { menu: string; signOut: string; language: string; inbox: RegExp }) {
  const menu = page.locator("summary[aria-controls='account-menu']");
  await expect(menu).toBeVisible();
  await expect(menu).toContainText(texts.menu);
  // aria-expanded is set once the page has hydrated.
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  const signOut = page.getByRole("button", { name: texts.signOut });
  await expect(signOut).toBeHidden();
  await menu.focus();
  await page.keyboard.press("Enter");
  await expect(menu).toHaveAttribute("aria-expanded", "true");
  await expect(signOut).toBeVisible();
  await expect(page.getByLabel(texts.language)).toBeVisible();
  const nav = page.locator("#account-menu").getByRole("navigation");
  await expect(nav.getByRole("link", { name: texts.inbox })).toBeVisible();
  expect(await pageWidth(page)).toBeLessThanOrEqual(WIDTH + 1);
  await page.keyboard.press("Escape");
  await expect(menu).toHaveAttribute("aria-expanded", "false");
  await expect(signOut).toBeHidden();
  await expect(menu).toBeFocused();
}

for (const user of USERS) {
  test(`every page a ${user.role} can open fits a phone's width, and the header collapses into a menu`, async ({ page }) => {
    // Some forty pages, the plan builder's hundred-odd lines among them, on a slow 2-core machine.
    test.setTimeout(300_000);
    await signIn(page, user.email);
    await expect(page).toHaveURL(user.start);

    // The collapsed header: the wide header's links are out of sight, the unread count on the menu.
    // Hydrated (aria-expanded is set then), and the count read from the page as rendered.
    await expect(page.locator("summary[aria-controls='account-menu']")).toHaveAttribute("aria-expanded", "false", {
      timeout: 20_000,
    });
    await expect(page.getByTestId("header-unread")).toBeHidden();
    const unread = page.getByTestId("menu-unread");
    if (user.role === "manager") await expect(unread).toBeVisible();
    const count = (await unread.count()) ? Number(/^\d+/.exec(await unread.innerText())![0]) : 0;
    const inbox = count ? new RegExp(`^Inbox, ${count} unread$`) : /^Inbox$/;
    await checkMenu(page, { menu: "Menu", signOut: "Sign out", language: "Language", inbox });

    const expected = ROUTES.filter((r) => r.page && ROUTE_TABLE[r.file].roles.includes(user.role)).map((r) => r.file);
    const queued = new Set<string>();
    const queue: string[] = [];
    const enqueue = (url: string, always = false) => {
      const route = routeOf(url);
      if (!route || !expected.includes(route) || (!always && queued.has(route))) return;
      queued.add(route);
      queue.push(url);
    };
    enqueue(new URL(page.url()).pathname);
    for (const seed of user.seeds) enqueue(seed, true);
    for (const list of user.planOf) {
      await page.goto(list);
      const plan = await page
        .locator("main a[href*='/plans/']")
        .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? "").find((href) => /\/plans\/[0-9a-f-]{36}$/.test(href)));
      if (plan) enqueue(plan, true);
    }

    const widths: { url: string; route: string; width: number }[] = [];
    while (queue.length) {
      const url = queue.shift()!;
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      widths.push({ url, route: routeOf(url)!, width: await pageWidth(page) });
      const links = await page.locator("a[href^='/']").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
      for (const link of links) if (!link.startsWith("/t/") || link.startsWith("/t/acme")) enqueue(link);
    }
    for (const url of UNLINKED) {
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      widths.push({ url, route: routeOf(url) ?? url, width: await pageWidth(page) });
    }
    console.log(`${user.role}: ${widths.map((w) => `${w.url} ${w.width}`).join(", ")}`);

    expect(widths.filter((w) => w.width > WIDTH + 1)).toEqual([]);
    const visited = new Set(widths.map((w) => w.route));
    expect(expected.filter((file) => !visited.has(file) && !MAY_BE_UNLINKED[file])).toEqual([]);
  });
}

// Globex's buyer: no other test signs in as it, so its language may change for a while.
test("the menu and the pages fit in Simplified Chinese too", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, "buyer@globex.example");
  const menu = page.locator("summary[aria-controls='account-menu']");
  // Hydrated: the inventory list takes a while on a busy machine.
  await expect(menu).toHaveAttribute("aria-expanded", "false", { timeout: 20_000 });
  await menu.click();
  await page.getByLabel("Language").selectOption("zh-CN");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  try {
    await checkMenu(page, { menu: "菜单", signOut: "退出登录", language: "语言", inbox: /^通知/ });
    for (const section of [
      "inventory",
      "plans",
      "approvals",
      "shipments",
      "proposals",
      "compliance",
      "compliance/suppliers",
      "inbox",
    ]) {
      const url = `/t/globex/${section}`;
      await page.goto(url);
      await page.waitForLoadState("networkidle");
      expect(await pageWidth(page), url).toBeLessThanOrEqual(WIDTH + 1);
    }
  } finally {
    // The account goes back to English for the other tests.
    await page.goto("/t/globex/inventory");
    await page.locator("summary[aria-controls='account-menu']").click();
    await page.getByLabel("语言").selectOption("en");
    await page.getByRole("button", { name: "应用" }).click();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
  }
});
