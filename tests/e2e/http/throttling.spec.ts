import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { newClient, postLogin } from "../support";

test("more than 10 attempts a minute from one address get 429 with Retry-After", async () => {
  const client = await newClient(); // its own client address
  const statuses: number[] = [];
  for (let attempt = 1; attempt <= 11; attempt++) {
    const response = await postLogin(client, `someone-${attempt}@acme.example`, "wrong-password");
    statuses.push(response.status());
    if (attempt === 11) {
      const retryAfter = Number(response.headers()["retry-after"]);
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
  expect(statuses[10]).toBe(429);
});

test("after 5 failures on an account, the next attempt must wait, whichever the address", async () => {
  const email = `victim-${randomUUID().slice(0, 8)}@acme.example`;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const response = await postLogin(await newClient(), email, "wrong-password");
    expect(response.status(), `attempt ${attempt}`).toBe(401);
  }
  const sixth = await postLogin(await newClient(), email, "wrong-password");
  expect(sixth.status()).toBe(429);
  expect(Number(sixth.headers()["retry-after"])).toBeGreaterThanOrEqual(1);
  expect(await sixth.text()).toContain("Too many sign-in attempts");
});
