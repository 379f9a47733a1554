import { describe, expect, it } from "vitest";
import {
  attacksFor,
  classify,
  type Control,
  decodeEntities,
  formsOf,
  generalName,
  matchRoute,
  messageFor,
  NUL_VALUE,
  parseHtml,
  pathsFor,
  payloadFor,
  RECIPES,
  routePatterns,
  scriptPolicyProblems,
  SCRIPT_PAYLOAD,
  showsEscaped,
  submittedValues,
  textContent,
  UNESCAPED,
  type Workspace,
} from "../e2e/support/forms";

/**
 * The reader behind the end-to-end field attacks (tests/e2e/http/field-attacks.spec.ts): if it
 * misread a form, the attacks would skip a field or attack the wrong one and still pass.
 */

/** A builder-like form as React renders it: controls inside and one outside, named buttons. */
const PAGE = `<!DOCTYPE html><html><body>
<form method="get" action="/t/acme/inventory" role="search"><input type="search" name="q" value=""/></form>
<form method="post" id="plan" data-x="a &gt; b">
  <input type="hidden" name="requestId" value="6f1c0e2a-3f55-4a52-9d3c-0c4d6a2b7e10"/>
  <select id="lines[0].agreementId" name="lines[0].agreementId"><option value="a1">A1 &amp; co</option><option value="a2" selected="">A2</option></select>
  <input id="lines[0].qty" name="lines[0].qty" inputMode="decimal" value="120" aria-invalid="true" aria-describedby="lines[0].qty-error"/>
  <p id="lines[0].qty-error">Enter a number.</p>
  <input type="date" name="lines[0].shipDate" value="2026-12-04"/>
  <textarea id="note" name="note">
Line one &lt;b&gt; &amp; &quot;two&quot;</textarea>
  <input type="checkbox" name="lines[0].ship"/>
  <input type="checkbox" name="urgent" value="yes" checked=""/>
  <input type="text" name="old" value="x" disabled=""/>
  <button type="button">Add a line</button>
  <button type="submit" name="intent" value="submit">Submit</button>
  <button name="intent" value="draft">Save draft</button>
</form>
<input type="password" name="pin" form="plan"/>
<form method="post" action="/logout"><button type="submit">Sign out</button></form>
</body></html>`;

