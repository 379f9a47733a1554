import { readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/**
 * The conventions of docs/architecture.md ("One way to do each thing") that a scan can check:
 * module size, the one 404, and feedback through the flash toast rather than query strings.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const MAX_LINES = 500;

function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir)).flatMap((name) => {
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return sources(rel);
    return /\.(ts|tsx|mjs)$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

const read = (file: string) => readFileSync(path.join(ROOT, file), "utf8");
const appFiles = sources("app");
const handWritten = [...appFiles, ...sources("db")];

describe("conventions", () => {
  it("scans the sources", () => {
    expect(appFiles).toContain("app/root.tsx");
    expect(handWritten).toContain("db/scope.ts");
  });

  it(`no hand-written module under app/ or db/ is longer than ${MAX_LINES} lines`, () => {
    const long = handWritten
      .map((file) => ({ file, lines: read(file).split("\n").length - 1 }))
      .filter(({ lines }) => lines > MAX_LINES)
      .map(({ file, lines }) => `${file}: ${lines} lines`);
    expect(long).toEqual([]);
  });

  it('the 404 is written once: `new Response("Not found"` appears at most once in app/', () => {
    const places = appFiles.flatMap((file) =>
      read(file)
        .split("\n")
        .flatMap((line, i) => (line.includes('new Response("Not found"') ? [`${file}:${i + 1}`] : [])),
    );
    expect(places.length, places.join("\n")).toBeLessThanOrEqual(1);
  });

  it("feedback after a mutation is a toast: nothing redirects with or reads a `done` query parameter", () => {
    const pattern = /[?&]done=|\.get\(\s*["']done["']\s*\)/;
    const places = appFiles.flatMap((file) =>
      read(file)
        .split("\n")
        .flatMap((line, i) => (pattern.test(line) ? [`${file}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(places).toEqual([]);
  });
});
