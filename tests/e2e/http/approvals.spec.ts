import { type APIRequestContext, expect, test } from "@playwright/test";
import { fixtures, getPage, signedInClient } from "../support";
import { builderLines, createPlan, planForm, planIdOf, post, textOf } from "./plan-forms";

/**
 * The approval workflow over HTTP: the queue is the buyer's and the manager's only; a decision
 * comes from the role whose step it is, on the version the decider saw; a stale or concurrent
 * decision gets 409 and nothing is lost; bad decisions get 400 naming the line and field.
 * Plans are made with northwind's own builder, one line each, of a fixture agreement whose route
 * is known: a slow mover of class CZ (a buyer decides), or a top seller of class AX (a buyer, then
 * a manager).
 */
test.describe.configure({ mode: "default" });

const NORTHWIND = "supplier@northwind.example";

async function planView(client: APIRequestContext, planId: string) {
  const response = await getPage(client, `/t/acme/plans/${planId}`);
  expect(response.status()).toBe(200);
  const html = await response.text();
  return {
    html,
    status: /data-plan-status="([a-z_]+)"/.exec(html)?.[1],
    lockVersion: /<input type="hidden" name="lockVersion" value="(\d+)"/.exec(html)?.[1],
    number: /<h1[^>]*>Plan (RP-\d{4}-\d{5})<\/h1>/.exec(html)?.[1],
  };
}

const queueOf = async (client: APIRequestContext) => (await getPage(client, "/t/acme/approvals")).text();

test("only buyers and managers have an approval queue; the buyer's lists a new plan and the navigation counts it", async () => {
  for (const email of [NORTHWIND, "admin@acme.example"]) {
    const client = await signedInClient(email);
    expect((await getPage(client, "/t/acme/approvals")).status(), email).toBe(404);
  }
  const northwind = await signedInClient(NORTHWIND);
  const [agreement] = fixtures().agreements.buyerOnly;
  const { id } = await createPlan(northwind, [agreement.id], "Queue check");
  const number = (await planView(northwind, id)).number!;

  const buyer = await signedInClient("buyer@acme.example");
  const page = await getPage(buyer, "/t/acme/approvals");
  expect(page.status()).toBe(200);
  const html = await page.text();
  expect(html).toContain(`href="/t/acme/plans/${id}"`);
  expect(textOf(html)).toContain(number);
  const waiting = Number(/data-testid="approvals-count"[^>]*>(\d+) waiting/.exec(html)?.[1]);
  expect(waiting).toBeGreaterThan(0);
  const badge = /data-testid="nav-count-approvals"[^>]*><span aria-hidden="true">(\d+)<\/span>/.exec(html)?.[1];
  expect(Number(badge)).toBe(waiting);

  // The manager's queue holds plans past the buyer's step only.
  const manager = await signedInClient("manager@acme.example");
  expect(await queueOf(manager)).not.toContain(`href="/t/acme/plans/${id}"`);

  // A class CZ line goes to a buyer only: the buyer's approval is the final decision.
  const seen = await planView(buyer, id);
  expect(seen.status).toBe("submitted");
  // The line's projection counts the plan's other lines, and its badges agree with its numbers.
  const review = textOf(seen.html);
  expect(review).toContain("counting the plan's other lines for this item");
  expect(seen.html).toContain('data-testid="badges-1"');
  expect(review).not.toContain("Keeps stock in band");
  const band = /band ([\d,.]+)–([\d,.]+) · forecast/.exec(review);
  const inBand = /In band all \d+ days \(lowest ([\d,.]+), highest ([\d,.]+)\)/.exec(review);
  const num = (x: string) => Number(x.replaceAll(",", ""));
  expect(band).not.toBeNull();
  if (inBand) {
    expect(num(inBand[1])).toBeGreaterThanOrEqual(num(band![1]));
    expect(num(inBand[2])).toBeLessThanOrEqual(num(band![2]));
  }
  // The lines table says which quantity was submitted.
  expect(review).toContain("Submitted qty");
  const approved = await post(buyer, `/t/acme/plans/${id}`, { intent: "approve-all", lockVersion: seen.lockVersion! });
  expect(approved.status()).toBe(302);
  expect(approved.headers().location).toBe(`/t/acme/plans/${id}`);
  // The buyer's next page says so (a toast, read once).
  expect(textOf((await planView(buyer, id)).html)).toContain("Your decisions were recorded.");
  const decided = await planView(northwind, id);
  expect(decided.status).toBe("approved");
  expect(textOf(decided.html)).toContain("Decision (approved qty and arrival)");
  expect(decided.html).toMatch(/data-testid="line-decision-1"[^>]*>.*?IA.*?approved [\d,.]+, arriving /s);
  expect(await queueOf(buyer)).not.toContain(`href="/t/acme/plans/${id}"`);
  expect(await queueOf(manager)).not.toContain(`href="/t/acme/plans/${id}"`);
});