describe("reading a page's forms", () => {
  const [search, plan, logout] = formsOf(PAGE, "/t/acme/plans/new?agreement=a2");

  it("finds every form with its method and where it is sent", () => {
    expect(search).toMatchObject({ method: "get", action: "/t/acme/inventory" });
    expect(plan).toMatchObject({ method: "post", action: "/t/acme/plans/new?agreement=a2" });
    expect(logout).toMatchObject({ method: "post", action: "/logout", controls: [], submitters: [] });
  });

  it("reads each control as rendered, including one outside the form that names it", () => {
    const byName = Object.fromEntries(plan.controls.map((c) => [c.name, c]));
    expect(Object.keys(byName)).toEqual([
      "requestId",
      "lines[0].agreementId",
      "lines[0].qty",
      "lines[0].shipDate",
      "note",
      "lines[0].ship",
      "urgent",
      "old",
      "pin",
    ]);
    expect(byName["lines[0].agreementId"]).toMatchObject({ value: "a2", options: ["a1", "a2"] });
    expect(byName["lines[0].qty"]).toMatchObject({ type: "text", inputMode: "decimal", value: "120" });
    expect(byName.note.value).toBe('Line one <b> & "two"');
    expect(byName["lines[0].ship"]).toMatchObject({ checked: false, options: ["on"] });
    expect(byName.old.disabled).toBe(true);
    expect(plan.submitters).toEqual([
      { name: "intent", value: "submit" },
      { name: "intent", value: "draft" },
    ]);
  });

  it("sends what a browser sends: no unticked box, no disabled field, the pressed button last", () => {
    expect(submittedValues(plan, plan.submitters[1])).toEqual([
      ["requestId", "6f1c0e2a-3f55-4a52-9d3c-0c4d6a2b7e10"],
      ["lines[0].agreementId", "a2"],
      ["lines[0].qty", "120"],
      ["lines[0].shipDate", "2026-12-04"],
      ["note", 'Line one <b> & "two"'],
      ["urgent", "yes"],
      ["pin", ""],
      ["intent", "draft"],
    ]);
  });

  it("tells what each field takes, and names what it cannot place", () => {
    const kinds = Object.fromEntries(plan.controls.map((c) => [c.name, classify(c, "/t/:tenant/plans/new").kind]));
    expect(kinds).toEqual({
      requestId: "hidden",
      "lines[0].agreementId": "choice",
      "lines[0].qty": "number",
      "lines[0].shipDate": "date",
      note: "text",
      "lines[0].ship": "choice",
      urgent: "choice",
      old: "text",
      pin: "secret",
    });
    const control = (patch: Partial<Control>): Control => ({
      tag: "input",
      type: "text",
      name: "x",
      id: null,
      inputMode: null,
      disabled: false,
      value: "",
      checked: false,
      options: [],
      ...patch,
    });
    expect(classify(control({ type: "number" }), "/").kind).toBe("number");
    expect(classify(control({ tag: "textarea", type: "textarea", inputMode: "numeric" }), "/").kind).toBe("number");
    expect(classify(control({ type: "email" }), "/").kind).toBe("text");
    for (const type of ["file", "range", "color", "time", "datetime-local"])
      expect(classify(control({ type }), "/")).toMatchObject({ kind: "unplaced" });
    expect(classify(control({ type: "hidden", name: "token" }), "/")).toMatchObject({ kind: "unplaced" });
    // A hidden name known on one route only is unknown elsewhere.
    expect(classify(control({ type: "hidden", name: "id" }), "/t/:tenant/inbox")).toMatchObject({ kind: "hidden", read: "uuid" });
    expect(classify(control({ type: "hidden", name: "id" }), "/t/:tenant/plans/:planId")).toMatchObject({ kind: "unplaced" });
  });

  it("names line fields in general", () => {
    expect(generalName("lines[12].qty")).toBe("lines[i].qty");
    expect(generalName("decisions[0].lines[7].code")).toBe("decisions[i].lines[i].code");
    expect(generalName("note")).toBe("note");
  });

  it("reads text as a reader sees it", () => {
    const document = parseHtml('<p id="m">A <b>bold</b>\n  &amp; <!-- -->plain<script>var x = "<p>";</script></p>');
    expect(textContent(document)).toBe("A bold & plain");
    expect(decodeEntities("&lt;&#x27;&#39;&quot;&amp;&nbsp;")).toBe("<''\"&\u00a0");
  });
});

describe("routes", () => {
  const patterns = routePatterns().map((r) => r.pattern);

  it("walks app/routes.ts into full path patterns", () => {
    expect(patterns).toEqual(
      expect.arrayContaining([
        "/",
        "/login",
        "/t/:tenant",
        "/t/:tenant/plans/:planId/edit",
        "/t/:tenant/inventory/:agreementId",
        "/*",
      ]),
    );
    expect(new Set(patterns).size).toBe(patterns.length);
  });

  it("matches a path to its route, static segments before parameters", () => {
    expect(matchRoute("/t/acme/plans/new")?.pattern).toBe("/t/:tenant/plans/new");
    expect(matchRoute("/t/acme/plans/6f1c0e2a-3f55-4a52-9d3c-0c4d6a2b7e10")?.pattern).toBe("/t/:tenant/plans/:planId");
    expect(matchRoute("/t/acme/inventory/export")?.pattern).toBe("/t/:tenant/inventory/export");
    expect(matchRoute("/t/acme")?.pattern).toBe("/t/:tenant");
    expect(matchRoute("/")?.pattern).toBe("/");
    expect(matchRoute("/no/such/page")?.pattern).toBe("/*");
  });

  it("has every recipe post to a route of app/routes.ts", () => {
    for (const key of Object.keys(RECIPES)) expect(patterns, key).toContain(key.split(" ")[0]);
  });

  it("says which parameter a new route needs filled", () => {
    const ws = {
      slug: "ws",
      agreements: { cheap: "a", propose: "b", pending: "c", spare: [] },
      plans: { approved: "p" },
      shipment: "s",
      supplierId: "u",
    } as unknown as Workspace;
    expect(pathsFor("/t/:tenant/widgets/:widgetId", ws)).toBe(
      "/t/:tenant/widgets/:widgetId: no value for :widgetId in the workspace",
    );
    expect(pathsFor("/t/:tenant/shipments/new", ws)).toEqual(["/t/ws/shipments/new?plan=p"]);
  });
});

