import routeConfig from "../../../app/routes";

/**
 * The portal's forms as its pages render them, for tests that attack every field without a list
 * of fields to keep up to date: a small reader of the HTML the server renders, the forms of a page
 * with their controls, what kind of input each field takes, which route a form posts to, and the
 * recipes that say how each form (route + intent) is submitted validly and what the field attacks
 * expect of it. A form, a field or a hidden value the tables below do not place is reported by
 * name, so that a new one is described before it is trusted.
 */

// ---------------------------------------------------------------------------------------------
// Reading HTML

export interface HtmlElement {
  tag: string;
  attrs: Record<string, string>;
  children: HtmlNode[];
  parent: HtmlElement | null;
}
export type HtmlNode = HtmlElement | { text: string };

const VOID_TAGS = new Set(["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]);
/** Elements whose content is text up to their end tag: entities are decoded in the last two only. */
const RAW_TEXT_TAGS = new Set(["script", "style"]);
const ESCAPABLE_RAW_TEXT_TAGS = new Set(["textarea", "title"]);
const OPEN_TAG = /<([a-zA-Z][\w:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*(\/?)>/y;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const NAMED_ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** Text with HTML character references read (`&lt;` → `<`, `&#x27;` → `'`). */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === "#") {
      const code = ref[1] === "x" || ref[1] === "X" ? Number.parseInt(ref.slice(2), 16) : Number.parseInt(ref.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
    }
    return NAMED_ENTITIES[ref.toLowerCase()] ?? whole;
  });
}

/**
 * A document as a tree, read the way the server writes it (React's output: quoted attributes,
 * every element closed). Not a general HTML parser: no implied end tags, no foreign content.
 */
export function parseHtml(html: string): HtmlElement {
  const root: HtmlElement = { tag: "#document", attrs: {}, children: [], parent: null };
  let current = root;
  const text = (value: string) => {
    if (value) current.children.push({ text: decodeEntities(value) });
  };
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf("<", i);
    if (lt === -1) {
      text(html.slice(i));
      break;
    }
    text(html.slice(i, lt));
    if (html.startsWith("<!--", lt)) {
      const end = html.indexOf("-->", lt + 4);
      i = end === -1 ? html.length : end + 3;
      continue;
    }
    if (html.startsWith("<!", lt) || html.startsWith("<?", lt)) {
      const end = html.indexOf(">", lt);
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    if (html.startsWith("</", lt)) {
      const end = html.indexOf(">", lt);
      const tag = html
        .slice(lt + 2, end === -1 ? html.length : end)
        .trim()
        .toLowerCase();
      // Close up to the matching element; a stray end tag closes nothing.
      for (let open: HtmlElement | null = current; open && open !== root; open = open.parent) {
        if (open.tag === tag) {
          current = open.parent ?? root;
          break;
        }
      }
      i = end === -1 ? html.length : end + 1;
      continue;
    }
    OPEN_TAG.lastIndex = lt;
    const match = OPEN_TAG.exec(html);
    if (!match) {
      text("<");
      i = lt + 1;
      continue;
    }
    const tag = match[1].toLowerCase();
    const element: HtmlElement = { tag, attrs: attributesOf(match[2]), children: [], parent: current };
    current.children.push(element);
    i = OPEN_TAG.lastIndex;
    if (VOID_TAGS.has(tag) || match[3] === "/") continue;
    if (RAW_TEXT_TAGS.has(tag) || ESCAPABLE_RAW_TEXT_TAGS.has(tag)) {
      const close = html.toLowerCase().indexOf(`</${tag}`, i);
      const end = close === -1 ? html.length : close;
      const content = html.slice(i, end);
      if (content) element.children.push({ text: RAW_TEXT_TAGS.has(tag) ? content : decodeEntities(content) });
      const after = close === -1 ? -1 : html.indexOf(">", close);
      i = after === -1 ? html.length : after + 1;
      continue;
    }
    current = element;
  }
  return root;
}

function attributesOf(source: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  for (const m of source.matchAll(ATTRIBUTE)) {
    const name = m[1].toLowerCase();
    if (!(name in attrs)) attrs[name] = decodeEntities(m[2] ?? m[3] ?? m[4] ?? "");
  }
  return attrs;
}

const isElement = (node: HtmlNode): node is HtmlElement => "tag" in node;

/** Every element under `root` (document order) that `test` accepts. */
export function findAll(root: HtmlElement, test: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const walk = (element: HtmlElement) => {
    for (const child of element.children) {
      if (!isElement(child)) continue;
      if (test(child)) found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

/** The text an element holds, with its descendants' text, as a reader sees it (spaces collapsed). */
export function textContent(element: HtmlElement): string {
  const parts: string[] = [];
  const walk = (node: HtmlNode) => {
    if (!isElement(node)) parts.push(node.text);
    else if (!RAW_TEXT_TAGS.has(node.tag)) node.children.forEach(walk);
  };
  element.children.forEach(walk);
  return parts.join("").replace(/\s+/g, " ").trim();
}

// ---------------------------------------------------------------------------------------------
// Forms and their controls

export interface Control {
  tag: "input" | "textarea" | "select";
  /** The input's type (lower case; `text` when absent), `textarea` or `select`. */
  type: string;
  name: string;
  id: string | null;
  inputMode: string | null;
  disabled: boolean;
  /** What the control submits as rendered: the value, the text, or the selected option's value. */
  value: string;
  /** Checkboxes and radios: whether they are checked as rendered (only then are they sent). */
  checked: boolean;
  /** Selects: the values of their options. */
  options: string[];
}

export interface Submitter {
  name: string;
  value: string;
}

export interface PageForm {
  method: "get" | "post";
  /** Where it is sent: path and query, as resolved against the page's address. */
  action: string;
  /** How the body is encoded: `multipart/form-data` for a form that sends files, else urlencoded. */
  enctype: string;
  controls: Control[];
  /** The named submit buttons; empty when the form is sent without naming one. */
  submitters: Submitter[];
  /** Controls the reader could not describe (no name, an unknown element), for the report. */
  unnamed: string[];
}

/** The value a select sends: its selected option, else its first. */
function selectValue(select: HtmlElement): { value: string; options: string[] } {
  const options = findAll(select, (e) => e.tag === "option");
  const valueOf = (o: HtmlElement) => o.attrs.value ?? textContent(o);
  const selected = options.find((o) => "selected" in o.attrs) ?? options[0];
  return { value: selected ? valueOf(selected) : "", options: options.map(valueOf) };
}

function controlOf(element: HtmlElement): Control | null {
  const name = element.attrs.name;
  if (name === undefined) return null;
  const base = {
    name,
    id: element.attrs.id ?? null,
    inputMode: element.attrs.inputmode?.toLowerCase() ?? null,
    disabled: "disabled" in element.attrs,
  };
  if (element.tag === "textarea") {
    // A textarea drops one line feed right after its start tag.
    const content = element.children.map((c) => ("text" in c ? c.text : "")).join("");
    return { ...base, tag: "textarea", type: "textarea", value: content.replace(/^\n/, ""), checked: false, options: [] };
  }
  if (element.tag === "select") {
    const { value, options } = selectValue(element);
    return { ...base, tag: "select", type: "select", value, checked: false, options };
  }
  const type = (element.attrs.type ?? "text").toLowerCase();
  const checkable = type === "checkbox" || type === "radio";
  return {
    ...base,
    tag: "input",
    type,
    value: element.attrs.value ?? (checkable ? "on" : ""),
    checked: "checked" in element.attrs,
    options: checkable ? [element.attrs.value ?? "on"] : [],
  };
}

/** A path and query, resolved against the page's address, without its origin. */
export function resolvePath(target: string | undefined, pageUrl: string): string {
  const url = new URL(target === undefined || target === "" ? pageUrl : target, new URL(pageUrl, "http://portal.invalid"));
  return `${url.pathname}${url.search}`;
}

/** Every form of a page, with its controls (those inside it, and those that name it with `form=`). */
export function formsOf(html: string, pageUrl: string): PageForm[] {
  const document = parseHtml(html);
  const isControl = (e: HtmlElement) => e.tag === "input" || e.tag === "textarea" || e.tag === "select" || e.tag === "button";
  const outside = findAll(document, (e) => isControl(e) && e.attrs.form !== undefined);
  return findAll(document, (e) => e.tag === "form").map((form) => {
    const inside = findAll(form, (e) => isControl(e) && (e.attrs.form === undefined || e.attrs.form === form.attrs.id));
    const named = form.attrs.id ? outside.filter((e) => e.attrs.form === form.attrs.id && !inside.includes(e)) : [];
    const controls: Control[] = [];
    const submitters: Submitter[] = [];
    const unnamed: string[] = [];
    for (const element of [...inside, ...named]) {
      const type = (element.attrs.type ?? (element.tag === "button" ? "submit" : "text")).toLowerCase();
      const isSubmit =
        (element.tag === "button" && type === "submit") || (element.tag === "input" && (type === "submit" || type === "image"));
      if (isSubmit) {
        if (element.attrs.formaction !== undefined || element.attrs.formmethod !== undefined) {
          unnamed.push(`a submit button with its own formaction or formmethod (${element.attrs.name ?? "unnamed"})`);
        }
        if (element.attrs.name !== undefined) submitters.push({ name: element.attrs.name, value: element.attrs.value ?? "" });
        continue;
      }
      if (element.tag === "button" || type === "button" || type === "reset") continue;
      const control = controlOf(element);
      if (control) controls.push(control);
      else
        unnamed.push(
          `<${element.tag}${element.attrs.type ? ` type="${element.attrs.type}"` : ""}${element.attrs.id ? ` id="${element.attrs.id}"` : ""}> without a name`,
        );
    }
    const method = (form.attrs.method ?? "get").toLowerCase() === "post" ? "post" : "get";
    const enctype =
      form.attrs.enctype?.toLowerCase() === "multipart/form-data" ? "multipart/form-data" : "application/x-www-form-urlencoded";
    return { method, action: resolvePath(form.attrs.action, pageUrl), enctype, controls, submitters, unnamed };
  });
}

/**
 * The name/value pairs a browser sends for the form as rendered, with `submitter` pressed. Files
 * are not among them: a recipe says which file a form sends (`FormRecipe.files`).
 */
export function submittedValues(form: PageForm, submitter: Submitter | null): [string, string][] {
  const pairs: [string, string][] = [];
  for (const c of form.controls) {
    if (c.disabled || c.type === "file") continue;
    if ((c.type === "checkbox" || c.type === "radio") && !c.checked) continue;
    pairs.push([c.name, c.value]);
  }
  if (submitter) pairs.push([submitter.name, submitter.value]);
  return pairs;
}

/** Field names with their line numbers generalised: `lines[3].qty` → `lines[i].qty`. */
export function generalName(name: string): string {
  return name.replace(/\[\d+\]/g, "[i]");
}

// ---------------------------------------------------------------------------------------------
// What a field takes

export type HiddenRead =
  /** A UUID or nothing: anything else is refused (4xx) and nothing is written. */
  | "uuid"
  /** A whole number read strictly (never 0x…, 1e…, -1): anything else is refused (4xx) and nothing is written. */
  | "whole"
  /** A page number: anything that is not one is page 1, by design (lists never fail on a page). */
  | "page"
  /** A path on this site to go back to: anything else goes home, never to another site. */
  | "path"
  /** Informational (what the proposal suggested): a bad value is no value, by design. */
  | "informational";

export interface HiddenField {
  name: RegExp;
  /** Only on forms posting to this route pattern; any route when absent. */
  route?: string;
  read: HiddenRead;
  what: string;
}

/** Every hidden field of the portal's forms, by name: how the server reads it. */
export const HIDDEN_FIELDS: readonly HiddenField[] = [
  { name: /^requestId$/, read: "uuid", what: "the form's one-time id: the same form posted twice writes once" },
  { name: /^lockVersion$/, read: "whole", what: "the plan's version as the form was loaded: a stale one is refused" },
  { name: /^version$/, read: "whole", what: "the agreement's version as the form was loaded: a stale one is refused" },
  { name: /^proposalId$/, read: "uuid", what: "the band proposal the buttons act on" },
  { name: /^id$/, route: "/t/:tenant/inbox", read: "uuid", what: "the notification the buttons act on" },
  { name: /^page$/, route: "/t/:tenant/inbox", read: "page", what: "the inbox page to come back to" },
  { name: /^redirectTo$/, read: "path", what: "where to go after the form" },
  { name: /^lines\[\d+\]\.lineId$/, read: "uuid", what: "the plan line an ASN line ships" },
  { name: /^lines\[\d+\]\.shipmentId$/, read: "uuid", what: "the line of a shipping notice a receipt or a correction acts on" },
  { name: /^lines\[\d+\]\.proposedQty$/, read: "informational", what: "the quantity the proposal suggested for a builder line" },
  {
    name: /^lines\[\d+\]\.agreementId$/,
    read: "uuid",
    what: "the agreement of a proposed builder line (a line added by hand chooses it in a list)",
  },
  { name: /^membershipId$/, read: "uuid", what: "the member a people form acts on" },
  { name: /^invitationId$/, read: "uuid", what: "the invitation a resend or revoke button acts on" },
  {
    name: /^supplierId$/,
    route: "/t/:tenant/admin/suppliers",
    read: "uuid",
    what: "the supplier an edit or status form acts on",
  },
  { name: /^siteId$/, route: "/t/:tenant/admin/sites", read: "uuid", what: "the site an edit form acts on" },
  { name: /^itemId$/, route: "/t/:tenant/admin/items", read: "uuid", what: "the item an edit form acts on" },
];

export type FieldClass =
  | { kind: "text" }
  | { kind: "number" }
  | { kind: "date" }
  | { kind: "choice"; options: string[] }
  | { kind: "secret" }
  /** A file chosen to upload, which its form's recipe sends (see `classifyIn`). */
  | { kind: "file" }
  | { kind: "hidden"; read: HiddenRead; what: string }
  | { kind: "unplaced"; why: string };

const TEXT_TYPES = new Set(["text", "email", "search", "tel", "url"]);
const NUMERIC_MODES = new Set(["decimal", "numeric"]);

/** What kind of input a control takes, by its markup (and, when hidden, the table above). */
export function classify(control: Control, route: string): FieldClass {
  const numeric = control.inputMode !== null && NUMERIC_MODES.has(control.inputMode);
  if (control.tag === "select") return { kind: "choice", options: control.options };
  if (control.tag === "textarea") return numeric ? { kind: "number" } : { kind: "text" };
  switch (control.type) {
    case "hidden": {
      const known = HIDDEN_FIELDS.find((h) => h.name.test(control.name) && (h.route === undefined || h.route === route));
      return known
        ? { kind: "hidden", read: known.read, what: known.what }
        : { kind: "unplaced", why: "a hidden field the hidden-field table does not describe" };
    }
    case "number":
      return { kind: "number" };
    case "date":
      return { kind: "date" };
    case "checkbox":
    case "radio":
      return { kind: "choice", options: control.options };
    case "password":
      return { kind: "secret" };
    default:
      if (TEXT_TYPES.has(control.type)) return numeric ? { kind: "number" } : { kind: "text" };
      return { kind: "unplaced", why: `an input of type "${control.type}", which no attack describes` };
  }
}

// ---------------------------------------------------------------------------------------------
// Routes

interface ConfigRoute {
  path?: string;
  index?: boolean;
  file: string;
  children?: ConfigRoute[];
}

export interface RoutePattern {
  /** The full path pattern, `/t/:tenant/plans/:planId`; `/*` for the catch-all. */
  pattern: string;
  file: string;
  params: string[];
}

/** Every page route of app/routes.ts (layouts without a path of their own are left out). */
export function routePatterns(config: readonly ConfigRoute[] = routeConfig as readonly ConfigRoute[]): RoutePattern[] {
  const out: RoutePattern[] = [];
  const walk = (routes: readonly ConfigRoute[], parent: string) => {
    for (const r of routes) {
      const joined = [parent, r.path ?? ""].filter(Boolean).join("/");
      if (r.children?.length) walk(r.children, joined);
      else {
        const pattern = `/${joined}`;
        out.push({ pattern, file: r.file, params: [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]) });
      }
    }
  };
  walk(config, "");
  return out;
}

/** The route a path belongs to: static segments win over parameters, and both over the catch-all. */
export function matchRoute(pathname: string, patterns: readonly RoutePattern[] = routePatterns()): RoutePattern | null {
  const segments = pathname.replace(/\/+$/, "").split("/").filter(Boolean);
  let best: { route: RoutePattern; score: number } | null = null;
  for (const route of patterns) {
    const parts = route.pattern.split("/").filter(Boolean);
    let score: number;
    if (parts.length === 1 && parts[0] === "*") score = 0;
    else {
      if (parts.length !== segments.length) continue;
      const ok = parts.every((p, i) => p.startsWith(":") || p === segments[i]);
      if (!ok) continue;
      score = 1 + parts.filter((p) => !p.startsWith(":")).length * 2 + parts.length;
    }
    if (!best || score > best.score) best = { route, score };
  }
  return best?.route ?? null;
}

// ---------------------------------------------------------------------------------------------
// The attacks

/** A control character that is not NUL: refused by the field with its own message (400). */
export const CONTROL_VALUES = ["a\u0001b", "a\u001bb"] as const;
/** NUL: refused at the front door with a plain 400, before any route runs. */
export const NUL_VALUE = "a\u0000b";
/** Numbers JavaScript would read but the portal must not: each a 400 with the field's message. */
export const NUMBER_VALUES = ["0x10", "1e3", "NaN"] as const;
/** A negative number where no quantity, day count, pack size or MOQ can be negative. */
export const NEGATIVE_VALUE = "-1";
/** Not a calendar day. */
export const DATE_VALUE = "2026-02-31";
/** A value no select, checkbox or radio of the form offers, nor any button. */
export const OUTSIDE_VALUE = "not-an-option";

export type MessageKind = "control" | "number" | "negative" | "date";

/** What a field's own message says, in English, for each kind of refusal (a recipe may say otherwise). */
export const MESSAGES: Record<MessageKind, RegExp> = {
  control: /control characters/i,
  number: /number/i,
  negative: /negative|0 or more|more than 0|from 1 /i,
  date: /date/i,
};

/** A script that would run, or an element that would load, if a page did not escape the text. */
export const SCRIPT_PAYLOAD = `<script>alert(1)</script><img src=x onerror=alert(1)>"'&`;

/** The payload for one field, led by a tag that says which field it came from (ASCII, never escaped). */
export function payloadFor(tag: string): string {
  return `${tag} ${SCRIPT_PAYLOAD}`;
}

/** Markup a page would only hold if it let the payload through unescaped. */
export const UNESCAPED = [/<script>alert\(/i, /<img src=x onerror/i];

/**
 * Whether the page shows the payload tagged `tag` as text: somewhere outside its scripts the tag is
 * followed by the payload with every `<`, `>` and `&` written as a character reference (in a text
 * node or an attribute value; React's empty comments between text nodes are skipped).
 */
export function showsEscaped(html: string, tag: string): boolean {
  const outsideScripts = html.replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<!-- -->/g, "");
  const needle = `${tag} `;
  for (let at = outsideScripts.indexOf(needle); at !== -1; at = outsideScripts.indexOf(needle, at + 1)) {
    if (isEscaped(outsideScripts, at + needle.length, SCRIPT_PAYLOAD)) return true;
  }
  return false;
}

/** Whether `html` from `start` holds `text` written as markup holds text: `<`, `>` and `&` only as references. */
function isEscaped(html: string, start: number, text: string): boolean {
  let i = start;
  for (const wanted of text) {
    const reference = html[i] === "&" ? /^&(#x[0-9a-f]+|#\d+|[a-z]+);/i.exec(html.slice(i, i + 12))?.[0] : undefined;
    if (!reference && "<>&".includes(wanted)) return false;
    const got = reference ? decodeEntities(reference) : html[i];
    if (got !== wanted) return false;
    i += reference ? reference.length : 1;
  }
  return true;
}

/**
 * Problems with a page's Content-Security-Policy for scripts: it must allow scripts by this
 * response's nonce only, and every script element must carry that nonce.
 */
export function scriptPolicyProblems(csp: string | undefined, html: string): string[] {
  if (!csp) return ["no Content-Security-Policy header"];
  const scriptSrc = csp
    .split(";")
    .map((d) => d.trim())
    .find((d) => d.startsWith("script-src"));
  if (!scriptSrc) return [`no script-src in ${csp}`];
  const problems: string[] = [];
  const nonce = /'nonce-([A-Za-z0-9+/=_-]+)'/.exec(scriptSrc)?.[1];
  if (!nonce) problems.push(`script-src without a nonce: ${scriptSrc}`);
  for (const word of ["'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "data:", "*", "http:", "https:"]) {
    if (scriptSrc.split(/\s+/).includes(word)) problems.push(`script-src allows ${word}`);
  }
  for (const tag of html.match(/<script\b[^>]*>/gi) ?? []) {
    if (!nonce || !tag.includes(`nonce="${nonce}"`)) problems.push(`a script without this response's nonce: ${tag.slice(0, 80)}`);
  }
  const handlers = findAll(parseHtml(html), (e) => Object.keys(e.attrs).some((name) => name.startsWith("on")));
  for (const e of handlers)
    problems.push(
      `an inline event handler on <${e.tag}>: ${Object.keys(e.attrs)
        .filter((n) => n.startsWith("on"))
        .join(", ")}`,
    );
  return problems;
}

/** The texts a page ties to one field: what it names with aria-describedby, and error-summary links to it. */
function tiedTexts(html: string, fieldName: string): string[] | null {
  const document = parseHtml(html);
  const isNamed = (e: HtmlElement) =>
    (e.tag === "input" || e.tag === "textarea" || e.tag === "select") && e.attrs.name === fieldName;
  const control = findAll(document, isNamed)[0];
  if (!control) return null;
  const ids = (control.attrs["aria-describedby"] ?? "").split(/\s+/).filter(Boolean);
  const described = ids.flatMap((id) => findAll(document, (e) => e.attrs.id === id)).map(textContent);
  const linked = control.attrs.id
    ? findAll(document, (e) => e.tag === "a" && e.attrs.href === `#${control.attrs.id}`).map(textContent)
    : [];
  return [...described, ...linked].filter(Boolean);
}

/**
 * The message a refused form shows for one field: what the page ties to the field (aria-describedby,
 * or a link to it from an error summary) that the form as first rendered did not (a hint is not a
 * message). Empty when the page ties no new text to the field; null when it no longer shows it.
 */
export function messageFor(html: string, fieldName: string, renderedHtml: string): string | null {
  const after = tiedTexts(html, fieldName);
  if (after === null) return null;
  const before = new Set(tiedTexts(renderedHtml, fieldName) ?? []);
  return after
    .filter((text) => !before.has(text))
    .join(" ")
    .trim();
}

// ---------------------------------------------------------------------------------------------
// The workspace the attacks run in, and the recipes

export const ROLES = ["admin", "manager", "buyer", "supplier"] as const;
export type Role = (typeof ROLES)[number];
export type Identity = Role | "anonymous";

/**
 * A tenant of the attacks' own, so that what they write (or must not write) is theirs alone: its
 * users (one per role, the supplier's for its one supplier), agreements, and plans in each state.
 */
export interface Workspace {
  slug: string;
  tenantId: string;
  supplierId: string;
  password: string;
  users: Record<Role, { id: string; email: string }>;
  agreements: {
    /** Cheap, class C and Z: a plan of it goes to a buyer only. */
    cheap: string;
    /** Dear enough that a plan of it is above the manager threshold: a buyer, then a manager. */
    dear: string;
    /** With no proposal: the supplier's proposal form. */
    propose: string;
    /** With a pending proposal: the buyer's decision form, the supplier's withdraw button. */
    pending: string;
    /** With no proposal, each used up by one fresh proposal form. */
    spare: string[];
  };
  plans: { draft: string; submitted: string; inReview: string; changesRequested: string; approved: string };
  /** In transit, shipped short against `plans.approved`. */
  shipment: string;
  /** Tokens of links whose pages show their forms (invitations, a password reset), for /…/:token. */
  linkTokens: string[];
  /** A previewed import with no refused row, uploaded by the administrator: the confirm and discard buttons. */
  importId: string;
  /** An open alert of the supplier, on the cheap agreement: its page's forms. */
  alertId: string;
  /** Alert rules: an enabled one (its form, disable and delete) and a disabled one (enable). */
  alertRules: { enabled: string; disabled: string };
}

/** What the attacks can have the portal do to make state for a valid submission (over HTTP). */
export interface Portal {
  ws: Workspace;
  /** A new plan of the cheap agreement, made by the supplier's builder and brought to `status`. */
  plan(status: "draft" | "submitted" | "changes_requested" | "approved"): Promise<string>;
  /** An agreement with no proposal, pending or closed. */
  freeAgreement(): Promise<string>;
  /** A new pending band proposal by the supplier; returns its agreement. */
  pendingProposal(): Promise<string>;
  /** A new shipment in transit, shipped short against a new approved plan. */
  shipment(): Promise<string>;
  /** The shipments recorded against a plan. */
  shipmentsOf(planId: string): Promise<string[]>;
  /**
   * A new link's token: an invitation (to a company of its own) for a new address, or for a login
   * whose password is the workspace's; or a password reset of a login no attack signs in with.
   */
  linkToken(kind: "invitation" | "invitation-to-login" | "password-reset"): Promise<string>;
  /** A new previewed import of stock with no refused row, uploaded through the upload form by the administrator. */
  previewedImport(): Promise<string>;
  /** A new open alert of the supplier, on the cheap agreement. */
  alert(): Promise<string>;
  /** A new alert rule, made with the new rule form by the administrator (then disabled, when asked). */
  alertRule(enabled: boolean): Promise<string>;
}

export interface PagePath {
  as: Identity;
  path: string;
}

export interface PayloadRun {
  /** Pages that must show every free-text value of the form afterwards (every page is checked too). */
  shows(portal: Portal, location: string): Promise<PagePath[]>;
  /** Values (by general name) the submission needs beyond the baseline. */
  baseline?: Record<string, string>;
}

/** A file as a form sends it. */
export interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

export interface FormRecipe {
  /** What the form does, for the report. */
  does: string;
  /** Values (by general name) that turn the form as rendered into a valid submission. */
  baseline?: (ws: Workspace) => Record<string, string>;
  /** The file a multipart form sends with every submission, by the file input's name. */
  files?: Record<string, (ws: Workspace) => UploadFile>;
  /**
   * A page, in state made for it, where the form is submitted validly: the baseline is shown to be
   * accepted there (so that each refusal is the attack's), and the payload run submits there.
   */
  fresh?: (portal: Portal) => Promise<PagePath>;
  /** Why the baseline is never accepted as it stands, when it is not (it would end the session). */
  neverAccepted?: string;
  /** Fields sent with this intent that it does not read (by general name), with why: not attacked. */
  ignores?: Record<string, string>;
  /** A field's words when they are not the rule's usual ones, by general name and kind of refusal. */
  messages?: Record<string, Partial<Record<MessageKind, RegExp>>>;
  /** Numeric fields where a negative number means something (by general name), with what: -1 is not refused there. */
  negative?: Record<string, string>;
  /** How a script payload in the form's free text is submitted validly; or, as `echo`, why it never is. */
  payload?: PayloadRun | { echo: string };
}

const base = (path: string) => path.replace(/[?#].*$/, "");
const tenantPath = (ws: Workspace, rest: string) => `/t/${ws.slug}/${rest}`;
const both = (path: string): PagePath[] => [
  { as: "supplier", path },
  { as: "buyer", path },
];

const REASON = "Covers the forecast demand";

/**
 * A stock count of the workspace's cheap agreement (SKU FA-0001 at site FA-01) as a buyer's
 * spreadsheet saves it: previewed, it would update one day's on-hand; nothing is written until
 * the preview is confirmed.
 */
export function stockCountCsv(day = "2026-11-30", onHand = 120): UploadFile {
  return {
    name: "field-attacks-stock.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`SKU,Site code,Date,On hand\r\nFA-0001,FA-01,${day},${onHand}\r\n`),
  };
}
const linesIgnored = (why: string) => Object.fromEntries(["code", "qty", "arrival", "reason"].map((f) => [`lines[i].${f}`, why]));

const signIn = async (): Promise<PagePath> => ({ as: "anonymous", path: "/login" });
const builder = async (portal: Portal): Promise<PagePath> => ({
  as: "supplier",
  path: tenantPath(portal.ws, `plans/new?agreement=${portal.ws.agreements.cheap}`),
});
const draft = async (portal: Portal): Promise<PagePath> => ({
  as: "supplier",
  path: tenantPath(portal.ws, `plans/${await portal.plan("draft")}/edit`),
});
const planIn =
  (status: "submitted" | "changes_requested", as: Role) =>
  async (portal: Portal): Promise<PagePath> => ({ as, path: tenantPath(portal.ws, `plans/${await portal.plan(status)}`) });
const pendingProposal =
  (as: Role) =>
  async (portal: Portal): Promise<PagePath> => ({
    as,
    path: tenantPath(portal.ws, `inventory/${await portal.pendingProposal()}`),
  });
/** The buyer's inbox with an unread notification: a plan just submitted. */
const inbox = async (portal: Portal): Promise<PagePath> => {
  await portal.plan("submitted");
  return { as: "buyer", path: tenantPath(portal.ws, "inbox") };
};

const adminPage =
  (rest: string) =>
  async (portal: Portal): Promise<PagePath> => ({ as: "admin", path: tenantPath(portal.ws, rest) });

/**
 * A valid new alert rule: a name of its own, and a condition that never holds in the workspace (a
 * plan waiting a year), so that no evaluation opens an alert of it.
 */
export const alertRuleBaseline = () => ({
  name: `FA rule ${Math.random().toString(36).slice(2, 10)}`,
  "condition.kind": "plan_waiting",
  "condition.hours": "8760",
});
const alertRulePage =
  (enabled: boolean) =>
  async (portal: Portal): Promise<PagePath> => ({
    as: "admin",
    path: tenantPath(portal.ws, `admin/alert-rules/${await portal.alertRule(enabled)}`),
  });
const alertRuleShown: PayloadRun = {
  shows: async (portal, location) => [
    { as: "admin", path: base(location) },
    { as: "admin", path: tenantPath(portal.ws, "admin/alert-rules") },
    { as: "buyer", path: base(location) },
    { as: "buyer", path: tenantPath(portal.ws, "admin/alert-rules") },
  ],
};

/** A new open alert's page, as the buyer (its supplier's people act on it alike). */
const alertPage = async (portal: Portal): Promise<PagePath> => ({
  as: "buyer",
  path: tenantPath(portal.ws, `alerts/${await portal.alert()}`),
});

const planShown = (intent: "submit" | "draft"): PayloadRun => ({
  shows: async (_portal, location) => (intent === "submit" ? both(base(location)) : [{ as: "supplier", path: base(location) }]),
});
const shownOnItsPage: PayloadRun = { shows: async (_portal, location) => both(base(location)) };

/**
 * Every form that posts, by the route it posts to and the intent its button sends ("-" for none):
 * how to submit it validly and what its fields' attacks expect. A form found on a page without a
 * recipe here fails the suite by name.
 */
export const RECIPES: Record<string, FormRecipe> = {
  "/login -": {
    does: "signs in",
    baseline: (ws) => ({ email: ws.users.buyer.email, password: ws.password }),
    fresh: signIn,
    messages: { email: { control: /valid email address/i } },
    payload: { echo: "an e-mail address holding a script is no address: it is refused, and the refused form shows it back" },
  },
  "/logout -": {
    does: "signs out",
    neverAccepted: "it has no field to attack, and signing out would end the session the attacks use",
  },
  "/account/password -": {
    does: "changes the password",
    // Never the right current password: a change that got through would end the session.
    baseline: () => ({
      currentPassword: "not-the-current-password",
      newPassword: "a-new-password-2026",
      confirmPassword: "a-new-password-2026",
    }),
    neverAccepted: "a change would end the session the attacks use: only NUL, refused at the front door, is sent",
  },
  "/account/language -": { does: "saves the language", fresh: signIn },
  "/invite/:token create": {
    does: "creates a login for the invited address and joins its company",
    baseline: () => ({ name: "Invited Person", password: "invited-person-2026" }),
    fresh: async (portal) => ({ as: "anonymous", path: `/invite/${await portal.linkToken("invitation")}` }),
    // The new login's name shows to itself and to its company's administrators, none of them an
    // identity of the attacks (whose company it does not join): every page is checked all the same.
    payload: { shows: async () => [] },
  },
  "/invite/:token sign-in": {
    does: "signs in with the invited address's login and joins its company",
    baseline: (ws) => ({ password: ws.password }),
    fresh: async (portal) => ({ as: "anonymous", path: `/invite/${await portal.linkToken("invitation-to-login")}` }),
    payload: { echo: "an e-mail address holding a script is no address: it is refused, and the refused form shows it back" },
  },
  "/forgot-password -": {
    does: "e-mails a password reset link, answering the same for any address",
    baseline: () => ({ email: "nobody@field-attacks.example" }),
    fresh: async () => ({ as: "anonymous", path: "/forgot-password" }),
    payload: { echo: "an e-mail address holding a script is no address: it is refused, and the refused form shows it back" },
  },
  "/reset-password/:token -": {
    does: "sets a new password with a reset link",
    baseline: () => ({ password: "a-new-password-2026", confirmPassword: "a-new-password-2026" }),
    fresh: async (portal) => ({ as: "anonymous", path: `/reset-password/${await portal.linkToken("password-reset")}` }),
  },
  "/t/:tenant/inbox read-all": { does: "marks every notification read", fresh: inbox },
  "/t/:tenant/inbox open": { does: "marks a notification read and opens what it is about", fresh: inbox },
  "/t/:tenant/inbox read": { does: "marks a notification read", fresh: inbox },
  "/t/:tenant/plans/new submit": {
    does: "submits a new plan",
    baseline: () => ({ "lines[i].reason": REASON }),
    fresh: builder,
    payload: planShown("submit"),
  },
  "/t/:tenant/plans/new draft": {
    does: "saves a new plan as a draft",
    baseline: () => ({ "lines[i].reason": REASON }),
    fresh: builder,
    payload: planShown("draft"),
  },
  "/t/:tenant/plans/:planId/edit submit": {
    does: "submits a draft",
    baseline: () => ({ "lines[i].reason": REASON }),
    fresh: draft,
    payload: planShown("submit"),
  },
  "/t/:tenant/plans/:planId/edit draft": {
    does: "saves a draft",
    baseline: () => ({ "lines[i].reason": REASON }),
    fresh: draft,
    payload: planShown("draft"),
  },
  "/t/:tenant/plans/:planId withdraw": { does: "withdraws a plan awaiting a decision", fresh: planIn("submitted", "supplier") },
  "/t/:tenant/plans/:planId revise": {
    does: "starts the next version of a plan sent back for changes",
    fresh: planIn("changes_requested", "supplier"),
  },
  "/t/:tenant/plans/:planId decide": {
    does: "records the step's decision on every line",
    fresh: planIn("submitted", "buyer"),
    // Accepted as rendered, a line keeps its arrival: any other one, a real day or not, is a change.
    messages: { "lines[i].arrival": { date: /changed|date/i } },
    payload: shownOnItsPage,
  },
  "/t/:tenant/plans/:planId approve-all": {
    does: "approves every line as submitted (or as the earlier step decided)",
    fresh: planIn("submitted", "buyer"),
    ignores: linesIgnored("the line decisions belong to the decide button: approving all reads none of them"),
  },
  "/t/:tenant/plans/:planId request-changes": {
    does: "sends a plan back for changes with a comment",
    baseline: () => ({ comment: "Split the delivery in two" }),
    fresh: planIn("submitted", "buyer"),
    payload: shownOnItsPage,
  },
  "/t/:tenant/plans/:planId reject-all": {
    does: "rejects every line with a comment",
    baseline: () => ({ comment: "Not needed this month" }),
    fresh: planIn("submitted", "buyer"),
    payload: shownOnItsPage,
  },
  "/t/:tenant/inventory/:agreementId propose": {
    does: "proposes a band",
    baseline: () => ({ minQty: "30", maxQty: "300", reason: "Seasonal peak ahead" }),
    fresh: async (portal) => ({ as: "supplier", path: tenantPath(portal.ws, `inventory/${await portal.freeAgreement()}`) }),
    payload: {
      shows: async (portal, location) => [...both(base(location)), { as: "buyer", path: tenantPath(portal.ws, "proposals") }],
    },
  },
  "/t/:tenant/inventory/:agreementId withdraw": {
    does: "withdraws the supplier's pending proposal",
    fresh: pendingProposal("supplier"),
  },
  "/t/:tenant/inventory/:agreementId accept": {
    does: "accepts a proposed band, with an optional comment",
    fresh: pendingProposal("buyer"),
    payload: shownOnItsPage,
  },
  "/t/:tenant/inventory/:agreementId reject": {
    does: "rejects a proposed band with a comment",
    baseline: () => ({ comment: "The band stays as agreed" }),
    fresh: pendingProposal("buyer"),
    payload: shownOnItsPage,
  },
  "/t/:tenant/inventory/new -": {
    does: "creates an agreement for a supplier, an item and a site",
    neverAccepted:
      "an item has one agreement per site, so a valid form is accepted once only; its rules are the agreement terms' (integration and HTTP tests): only NUL is sent",
    payload: { echo: "an SKU holding a script names no item: the form is refused, and the refused form shows it back" },
  },
  "/t/:tenant/inventory/:agreementId/end -": {
    does: "ends an agreement after the confirming box is ticked",
    neverAccepted: "ending an agreement of the workspace would take it from the other forms' attacks: only NUL is sent",
  },
  "/t/:tenant/inventory/:agreementId/edit -": {
    does: "changes an agreement's terms",
    // As rendered, the terms are unchanged: saved as they are, nothing changes.
    fresh: async (portal) => ({ as: "buyer", path: tenantPath(portal.ws, `inventory/${portal.ws.agreements.cheap}/edit`) }),
  },
  "/t/:tenant/shipments/new -": {
    does: "records an ASN against an approved plan",
    fresh: async (portal) => ({
      as: "supplier",
      path: tenantPath(portal.ws, `shipments/new?plan=${await portal.plan("approved")}`),
    }),
    payload: {
      shows: async (portal, location) => {
        const [shipment] = await portal.shipmentsOf(/\/plans\/([0-9a-f-]{36})/.exec(location)?.[1] ?? "");
        return [...both(tenantPath(portal.ws, `shipments/${shipment}`)), ...both(tenantPath(portal.ws, "shipments"))];
      },
    },
  },
  "/t/:tenant/admin/users invite": {
    does: "invites a person to the company",
    baseline: () => ({ email: `invitee-${Math.random().toString(36).slice(2, 10)}@field-attacks.example`, role: "buyer" }),
    fresh: adminPage("admin/users"),
    payload: { echo: "an e-mail address holding a script is no address: it is refused, and the refused form shows it back" },
  },
  "/t/:tenant/admin/users change-role": {
    does: "changes a member's role (as rendered: unchanged, nothing is written)",
    fresh: adminPage("admin/users"),
  },
  "/t/:tenant/admin/users deactivate": {
    does: "deactivates a member",
    neverAccepted: "deactivating a member of the workspace would end a session the attacks use",
  },
  "/t/:tenant/admin/settings -": {
    does: "saves the company's policy and settings (as rendered: unchanged, nothing is written)",
    fresh: adminPage("admin/settings"),
    payload: {
      echo: "a currency or time zone holding a script is none: the form is refused, and the refused form shows every value back",
    },
  },
  "/t/:tenant/admin/suppliers create": {
    does: "adds a supplier",
    baseline: () => ({ code: `FA-S-${Math.random().toString(36).slice(2, 10)}`, name: "Attack partner" }),
    fresh: adminPage("admin/suppliers"),
    payload: { echo: "the contact addresses take the payload too, and an address holding a script is refused" },
  },
  "/t/:tenant/admin/suppliers update": {
    does: "edits a supplier (as rendered: unchanged, nothing is written)",
    fresh: async (portal) => ({ as: "admin", path: tenantPath(portal.ws, `admin/suppliers?edit=${portal.ws.supplierId}`) }),
    payload: { echo: "the contact addresses take the payload too, and an address holding a script is refused" },
  },
  "/t/:tenant/admin/suppliers deactivate": {
    does: "deactivates a supplier",
    neverAccepted: "an inactive supplier takes no new plans, which the fresh pages of the plan forms make",
  },
  "/t/:tenant/admin/sites create": {
    does: "adds a site",
    baseline: () => ({ code: `FA-L-${Math.random().toString(36).slice(2, 10)}`, name: "Attack depot" }),
    fresh: adminPage("admin/sites"),
    messages: { gln: { negative: /number/i } },
    payload: { shows: async (portal) => [{ as: "admin", path: tenantPath(portal.ws, "admin/sites") }] },
  },
  "/t/:tenant/admin/api-keys create": {
    does: "makes an API key",
    baseline: () => ({ name: `FA key ${Math.random().toString(36).slice(2, 10)}`, scopes: "read", expires: "" }),
    fresh: adminPage("admin/api-keys"),
    payload: { shows: async (portal) => [{ as: "admin", path: tenantPath(portal.ws, "admin/api-keys") }] },
  },
  "/t/:tenant/admin/items create": {
    does: "adds an item",
    baseline: () => ({ sku: `FA-I-${Math.random().toString(36).slice(2, 10)}`, name: "Attack widget", uom: "EA", unitCost: "1" }),
    fresh: adminPage("admin/items"),
    messages: { gtin: { negative: /number/i } },
    payload: { shows: async (portal) => [{ as: "admin", path: tenantPath(portal.ws, "admin/items") }] },
  },
  "/t/:tenant/admin/alert-rules/new save": {
    does: "creates an alert rule",
    baseline: alertRuleBaseline,
    fresh: adminPage("admin/alert-rules/new"),
    payload: { shows: async (portal, location) => alertRuleShown.shows(portal, location) },
  },
  "/t/:tenant/admin/alert-rules/:ruleId save": {
    does: "edits an alert rule (as rendered: unchanged, nothing is written)",
    fresh: alertRulePage(true),
    payload: alertRuleShown,
  },
  "/t/:tenant/admin/alert-rules/:ruleId disable": { does: "disables an alert rule", fresh: alertRulePage(true) },
  "/t/:tenant/admin/alert-rules/:ruleId enable": { does: "enables an alert rule", fresh: alertRulePage(false) },
  "/t/:tenant/admin/alert-rules/:ruleId delete": {
    does: "deletes an alert rule after the confirming box is ticked",
    neverAccepted:
      "as rendered the confirming box is unticked, so the form is refused; deleting is accepted in the integration and browser tests",
  },
  "/t/:tenant/alerts/:alertId acknowledge": { does: "acknowledges an alert", fresh: alertPage },
  "/t/:tenant/alerts/:alertId snooze": {
    does: "snoozes an alert until a later day (as rendered: tomorrow)",
    fresh: alertPage,
  },
  "/t/:tenant/alerts/:alertId assign": {
    does: "assigns an alert to a person, due on a day (as rendered: in a week), as a to-do",
    baseline: (ws) => ({ assignee: ws.users.buyer.id }),
    fresh: alertPage,
  },
  "/t/:tenant/alerts/:alertId resolve": {
    does: "resolves and closes an alert with what was done",
    baseline: () => ({ resolution: "Counted and corrected" }),
    fresh: alertPage,
    payload: shownOnItsPage,
  },
  "/t/:tenant/alerts/:alertId comment": {
    does: "adds a comment to an alert's history",
    baseline: () => ({ comment: "Count planned for Monday" }),
    fresh: alertPage,
    payload: shownOnItsPage,
  },
  "/t/:tenant/imports -": {
    does: "uploads a file and previews what it would change, writing nothing but the import's record",
    files: { file: () => stockCountCsv() },
    fresh: adminPage("imports"),
  },
  "/t/:tenant/imports/:importId commit": {
    does: "writes every row of a previewed import in one transaction",
    fresh: async (portal) => ({ as: "admin", path: tenantPath(portal.ws, `imports/${await portal.previewedImport()}`) }),
  },
  "/t/:tenant/imports/:importId discard": {
    does: "drops a previewed import",
    fresh: async (portal) => ({ as: "admin", path: tenantPath(portal.ws, `imports/${await portal.previewedImport()}`) }),
  },
  "/t/:tenant/shipments/:shipmentId receive": {
    does: "records the receipt of a shipping notice's lines",
    fresh: async (portal) => ({ as: "buyer", path: tenantPath(portal.ws, `shipments/${await portal.shipment()}`) }),
  },
  "/t/:tenant/shipments/:shipmentId correct": {
    does: "corrects a shipping notice none of which is received (as rendered: unchanged, nothing is written)",
    fresh: async (portal) => ({ as: "supplier", path: tenantPath(portal.ws, `shipments/${await portal.shipment()}`) }),
    payload: {
      shows: async (portal, location) => [...both(base(location)), ...both(tenantPath(portal.ws, "shipments"))],
    },
  },
  "/t/:tenant/shipments/:shipmentId cancel": {
    does: "cancels a shipping notice none of which is received, after the confirming box is ticked",
    neverAccepted:
      "as rendered the confirming box is unticked, so the form is refused; cancelling is accepted in the integration tests: only NUL is sent",
  },
};

/**
 * What kind of input a control of the form `key` takes: as `classify` reads its markup, except a
 * file input, which has a place only when the form's recipe says which file it sends.
 */
export function classifyIn(control: Control, route: string, key: string): FieldClass {
  const recipe = RECIPES[key];
  if (control.tag === "input" && control.type === "file" && recipe?.files?.[control.name]) return { kind: "file" };
  return classify(control, route);
}

/** The recipe key of a form: the route it posts to and the intent (`-` for none). */
export function recipeKey(route: string, submitter: Submitter | null): string {
  return `${route} ${submitter ? (submitter.name === "intent" ? submitter.value : `${submitter.name}=${submitter.value}`) : "-"}`;
}

/**
 * The addresses that open a route's pages in the workspace, every state its forms appear in: each
 * parameter filled with the workspace's ids, and the query a page needs for its form. A message
 * instead when a parameter has no value here (a new route names what it needs).
 */
export function pathsFor(pattern: string, ws: Workspace): string[] | string {
  if (pattern === "/*") return ["/no-such-page"];
  const values: Record<string, string[]> = {
    tenant: [ws.slug],
    agreementId: [ws.agreements.cheap, ws.agreements.propose, ws.agreements.pending],
    planId: Object.values(ws.plans),
    shipmentId: [ws.shipment],
    supplierId: [ws.supplierId],
    token: ws.linkTokens,
    importId: [ws.importId],
    alertId: [ws.alertId],
    // Read only for a route that has the parameter.
    get ruleId() {
      return [ws.alertRules.enabled, ws.alertRules.disabled];
    },
  };
  const queries: Record<string, string[]> = {
    "/t/:tenant/plans/new": [`?agreement=${ws.agreements.cheap}`, ""],
    "/t/:tenant/shipments/new": [`?plan=${ws.plans.approved}`],
    "/t/:tenant/admin/suppliers": ["", `?edit=${ws.supplierId}`],
    "/t/:tenant/imports/template": ["?kind=stock&format=csv"],
  };
  let paths = [pattern];
  for (const param of [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1])) {
    const options = values[param];
    if (!options) return `${pattern}: no value for :${param} in the workspace`;
    paths = paths.flatMap((p) => options.map((v) => p.replace(`:${param}`, v)));
  }
  return paths.flatMap((p) => (queries[pattern] ?? [""]).map((q) => `${p}${q}`));
}

export type Expectation =
  /** 400, with the field's own message of this kind tied to it. */
  | { status: 400; message: MessageKind }
  /** Refused (4xx). */
  | { status: "4xx" }
  /** By design read as page 1: never a server error, never another page. */
  | { page: true }
  /** By design never followed off the site: never a server error, never a redirect elsewhere. */
  | { path: true };

/**
 * The attacks on one field, by what it takes: each a value and what the answer must be. Every one
 * but `page` and `path` must also leave the database as it was. A field the intent does not read
 * (`ignored`) gets NUL only (the front door's); a number that may be negative (`negative`) is not
 * sent -1; an unplaced field gets nothing (it fails the classification).
 */
export function attacksFor(
  cls: FieldClass,
  rendered: string,
  options: { ignored?: boolean; negative?: boolean } = {},
): { value: string; expect: Expectation }[] {
  const at = (value: string, expectation: Expectation) => ({ value, expect: expectation });
  const nul = at(NUL_VALUE, { status: "4xx" });
  if (options.ignored) return [nul];
  switch (cls.kind) {
    case "text":
      return [...CONTROL_VALUES.map((v) => at(v, { status: 400, message: "control" })), nul];
    case "number": {
      const negative = options.negative ? [] : [at(NEGATIVE_VALUE, { status: 400, message: "negative" })];
      return [...NUMBER_VALUES.map((v) => at(v, { status: 400, message: "number" })), ...negative, nul];
    }
    case "date":
      return [at(DATE_VALUE, { status: 400, message: "date" }), nul];
    case "choice":
      return [at(OUTSIDE_VALUE, { status: "4xx" }), nul];
    case "secret":
      return [nul];
    case "file":
      // What a file holds is the importer's to check (its own tests); the form's other fields are attacked.
      return [];
    case "hidden":
      switch (cls.read) {
        case "uuid":
          return [at("0x10", { status: "4xx" }), at(`${rendered}\u0001`, { status: "4xx" }), nul];
        case "whole": {
          // What a lax reader would take for the rendered number itself, or for no number.
          const n = /^\d{1,15}$/.test(rendered) ? Number.parseInt(rendered, 10) : 1;
          return [
            at(`0x${n.toString(16)}`, { status: "4xx" }),
            at(`${n}e0`, { status: "4xx" }),
            at(NEGATIVE_VALUE, { status: "4xx" }),
            at("NaN", { status: "4xx" }),
            nul,
          ];
        }
        case "page":
          return [at("0x2", { page: true }), at("NaN", { page: true }), nul];
        case "path":
          return [at("https://evil.example/", { path: true }), at("//evil.example/", { path: true }), nul];
        case "informational":
          return [nul];
      }
      return [nul];
    case "unplaced":
      return [];
  }
}
