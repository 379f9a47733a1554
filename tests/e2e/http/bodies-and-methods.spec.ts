import { type APIRequestContext, expect, test } from "@playwright/test";
import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import { baseURL, DEMO_PASSWORD, freshAddress, getPage, newClient, postLogin, signedInClient } from "../support";

/**
 * What the server does with bodies and methods no route expects, before any route runs: page
 * routes take forms (urlencoded, or multipart like any form); text, JSON and malformed forms get
 * 415 or 400, a body over 1 MiB 413 (chunked or not), methods the portal does not serve 405 with
 * Allow. Each refusal writes nothing, which the tests check by what a user would see.
 *
 * The signed-in user is Fabrikam's supplier (no other HTTP test signs in as it); nothing here
 * changes its password, language or agreements unless a refusal fails.
 */

const SUPPLIER = "supplier@fabrikam.example";
const port = Number(new URL(baseURL).port);
const TWO_MIB = 2 * 1024 * 1024;
const ALLOW = "GET, HEAD, POST, OPTIONS";

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request by node:http, which sends what the test client will not (TRACE, chunked uploads). */
function raw(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: () => AsyncIterable<Buffer> } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({
      host: "127.0.0.1",
      port,
      method,
      path,
      headers: { Origin: baseURL, "X-Forwarded-For": freshAddress(), ...options.headers },
    });
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString() }));
    });
    // The server stops taking an upload it refused; its answer is what counts.
    req.on("error", (error) => (req.writableFinished ? undefined : reject(error)));
    void (async () => {
      if (options.body) {
        for await (const chunk of options.body()) {
          if (!req.write(chunk)) await new Promise((resume) => req.once("drain", resume));
        }
      }
      req.end();
    })().catch(() => {});
  });
}

/** 2 MiB of form, sent chunked (no Content-Length to refuse it by). */
function chunkedForm(fields: string) {
  return async function* () {
    yield Buffer.from(`${fields}&padding=`);
    for (let sent = 0; sent < TWO_MIB; sent += 64 * 1024) yield Buffer.alloc(64 * 1024, "a");
  };
}

async function sessionCookieOf(client: APIRequestContext) {
  const cookie = (await client.storageState()).cookies.find((c) => c.name === "vmi_session");
  expect(cookie, "the client is signed in").toBeTruthy();
  return `vmi_session=${cookie!.value}`;
}

/** Sends `fields` to `path` as text, JSON, a malformed multipart body and a chunked 2 MiB form. */
async function sendEveryWrongBody(client: APIRequestContext, path: string, fields: Record<string, string>) {
  const form = new URLSearchParams(fields).toString();
  const asText = await client.post(path, { data: form, headers: { "Content-Type": "text/plain" } });
  expect(asText.status(), `${path} text/plain`).toBe(415);
  expect(await asText.text()).toBe(
    "This address takes form submissions only (application/x-www-form-urlencoded or multipart/form-data).",
  );
  const asJson = await client.post(path, { data: fields, headers: { "Content-Type": "application/json" } });
  expect(asJson.status(), `${path} JSON`).toBe(415);
  const malformed = await client.post(path, {
    data: `--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n${form}`,
    headers: { "Content-Type": "multipart/form-data; boundary=xyz" },
  });
  expect(malformed.status(), `${path} malformed multipart`).toBe(400);
  expect(await malformed.text()).toBe("The form data could not be read (malformed multipart body).");
  const cookie = (await client.storageState()).cookies.find((c) => c.name === "vmi_session");
  const chunked = await raw("POST", path, {
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      "Transfer-Encoding": "chunked",
      ...(cookie ? { Cookie: `vmi_session=${cookie.value}` } : {}),
    },
    body: chunkedForm(form),
  });
  expect(chunked.status, `${path} chunked 2 MiB`).toBe(413);
  for (const response of [asText, asJson, malformed]) expect(response.headers()["set-cookie"]).toBeUndefined();
  expect(chunked.headers["set-cookie"]).toBeUndefined();
}

test("sign-in takes a form, urlencoded or multipart, and nothing else: a JSON body with the right password signs nobody in", async () => {
  const client = await newClient();
  await sendEveryWrongBody(client, "/login", { email: "buyer@acme.example", password: DEMO_PASSWORD, redirectTo: "" });
  // Nothing signed the client in.
  const inventory = await client.get("/t/acme/inventory");
  expect(inventory.status()).toBe(302);
  expect(inventory.headers()["location"]).toContain("/login");

  // A well-formed multipart form is a form like any other.
  const multipart = await client.post("/login", {
    multipart: { email: "buyer@acme.example", password: DEMO_PASSWORD, redirectTo: "" },
  });
  expect(multipart.status()).toBe(302);
  expect(multipart.headers()["set-cookie"]).toContain("vmi_session=");
});