test("decisions come from the step's role on the version it saw: others 404 or 409, bad ones 400, one of two at once wins", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const [agreement] = fixtures().agreements.buyerThenManager;
  const { id } = await createPlan(northwind, [agreement.id], "Decision check");
  const buyer = await signedInClient("buyer@acme.example");
  const seen = await planView(buyer, id);
  expect(seen.status).toBe("submitted");
  expect(seen.html).toContain('name="lines[0].code"');
  const lockVersion = seen.lockVersion!;

  // Not a role that decides: the same 404 as for a plan that does not exist.
  for (const email of [NORTHWIND, "admin@acme.example"]) {
    const client = await signedInClient(email);
    const response = await post(client, `/t/acme/plans/${id}`, { intent: "approve-all", lockVersion });
    expect(response.status(), email).toBe(404);
  }
  // The manager decides only after the buyer's step.
  const manager = await signedInClient("manager@acme.example");
  const early = await post(manager, `/t/acme/plans/${id}`, { intent: "approve-all", lockVersion });
  expect(early.status()).toBe(409);
  expect(textOf(await early.text())).toContain("This is not possible while the plan is Submitted.");
  expect((await planView(buyer, id)).lockVersion).toBe(lockVersion);

  // A changed quantity without a reason: 400, naming line and field; nothing recorded.
  const bad = await post(buyer, `/t/acme/plans/${id}`, {
    intent: "decide",
    lockVersion,
    "lines[0].code": "IQ",
    "lines[0].qty": "1",
    "lines[0].reason": "",
  });
  expect(bad.status()).toBe(400);
  expect(textOf(await bad.text())).toContain("Line 1, Reason: Enter this.");
  expect((await planView(buyer, id)).lockVersion).toBe(lockVersion);

  // Two buyers' approvals at once on the same version: one is recorded, the other is told to reload.
  const buyer2 = await signedInClient("buyer@acme.example");
  const [a, b] = await Promise.all([
    post(buyer, `/t/acme/plans/${id}`, { intent: "approve-all", lockVersion }),
    post(buyer2, `/t/acme/plans/${id}`, { intent: "approve-all", lockVersion }),
  ]);
  const statuses = [a.status(), b.status()].sort();
  expect(statuses).toEqual([302, 409]);
  const [winner, loser] = a.status() === 409 ? [b, a] : [a, b];
  expect(textOf(await loser.text())).toContain("This plan has changed since you opened it. Reload the page");
  // The buyer's step is done: the winner is told the plan now waits for a manager.
  expect(winner.headers().location).toBe(`/t/acme/plans/${id}`);
  const winnerClient = winner === a ? buyer : buyer2;
  expect(textOf((await planView(winnerClient, id)).html)).toContain("Your step is done; the plan now waits for a manager.");

  // An A-class line goes to a buyer, then a manager: the plan now waits in the manager's queue.
  const after = await planView(northwind, id);
  expect(after.status).toBe("in_review");
  // The buyer's step is in the timeline once.
  const stepEvents = (after.html.match(/(Approved|Step decided) by a buyer/g) ?? []).length;
  expect(stepEvents).toBe(1);
  expect(await queueOf(buyer)).not.toContain(`href="/t/acme/plans/${id}"`);
  expect(await queueOf(manager)).toContain(`href="/t/acme/plans/${id}"`);
});

