import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * Numbers from input are read by one parser (app/utils/input/decimal.ts), so that `0x1c20` is never
 * taken for 7200 again. This walks the code that reads forms and query strings (app/routes,
 * app/services, app/utils) and fails on every other way of turning text into a number:
 * `z.coerce.number()`, `z.number()` (conform reads a form field behind it with `Number(text)`),
 * `Number(…)`, `parseFloat`, `parseInt` (also as `Number.parse…`, and passed along as in
 * `.map(Number)`). The few uses on values that never come from input are listed below, each with
 * why; a new field goes through the building blocks instead.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCANNED = ["app/routes", "app/services", "app/utils"];
/** The parser itself: the one place text becomes a number. */
const PARSER = "app/utils/input/decimal.ts";

/** `file` → the exact calls (or functions handed on) allowed there, each on a value that is not input. */
const ALLOWED_CALLS: Record<string, Record<string, string>> = {
  "app/utils/format.ts": { Number: "the parts of a stored calendar day (YYYY-MM-DD), for display" },
  "app/utils/dates.ts": { Number: "the parts of a calendar day (YYYY-MM-DD) that dayNumber checked first" },
  "app/routes/tenant.home.tsx": { "Number(value)": "a count the loader computed, formatted for display" },
  "app/services/plans/save.server.ts": {
    "Number(today.slice(0, 4))": "the year of the tenant's today (YYYY-MM-DD from its clock)",
  },
  "app/utils/env.server.ts": { Number: "IMPORT_MAX_BYTES, whose digits the regex before it checked" },
  "app/services/api/rate-limit.server.ts": {
    "Number(resetSeconds)": "seconds to the next minute, computed by the database (a driver may hand numerics as text)",
  },
  // Import files: cells are read by the import's own rules (thousands separators, full-width
  // digits, Chinese dates), each shape checked by a regular expression before any conversion.
  "app/services/imports/read/cell-values.ts": {
    "Number(parts[1])": "a date's year, digits a date form matched",
    "Number(parts[2])": "a date's month, digits a date form matched",
    "Number(parts[3])": "a date's day, digits a date form matched",
    'Number(plain.replace(/,/g, ""))': "a cell that NUMBER_FORM matched (digits, groups, a fraction), its group commas dropped",
  },
  "app/services/imports/read/xlsx-file.server.ts": {
    "parseInt(entity.slice(2), 16)": "a hexadecimal XML character reference the entity pattern matched",
    "parseInt(entity.slice(1), 10)": "a decimal XML character reference the entity pattern matched",
    "Number(value.toPrecision(SHOWN_DIGITS))": "a numeric cell's value (already a number) rounded as Excel shows it",
    "Number(exponentText)": "the exponent of toExponential's own output",
  },
  "app/services/imports/read/zip-guard.server.ts": {
    "Number(tail.readBigUInt64LE(locator + 8))": "a ZIP64 offset read from the archive's binary directory",
    "Number(record.readBigUInt64LE(32))": "a ZIP64 size read from the archive's binary directory",
    "Number(record.readBigUInt64LE(40))": "a ZIP64 size read from the archive's binary directory",
    "Number(record.readBigUInt64LE(48))": "a ZIP64 offset read from the archive's binary directory",
    "Number(directory.readBigUInt64LE(at + 4))": "a ZIP64 size read from the archive's binary directory",
  },
};

/** `file` → why its zod number schemas read no form or query input. */
const ALLOWED_ZOD_NUMBERS: Record<string, string> = {
  "app/services/api/wire-schemas.server.ts":
    "the REST API's JSON shapes for its OpenAPI document: JSON numbers, checked again by the import rules as text",
  "app/utils/env.server.ts": "environment variables, read once at start",
  "app/services/alerts/rule-schema.ts":
    "a rule's thresholds as numbers: the rules form reads its text by the strict parser first (rule-form.ts), and the defaults and tests give numbers",
  "app/utils/toast.server.ts": "a toast's values, JSON the server wrote into its own cookie (no text becomes a number)",
};

const PARSE_FUNCTIONS = new Set(["Number", "parseFloat", "parseInt"]);

export interface Finding {
  file: string;
  line: number;
  text: string;
  rule: "coerce" | "zod-number" | "call" | "reference";
}