test("a password change in any body but a form changes nothing", async () => {
  const client = await signedInClient(SUPPLIER);
  const newPassword = "not-the-new-password-1";
  await sendEveryWrongBody(client, "/account/password", {
    currentPassword: DEMO_PASSWORD,
    newPassword,
    confirmPassword: newPassword,
  });
  // The session still works, the old password still signs in, the new one does not.
  expect((await client.get("/t/acme")).status()).toBe(200);
  expect((await postLogin(await newClient(), SUPPLIER, DEMO_PASSWORD)).status()).toBe(302);
  expect((await postLogin(await newClient(), SUPPLIER, newPassword)).status()).toBe(401);
});

test("a language choice in any body but a form changes nothing", async () => {
  const client = await signedInClient(SUPPLIER);
  await sendEveryWrongBody(client, "/account/language", { language: "zh-CN", redirectTo: "/t/acme" });
  const page = await getPage(client, "/t/acme");
  expect(await page.text()).toContain('<html lang="en"');
});

test("a band proposal in any body but a form writes no proposal", async () => {
  const client = await signedInClient(SUPPLIER);
  const list = await (await getPage(client, "/t/acme/inventory")).text();
  const ids = [...new Set([...list.matchAll(/href="\/t\/acme\/inventory\/([0-9a-f-]{36})"/g)].map((m) => m[1]!))];
  let agreementId: string | undefined;
  for (const id of ids) {
    if ((await (await getPage(client, `/t/acme/inventory/${id}`)).text()).includes('data-testid="propose-form"')) {
      agreementId = id;
      break;
    }
  }
  expect(agreementId, "an agreement of Fabrikam's without a pending proposal").toBeTruthy();
  const path = `/t/acme/inventory/${agreementId}`;
  await sendEveryWrongBody(client, path, { intent: "propose", minQty: "10", maxQty: "50", reason: "Demand grew" });
  // The page still offers the form: no proposal is pending.
  expect(await (await getPage(client, path)).text()).toContain('data-testid="propose-form"');
});

test("TRACE, PUT, DELETE, PATCH and PROPFIND get 405 with the methods the portal serves", async () => {
  const cookie = await sessionCookieOf(await signedInClient(SUPPLIER));
  for (const method of ["TRACE", "PUT", "DELETE", "PATCH", "PROPFIND"]) {
    for (const path of ["/login", "/account/password", "/t/acme/inventory", "/favicon.svg"]) {
      const response = await raw(method, path, { headers: { Cookie: cookie } });
      expect(response.status, `${method} ${path}`).toBe(405);
      expect(response.headers["allow"], `${method} ${path}`).toBe(ALLOW);
      expect(response.body).toBe("Method not allowed.");
    }
  }
  const options = await raw("OPTIONS", "/login");
  expect(options.status).toBe(204);
  expect(options.headers["allow"]).toBe(ALLOW);
});

test("CONNECT is never served: 405, or the connection closes without an answer", async () => {
  const answer = await new Promise<string>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () =>
      socket.write("CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n"),
    );
    let text = "";
    socket.on("data", (chunk) => (text += chunk.toString()));
    socket.on("close", () => resolve(text));
    socket.on("error", (error: NodeJS.ErrnoException) => (error.code === "ECONNRESET" ? resolve(text) : reject(error)));
  });
  if (answer) {
    expect(answer).toMatch(/^HTTP\/1\.1 405 /);
    expect(answer).toContain(`Allow: ${ALLOW}`);
  }
});

test("?_data requests get 400 (route data comes from .data URLs), signed in or not", async () => {
  const anonymous = await newClient();
  const signedIn = await signedInClient(SUPPLIER);
  for (const client of [anonymous, signedIn]) {
    for (const path of ["/login?_data=routes/login", "/t/acme?_data=routes/tenant", "/t/acme?_data=root"]) {
      const response = await client.get(path);
      expect(response.status(), path).toBe(400);
      expect(await response.text()).toBe("Route data is not served through ?_data.");
    }
  }
});

test("a NUL character in an address is refused with 400 before it reaches a query", async () => {
  const client = await signedInClient(SUPPLIER);
  for (const path of ["/t/acme/inventory?q=%00", "/t/acme/plans?supplier=a%00b", "/login?redirectTo=%00"]) {
    expect((await client.get(path)).status(), path).toBe(400);
  }
});

test("every response carries an X-Request-Id, refusals and static files included", async () => {
  const client = await newClient();
  const ids = new Set<string>();
  for (const response of [
    await client.get("/login"),
    await client.get("/favicon.svg"),
    await client.post("/login", { data: "x", headers: { "Content-Type": "text/plain" } }),
  ]) {
    const id = response.headers()["x-request-id"];
    expect(id, response.url()).toMatch(/^[0-9a-f-]{36}$/);
    ids.add(id!);
  }
  const refused = await raw("TRACE", "/login");
  expect(refused.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  ids.add(String(refused.headers["x-request-id"]));
  expect(ids.size, "one id per request").toBe(4);
});
