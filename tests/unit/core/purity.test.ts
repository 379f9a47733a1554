import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const CORE = resolve(dirname(fileURLToPath(import.meta.url)), "../../../app/core");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

const SPECIFIER =
  /(?:\bimport|\bexport)\s[^;]*?\bfrom\s*["']([^"']+)["']|\bimport\s*\(?\s*["']([^"']+)["']|\brequire\s*\(\s*["']([^"']+)["']/g;
const IMPURE: [RegExp, string][] = [
  [/\bDate\.now\s*\(/, "reads the clock (Date.now)"],
  [/\bnew Date\s*\(\s*\)/, "reads the clock (new Date())"],
  [/\bperformance\.now\s*\(/, "reads the clock (performance.now)"],
  [/\bMath\.random\s*\(/, "uses randomness (Math.random)"],
  [/\bcrypto\./, "uses crypto"],
  [/\bprocess\./, "reads the process environment"],
  [/\bconsole\./, "writes to the console"],
  [/\bfetch\s*\(/, "does I/O (fetch)"],
];

/** Every reason why `source`, the text of `file` inside app/core, is not pure core code. */
function violations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const match of source.matchAll(SPECIFIER)) {
    const specifier = match[1] ?? match[2] ?? match[3];
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) {
      found.push(`imports "${specifier}", outside app/core`);
      continue;
    }
    const target = resolve(dirname(file), specifier);
    if (target !== CORE && !target.startsWith(CORE + sep)) found.push(`imports "${specifier}", outside app/core`);
  }
  for (const [pattern, reason] of IMPURE) if (pattern.test(source)) found.push(reason);
  return found;
}

describe("app/core stays pure", () => {
  const files = sourceFiles(CORE);

  it("finds the core's source files", () => {
    expect(files.length).toBeGreaterThan(20);
    expect(files.map((f) => relative(CORE, f))).toContain("index.ts");
  });

  it.each(files.map((f) => [relative(CORE, f), f]))(
    "%s imports only app/core and uses no clock, randomness or I/O",
    (_, file) => {
      expect(violations(file, readFileSync(file, "utf8"))).toEqual([]);
    },
  );

  it("the checker itself flags what it must (so the test above can fail)", () => {
    const file = join(CORE, "example.ts");
    expect(violations(file, 'import { json } from "@remix-run/node";')).toEqual(['imports "@remix-run/node", outside app/core']);
    expect(violations(file, 'import { db } from "~/db.server";')).toHaveLength(1);
    expect(violations(file, 'import fs from "node:fs";')).toHaveLength(1);
    expect(violations(file, 'import { users } from "../models/users";')).toEqual(['imports "../models/users", outside app/core']);
    expect(violations(file, 'export { x } from "../../db/schema";')).toHaveLength(1);
    expect(violations(file, 'const m = await import("drizzle-orm");')).toHaveLength(1);
    expect(violations(file, "const t = Date.now();")).toEqual(["reads the clock (Date.now)"]);
    expect(violations(file, "const r = Math.random();")).toEqual(["uses randomness (Math.random)"]);
    expect(violations(file, 'import { mean } from "./internal/stats";\nimport type { Abc } from "./types";')).toEqual([]);
  });
});