describe("what the attacks check", () => {
  const rendered = `<textarea name="comment" aria-describedby="comment-hint"></textarea><p id="comment-hint">Why, in a sentence.</p>`;

  it("finds a field's own message, not its hint", () => {
    const refused = `<textarea name="comment" aria-invalid="true" aria-describedby="comment-error comment-hint"></textarea><p id="comment-error">Remove the control characters.</p><p id="comment-hint">Why, in a sentence.</p>`;
    expect(messageFor(refused, "comment", rendered)).toBe("Remove the control characters.");
    const untied = `<div role="alert">Remove the control characters.</div>${rendered}`;
    expect(messageFor(untied, "comment", rendered)).toBe("");
    const linked = `<a href="#c">Comment: too long</a><textarea id="c" name="comment"></textarea>`;
    expect(messageFor(linked, "comment", rendered)).toBe("Comment: too long");
    expect(messageFor("<p>Bad request</p>", "comment", rendered)).toBeNull();
  });

  it("tells a payload shown as text from one let through", () => {
    const escaped = (s: string) =>
      s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
    const payload = payloadFor("xss1q");
    expect(showsEscaped(`<p>${escaped(payload)}</p>`, "xss1q")).toBe(true);
    expect(showsEscaped(`<input value="${escaped(payload)}"/>`, "xss1q")).toBe(true);
    expect(showsEscaped(`<p>xss1q <!-- -->${escaped(SCRIPT_PAYLOAD)}</p>`, "xss1q")).toBe(true);
    expect(showsEscaped(`<p>${payload}</p>`, "xss1q")).toBe(false);
    expect(showsEscaped(`<p>${payload.replace("<img", "&lt;img")}</p>`, "xss1q")).toBe(false);
    expect(showsEscaped(`<script>window.data = ${JSON.stringify(payload)}</script>`, "xss1q")).toBe(false);
    expect(UNESCAPED.some((p) => p.test(`<p>${payload}</p>`))).toBe(true);
    expect(UNESCAPED.some((p) => p.test(`<p>${escaped(SCRIPT_PAYLOAD)}</p>`))).toBe(false);
  });

  it("accepts a nonce-only script policy and nothing looser", () => {
    const page = (nonce: string) => `<p title="&lt;img src=x onerror=alert(1)&gt;">x</p><script nonce="${nonce}">1</script>`;
    expect(scriptPolicyProblems("default-src 'self'; script-src 'self' 'nonce-abc' 'strict-dynamic'", page("abc"))).toEqual([]);
    expect(scriptPolicyProblems("script-src 'self' 'nonce-abc' 'unsafe-inline'", page("abc"))).toEqual([
      "script-src allows 'unsafe-inline'",
    ]);
    expect(scriptPolicyProblems("script-src 'self' 'nonce-abc'", page("other"))).toHaveLength(1);
    expect(scriptPolicyProblems("script-src 'self' 'nonce-abc'", `<img src=x onerror="alert(1)">`)).toEqual([
      "an inline event handler on <img>: onerror",
    ]);
    expect(scriptPolicyProblems(undefined, "")).toEqual(["no Content-Security-Policy header"]);
  });

  it("attacks each kind of field with what its rule refuses", () => {
    const values = (cls: Parameters<typeof attacksFor>[0], rendered = "", options = {}) =>
      attacksFor(cls, rendered, options).map((a) => a.value);
    expect(values({ kind: "text" })).toEqual(["a\u0001b", "a\u001bb", NUL_VALUE]);
    expect(values({ kind: "number" })).toEqual(["0x10", "1e3", "NaN", "-1", NUL_VALUE]);
    expect(values({ kind: "number" }, "", { negative: true })).toEqual(["0x10", "1e3", "NaN", NUL_VALUE]);
    expect(values({ kind: "text" }, "", { ignored: true })).toEqual([NUL_VALUE]);
    // A lax reader would take 0x1c and 28e0 for the rendered 28 and accept the form.
    expect(values({ kind: "hidden", read: "whole", what: "" }, "28")).toEqual(["0x1c", "28e0", "-1", "NaN", NUL_VALUE]);
    expect(values({ kind: "unplaced", why: "" })).toEqual([]);
  });
});