test("a 200-line plan: grouped route reasons, paged and filtered lines, decisions for a selection, approve all under a second", async () => {
  const northwind = await signedInClient(NORTHWIND);
  const [dear] = fixtures().agreements.buyerThenManager;
  const [cheap] = fixtures().agreements.buyerOnly;
  // The builder's line of each agreement, a hundred times each: an A-class item and a slow mover.
  const { requestId, lines } = await builderLines(northwind, [dear.id, cheap.id], "Spread over the season");
  const many = Array.from({ length: 200 }, (_, i) => lines[i < 100 ? 0 : 1]);
  const created = await post(northwind, "/t/acme/plans/new", planForm(many, { requestId, note: "Season" }));
  const id = planIdOf(created);
  const url = `/t/acme/plans/${id}`;

  const buyer = await signedInClient("buyer@acme.example");
  const started = Date.now();
  const seen = await planView(buyer, id);
  const serverMs = Date.now() - started;
  console.log(`200-line plan page: ${serverMs} ms, ${(seen.html.length / 1024).toFixed(0)} KB`);
  expect(seen.status).toBe("submitted");
  expect(seen.html.length).toBeLessThan(500_000);
  expect(serverMs).toBeLessThan(3_000);
  const text = textOf(seen.html);
  // One sentence for the hundred A-class lines, opening to their numbers.
  expect(text).toContain("100 lines are A-class items.");
  expect(text).not.toContain("Line 1 is an A-class item.");
  expect(text).toContain(`Lines ${Array.from({ length: 100 }, (_, i) => i + 1).join(", ")}`);
  // Fifty lines a page; the filters count the lines of each problem.
  expect(text).toContain("Lines 1–50 of 200");
  expect(seen.html).toContain('data-testid="review-line-50"');
  expect(seen.html).not.toContain('data-testid="review-line-51"');
  expect(text).toMatch(/All 200 Stockout left \(\d+\) Above max \(\d+\) Changed by a decision \(0\)/);
  const second = await (await getPage(buyer, `${url}?page=2`)).text();
  expect(second).toContain('data-testid="review-line-51"');
  expect(second).not.toContain('data-testid="review-line-50"');
  // The page's own decision fields, named by the lines' places in the plan, and a checkbox a line.
  expect(seen.html).toContain('name="lines[49].code"');
  expect(seen.html).not.toContain('name="lines[50].code"');
  expect(seen.html).toMatch(/<input[^>]*form="plan-selection"[^>]*name="selected"[^>]*value="1"/);

  // Rejecting one line with a reason; then a selection with one line that is not the plan's is
  // refused whole: nothing recorded.
  const lockVersion = seen.lockVersion!;
  const rejected = await post(buyer, url, {
    intent: "reject-selected",
    lockVersion,
    selected: "5",
    selectionReason: "Not needed",
  });
  expect(rejected.status()).toBe(302);
  const afterOne = await planView(buyer, id);
  const refused = await buyer.post(`${url}?page=2`, {
    data: `intent=reject-selected&lockVersion=${afterOne.lockVersion}&selected=6&selected=999&selectionReason=No`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
  });
  expect(refused.status()).toBe(400);
  expect(textOf(await refused.text())).toContain("Not lines of this plan: 999. Nothing was recorded.");
  expect((await planView(buyer, id)).lockVersion).toBe(afterOne.lockVersion);

  // Approving a selection: back to the page it was made on, with the outcome at the top.
  const approved = await buyer.post(`${url}?page=1`, {
    data: `intent=approve-selected&lockVersion=${afterOne.lockVersion}&selected=1&selected=2&selected=3`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
  });
  expect(approved.status()).toBe(302);
  expect(approved.headers().location).toBe(`${url}?page=1`);
  const back = await (await getPage(buyer, `${url}?page=1`)).text();
  expect(back).toMatch(/data-testid="plan-outcome"[^>]*>3 lines approved/);
  expect(textOf(back)).toContain("4 of 200 lines have a decision recorded.");
  // The rejected line is the one "changed" line.
  const changed = await (await getPage(buyer, `${url}?problem=changed`)).text();
  expect(textOf(changed)).toContain("Lines 1–1 of 1");
  expect(changed).toContain('data-testid="review-line-5"');
  expect(changed).not.toContain('data-testid="review-line-1"');

  // A page's own decision fields are named by the lines' places in the plan, and recorded for that page only.
  const page2 = await (await getPage(buyer, `${url}?page=2`)).text();
  expect(page2).toContain('name="lines[55].code"');
  expect(page2).not.toContain('name="lines[0].code"');
  const lockNow = (await planView(buyer, id)).lockVersion!;
  const recorded = await buyer.post(`${url}?page=2`, {
    data: `intent=record-page&lockVersion=${lockNow}&lines[55].code=IR&lines[55].reason=${encodeURIComponent("Too early")}&lines[56].code=IA`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    maxRedirects: 0,
  });
  expect(recorded.status()).toBe(302);
  expect(recorded.headers().location).toBe(`${url}?page=2`);
  const twoChanged = textOf(await (await getPage(buyer, `${url}?problem=changed`)).text());
  expect(twoChanged).toContain("Lines 1–2 of 2");
  expect(twoChanged).toContain("6 of 200 lines have a decision recorded.");

  // Approve all finishes the buyer's step, keeping the rejection, in well under a second.
  const current = await planView(buyer, id);
  const before = Date.now();
  const all = await post(buyer, url, { intent: "approve-all", lockVersion: current.lockVersion! });
  const approveMs = Date.now() - before;
  console.log(`approve all, 200 lines: ${approveMs} ms`);
  expect(all.status()).toBe(302);
  expect(approveMs).toBeLessThan(2_000);
  const done = await planView(buyer, id);
  expect(done.status).toBe("in_review");
  expect(done.html).toMatch(/data-testid="plan-outcome"[^>]*>Your step is done; the plan now waits for a manager\./);
  // In the manager's queue, its worst problem is told by urgency, not a red stockout on every plan.
  const manager = await signedInClient("manager@acme.example");
  const queue = await queueOf(manager);
  const cell = new RegExp(`data-testid="problem-${id}"[^>]*>(.*?)</td>`, "s").exec(queue)?.[1] ?? "";
  expect(cell).not.toContain("Stockout left");
  expect(cell.includes("bg-red-100")).toBe(cell.includes('data-urgency="act_now"'));
});
