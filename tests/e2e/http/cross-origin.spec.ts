import { expect, test } from "@playwright/test";
import { baseURL, newClient, postLogin } from "../support";

test("a POST without Origin or Sec-Fetch-Site is refused with 403", async () => {
  const client = await newClient({ origin: null });
  const response = await postLogin(client, "buyer@acme.example", "vmi-demo-2026");
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("a POST from another origin is refused with 403", async () => {
  const client = await newClient({ origin: "https://evil.example" });
  const response = await postLogin(client, "buyer@acme.example", "vmi-demo-2026");
  expect(response.status()).toBe(403);
  expect(response.headers()["set-cookie"]).toBeUndefined();
});

test("a POST marked Sec-Fetch-Site: same-origin is accepted without Origin", async () => {
  const client = await newClient({ origin: null });
  const response = await client.post("/login", {
    form: { email: "buyer@acme.example", password: "vmi-demo-2026" },
    headers: { "Sec-Fetch-Site": "same-origin" },
    maxRedirects: 0,
  });
  expect(response.status()).toBe(302);
});

test("sign-out is a POST too: a cross-site form cannot sign a user out", async () => {
  const client = await newClient({ origin: `${baseURL.replace("127.0.0.1", "evil.localhost")}` });
  const response = await client.post("/logout", { maxRedirects: 0 });
  expect(response.status()).toBe(403);
});