/** Every way `source` turns a value into a number outside the parser. */
export function findNumberReads(file: string, source: string): Finding[] {
  const kind = file.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(file, source, ts.ScriptTarget.Latest, true, kind);
  const found: Finding[] = [];
  const add = (node: ts.Node, rule: Finding["rule"]) =>
    found.push({ file, line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1, text: node.getText(sf), rule });

  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === "number") {
        const target = callee.expression;
        if (ts.isPropertyAccessExpression(target) && target.name.text === "coerce") add(node, "coerce");
        else if (ts.isIdentifier(target) && target.text === "z") add(node, "zod-number");
      }
      const name = ts.isIdentifier(callee)
        ? callee.text
        : ts.isPropertyAccessExpression(callee) && ts.isIdentifier(callee.expression) && callee.expression.text === "Number"
          ? callee.name.text
          : null;
      if (name && (name === "Number" || name === "parseFloat" || name === "parseInt")) add(node, "call");
      // `.map(Number)`, `.map(parseFloat)`: the same conversion, handed on.
      for (const arg of node.arguments) {
        if (ts.isIdentifier(arg) && PARSE_FUNCTIONS.has(arg.text)) add(arg, "reference");
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Findings that no allow-list covers, as `file:line text`. */
export function violations(findings: readonly Finding[]): string[] {
  return findings
    .filter((f) => {
      if (f.file === PARSER) return false;
      if (f.rule === "coerce" || f.rule === "zod-number") return !(f.file in ALLOWED_ZOD_NUMBERS);
      return !(f.text in (ALLOWED_CALLS[f.file] ?? {}));
    })
    .map((f) => `${f.file}:${f.line} ${f.text}`);
}

function listSources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return listSources(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

describe("numbers from input are read by the strict decimal parser only", () => {
  const files = SCANNED.flatMap(listSources);
  const findings = files.flatMap((file) => findNumberReads(file, readFileSync(path.join(ROOT, file), "utf8")));

  it("scans the routes, services and utils", () => {
    expect(files).toContain("app/routes/tenant.plan.tsx");
    expect(files).toContain("app/services/shipments/fields.server.ts");
    expect(files).toContain(PARSER);
  });

  it("finds no z.coerce.number(), z.number(), Number(), parseFloat() or parseInt() outside the parser and the allow-lists", () => {
    expect(violations(findings)).toEqual([]);
  });

  it("keeps the allow-lists exact: every entry is still used", () => {
    const used = new Set(findings.filter((f) => f.rule === "call" || f.rule === "reference").map((f) => `${f.file}|${f.text}`));
    const stale = Object.entries(ALLOWED_CALLS).flatMap(([file, calls]) =>
      Object.keys(calls)
        .filter((text) => !used.has(`${file}|${text}`))
        .map((text) => `${file}: ${text}`),
    );
    expect(stale).toEqual([]);
    const zodFiles = new Set(findings.filter((f) => f.rule === "coerce" || f.rule === "zod-number").map((f) => f.file));
    expect(Object.keys(ALLOWED_ZOD_NUMBERS).filter((file) => !zodFiles.has(file))).toEqual([]);
  });
});

describe("the guard itself (so that it cannot pass vacuously)", () => {
  const check = (source: string, file = "app/routes/example.tsx") => violations(findNumberReads(file, source));

  it("catches every way of reading a number that the parser replaces", () => {
    const source = [
      `const a = z.coerce.number().int();`,
      `const b = z.object({ qty: z.number().min(0) });`,
      `const c = Number(form.get("qty"));`,
      `const d = parseFloat(text);`,
      `const e = parseInt(text, 10);`,
      `const f = Number.parseFloat(text);`,
      `const g = Number.parseInt(text, 10);`,
      `const h = values.map(Number);`,
      `const i = values.map(parseFloat);`,
    ].join("\n");
    expect(check(source)).toEqual([
      "app/routes/example.tsx:1 z.coerce.number()",
      "app/routes/example.tsx:2 z.number()",
      'app/routes/example.tsx:3 Number(form.get("qty"))',
      "app/routes/example.tsx:4 parseFloat(text)",
      "app/routes/example.tsx:5 parseInt(text, 10)",
      "app/routes/example.tsx:6 Number.parseFloat(text)",
      "app/routes/example.tsx:7 Number.parseInt(text, 10)",
      "app/routes/example.tsx:8 Number",
      "app/routes/example.tsx:9 parseFloat",
    ]);
  });

  it("allows a listed call only where it is listed, and only as written", () => {
    const listed = `const year = Number(today.slice(0, 4));`;
    expect(check(listed, "app/services/plans/save.server.ts")).toEqual([]);
    expect(check(listed, "app/routes/example.tsx")).toEqual(["app/routes/example.tsx:1 Number(today.slice(0, 4))"]);
    expect(check(`const n = Number(form.get("year"));`, "app/services/plans/save.server.ts")).toEqual([
      'app/services/plans/save.server.ts:1 Number(form.get("year"))',
    ]);
  });

  it("leaves alone what is not a conversion: Number.isFinite, Intl.NumberFormat, the parser's own file", () => {
    expect(check(`const ok = Number.isFinite(x) && Number.isInteger(y); new Intl.NumberFormat("en").format(1);`)).toEqual([]);
    expect(check(`return Number(canonical);`, PARSER)).toEqual([]);
  });
});
