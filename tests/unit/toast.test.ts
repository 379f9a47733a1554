import { describe, expect, it } from "vitest";
import { getToast, redirectWithToast, TOAST_COOKIE, toastCookie } from "~/utils/toast.server";

const url = "http://portal.test/t/acme/plans/1";

/** The cookie a browser sends back after `setCookie`. */
function requestWith(setCookie: string) {
  return new Request(url, { headers: { Cookie: setCookie.split(";")[0] } });
}

describe("the flash toast", () => {
  it("a redirect carries the toast to the next page, which reads it once and clears it", () => {
    const response = redirectWithToast(new Request(url, { method: "POST" }), "/t/acme/plans/1", {
      key: "plans.page.submittedToast",
      params: { number: "RP-2026-00001" },
    });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/t/acme/plans/1");
    const setCookie = response.headers.get("Set-Cookie")!;
    expect(setCookie).toMatch(new RegExp(`^${TOAST_COOKIE}=.+; HttpOnly; SameSite=Lax; Path=/; Max-Age=60$`));

    const { toast, headers } = getToast(requestWith(setCookie));
    expect(toast).toMatchObject({ type: "success", key: "plans.page.submittedToast", params: { number: "RP-2026-00001" } });
    expect(toast!.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(headers.get("Set-Cookie")).toBe(`${TOAST_COOKIE}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0`);
  });

  it("no cookie, no toast and no header", () => {
    const { toast, headers } = getToast(new Request(url));
    expect(toast).toBeNull();
    expect(headers.get("Set-Cookie")).toBeNull();
  });

  it("a forged or broken cookie shows nothing, and is cleared", () => {
    for (const value of ["not-json", encodeURIComponent(JSON.stringify({ key: "<script>" })), "%E0%A4%A", ""]) {
      const { toast, headers } = getToast(new Request(url, { headers: { Cookie: `${TOAST_COOKIE}=${value}` } }));
      expect(toast, value).toBeNull();
      expect(headers.get("Set-Cookie"), value).toMatch(/Max-Age=0/);
    }
  });

  it("is Secure over https", () => {
    expect(toastCookie(new Request("https://portal.test/"), { key: "a.b" })).toMatch(/; Secure$/);
  });
});
