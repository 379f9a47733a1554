import { readFileSync, readdirSync, statSync } from "node:fs";
import { builtinModules } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The layer rules of docs/architecture.md ("imports point down only"), checked on every import,
 * re-export, dynamic import() and require() of every .ts/.tsx file under app/ and db/.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCANNED_ROOTS = ["app", "db"];

interface ImportRef {
  specifier: string;
  line: number;
  /** `import type …`, `export type …`, or every named specifier marked `type`. */
  typeOnly: boolean;
}

/** Every module a source file refers to, with 1-based line numbers. */
export function scanImports(fileName: string, source: string): ImportRef[] {
  const kind = fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, kind);
  const refs: ImportRef[] = [];
  const add = (node: ts.Node, spec: ts.Expression | undefined, typeOnly: boolean) => {
    if (!spec || !ts.isStringLiteralLike(spec)) return;
    const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
    refs.push({ specifier: spec.text, line, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      let typeOnly = false;
      if (clause) {
        const named = clause.namedBindings;
        typeOnly =
          clause.isTypeOnly ||
          (!clause.name &&
            !!named &&
            ts.isNamedImports(named) &&
            named.elements.length > 0 &&
            named.elements.every((e) => e.isTypeOnly));
      }
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isExportDeclaration(node)) {
      const clause = node.exportClause;
      const typeOnly =
        node.isTypeOnly ||
        (!!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly));
      add(node, node.moduleSpecifier, typeOnly);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      add(node, node.moduleReference.expression, node.isTypeOnly);
    } else if (ts.isCallExpression(node)) {
      const isDynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      const isRequire = ts.isIdentifier(node.expression) && node.expression.text === "require";
      if ((isDynamicImport || isRequire) && node.arguments.length > 0) add(node, node.arguments[0], false);
    } else if (ts.isImportTypeNode(node)) {
      // `typeof import("x")` in a type position.
      const arg = node.argument;
      if (ts.isLiteralTypeNode(arg)) add(node, arg.literal as ts.Expression, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return refs;
}

type Target =
  | { kind: "file"; path: string } // repo-relative, posix, without extension resolution
  | { kind: "package"; name: string; specifier: string };

/** Resolves `~/` to app/, `@db/` to db/, relative paths against the importing file; the rest are packages. */
export function resolveTarget(fromFile: string, specifier: string): Target {
  let rel: string | undefined;
  if (specifier.startsWith("~/")) rel = path.posix.join("app", specifier.slice(2));
  else if (specifier.startsWith("@db/")) rel = path.posix.join("db", specifier.slice(4));
  else if (specifier === "@db") rel = "db";
  else if (specifier.startsWith("./") || specifier.startsWith("../") || specifier === "." || specifier === "..")
    rel = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
  if (rel !== undefined) return { kind: "file", path: rel };
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return { kind: "package", name, specifier };
}

const within = (p: string, dir: string) => p === dir || p.startsWith(`${dir}/`);
/** `x.server`, `x.server.ts`, or anything under a `.server/` directory (Remix's server-only modules). */
const isServerModule = (p: string) => /\.server(\.[cm]?[jt]sx?)?$/.test(p) || /(^|\/)[^/]*\.server\//.test(p);

const stripExtension = (p: string) => p.replace(/\.[cm]?[jt]sx?$/, "");
const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const isNodeBuiltin = (name: string) => name.startsWith("node:") || NODE_BUILTINS.has(name);
const CORE_FORBIDDEN_PACKAGES = [
  /^react(-dom|-i18next)?$/,
  /^@remix-run\//,
  /^drizzle-orm$/,
  /^postgres$/,
  /^@electric-sql\//,
  /^i18next$/,
  /^remix-i18next$/,
];
const DB_PACKAGES = [/^drizzle-orm$/, /^postgres$/, /^@electric-sql\//];

/** The layer rules; returns one message per broken rule for one import. */
function brokenRules(file: string, ref: ImportRef): string[] {
  const target = resolveTarget(file, ref.specifier);
  const out: string[] = [];
  const targetFile = target.kind === "file" ? target.path : undefined;
  const pkg = target.kind === "package" ? target.name : undefined;

  if (within(file, "app/core")) {
    if (targetFile !== undefined && !within(targetFile, "app/core")) out.push("app/core imports nothing outside app/core");
    if (pkg && (isNodeBuiltin(pkg) || CORE_FORBIDDEN_PACKAGES.some((re) => re.test(pkg))))
      out.push("app/core is pure: no React, Remix, drizzle, database drivers or node:* modules");
  }
  if (within(file, "app/models") && targetFile) {
    if (within(targetFile, "app/services")) out.push("app/models never imports app/services");
    if (within(targetFile, "app/routes")) out.push("app/models never imports app/routes");
    if (within(targetFile, "app/components")) out.push("app/models never imports app/components");
  }
  if (within(file, "app/components")) {
    // Types only from services: a view's shape is declared once, by the use case that builds it.
    const typeFromServices = ref.typeOnly && targetFile !== undefined && within(targetFile, "app/services");
    if (!typeFromServices && (isServerModule(ref.specifier) || (targetFile && isServerModule(targetFile))))
      out.push("app/components imports no *.server module");
    if (targetFile && within(targetFile, "app/models")) out.push("app/components imports no app/models");
    if (targetFile && within(targetFile, "app/services") && !ref.typeOnly)
      out.push("app/components imports only types from app/services");
    if ((targetFile && within(targetFile, "db")) || (pkg && DB_PACKAGES.some((re) => re.test(pkg))))
      out.push("app/components has no data access (no db/, drizzle-orm or drivers)");
  }
  if (within(file, "app/utils") && targetFile) {
    for (const layer of ["app/services", "app/models", "app/routes", "app/components"]) {
      if (within(targetFile, layer)) out.push(`app/utils holds generic helpers: it never imports ${layer}`);
    }
  }
  if (within(file, "app/routes") && !ref.typeOnly) {
    if (targetFile && within(targetFile, "db")) out.push("app/routes import db/ only for types (a service owns the transaction)");
    if (targetFile && within(targetFile, "app/models"))
      out.push("app/routes import app/models only for types (call one service)");
    if (targetFile && stripExtension(targetFile) === "app/utils/db.server")
      out.push("app/routes never hold the database handle (a service owns the transaction)");
    if (pkg && DB_PACKAGES.some((re) => re.test(pkg)))
      out.push("app/routes never build SQL (no drizzle-orm or drivers, except types)");
  }
  return out;
}

/** Every broken rule of one file, as `file:line imports "x": rule`. */
export function checkSource(file: string, source: string): string[] {
  return scanImports(file, source).flatMap((ref) =>
    brokenRules(file, ref).map((rule) => `${file}:${ref.line} imports "${ref.specifier}": ${rule}`),
  );
}

function listSources(dir: string): string[] {
  const abs = path.join(ROOT, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    if (name === "node_modules" || name.startsWith(".")) return [];
    const rel = path.posix.join(dir, name);
    if (statSync(path.join(ROOT, rel)).isDirectory()) return listSources(rel);
    return /\.tsx?$/.test(name) && !name.endsWith(".d.ts") ? [rel] : [];
  });
}

function scanRepository() {
  const files = SCANNED_ROOTS.flatMap(listSources).sort();
  const imports = new Map<string, ImportRef[]>();
  const violations: string[] = [];
  for (const file of files) {
    const source = readFileSync(path.join(ROOT, file), "utf8");
    imports.set(file, scanImports(file, source));
    violations.push(...checkSource(file, source));
  }
  return { files, imports, violations };
}

describe("layer rules (docs/architecture.md)", () => {
  const repo = scanRepository();

  it("holds for every file under app/ and db/", () => {
    expect(repo.violations).toEqual([]);
  });

  it("actually scanned the sources and found their imports", () => {
    expect(repo.files.length).toBeGreaterThan(5);
    expect(repo.files).toContain("db/scope.ts");
    expect(repo.files.some((f) => f.startsWith("app/"))).toBe(true);
    const scope = repo.imports.get("db/scope.ts") ?? [];
    expect(scope).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ specifier: "drizzle-orm", typeOnly: false }),
        expect.objectContaining({ specifier: "./client", typeOnly: true }),
      ]),
    );
    const schemaIndex = repo.imports.get("db/schema/index.ts") ?? [];
    expect(schemaIndex.map((r) => r.specifier)).toContain("./tenants");
    const total = [...repo.imports.values()].reduce((n, refs) => n + refs.length, 0);
    expect(total).toBeGreaterThan(20);
  });
});

describe("the import walker and rules (so the check cannot pass vacuously)", () => {
  it("finds every kind of import with its line", () => {
    const refs = scanImports(
      "app/core/x.ts",
      [
        `import a from "a";`,
        `import type { B } from "b";`,
        `import { type C, type D } from "c";`,
        `import { type E, f } from "e";`,
        `export * from "g";`,
        `export type { H } from "h";`,
        `import "side-effect";`,
        `const m = await import("dyn");`,
        `const r = require("req");`,
        `type T = typeof import("typeimp");`,
        `// import x from "commented-out";`,
        `const s = "import y from 'in-a-string'";`,
      ].join("\n"),
    );
    expect(refs).toEqual([
      { specifier: "a", line: 1, typeOnly: false },
      { specifier: "b", line: 2, typeOnly: true },
      { specifier: "c", line: 3, typeOnly: true },
      { specifier: "e", line: 4, typeOnly: false },
      { specifier: "g", line: 5, typeOnly: false },
      { specifier: "h", line: 6, typeOnly: true },
      { specifier: "side-effect", line: 7, typeOnly: false },
      { specifier: "dyn", line: 8, typeOnly: false },
      { specifier: "req", line: 9, typeOnly: false },
      { specifier: "typeimp", line: 10, typeOnly: true },
    ]);
  });

  it("resolves the ~/ and @db/ aliases and relative paths", () => {
    expect(resolveTarget("app/routes/x.tsx", "~/models/a.server")).toEqual({ kind: "file", path: "app/models/a.server" });
    expect(resolveTarget("app/routes/x.tsx", "@db/client")).toEqual({ kind: "file", path: "db/client" });
    expect(resolveTarget("app/core/a/b.ts", "../../models/x")).toEqual({ kind: "file", path: "app/models/x" });
    expect(resolveTarget("app/core/a/b.ts", "../c")).toEqual({ kind: "file", path: "app/core/c" });
    expect(resolveTarget("app/x.ts", "@remix-run/node")).toMatchObject({ kind: "package", name: "@remix-run/node" });
    expect(resolveTarget("app/x.ts", "drizzle-orm/pg-core")).toMatchObject({ kind: "package", name: "drizzle-orm" });
  });

  it("reports each broken rule as file:line", () => {
    expect(
      checkSource(
        "app/core/forecast.ts",
        [
          `import { mean } from "./stats";`,
          `import { z } from "zod";`,
          `import { useState } from "react";`,
          `import { json } from "@remix-run/node";`,
          `import { sql } from "drizzle-orm";`,
          `import fs from "node:fs";`,
          `import path from "path";`,
          `import { PGlite } from "@electric-sql/pglite";`,
          `import postgres from "postgres";`,
          `import { list } from "~/models/agreements.server";`,
          `import { db } from "../../db/client";`,
        ].join("\n"),
      ),
    ).toEqual([
      `app/core/forecast.ts:3 imports "react": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:4 imports "@remix-run/node": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:5 imports "drizzle-orm": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:6 imports "node:fs": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:7 imports "path": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:8 imports "@electric-sql/pglite": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:9 imports "postgres": app/core is pure: no React, Remix, drizzle, database drivers or node:* modules`,
      `app/core/forecast.ts:10 imports "~/models/agreements.server": app/core imports nothing outside app/core`,
      `app/core/forecast.ts:11 imports "../../db/client": app/core imports nothing outside app/core`,
    ]);

    expect(
      checkSource(
        "app/models/plans.server.ts",
        [
          `import { withTenant } from "@db/scope";`,
          `import { submit } from "~/services/plans.server";`,
          `import { loader } from "../routes/t.$tenant";`,
          `import { classify } from "~/core/abc";`,
        ].join("\n"),
      ),
    ).toEqual([
      `app/models/plans.server.ts:2 imports "~/services/plans.server": app/models never imports app/services`,
      `app/models/plans.server.ts:3 imports "../routes/t.$tenant": app/models never imports app/routes`,
    ]);

    expect(
      checkSource(
        "app/components/inventory-table.tsx",
        [
          `import { formatQty } from "~/core/format";`,
          `import { env } from "~/utils/env.server";`,
          `import { list } from "~/models/agreements.server";`,
          `import { submit } from "../services/plans";`,
          `import type { Agreement } from "@db/schema";`,
          `import { eq } from "drizzle-orm";`,
          `import type { PlanPage } from "~/services/plans/plan-page.server";`,
        ].join("\n"),
      ),
    ).toEqual([
      `app/components/inventory-table.tsx:2 imports "~/utils/env.server": app/components imports no *.server module`,
      `app/components/inventory-table.tsx:3 imports "~/models/agreements.server": app/components imports no *.server module`,
      `app/components/inventory-table.tsx:3 imports "~/models/agreements.server": app/components imports no app/models`,
      `app/components/inventory-table.tsx:4 imports "../services/plans": app/components imports only types from app/services`,
      `app/components/inventory-table.tsx:5 imports "@db/schema": app/components has no data access (no db/, drizzle-orm or drivers)`,
      `app/components/inventory-table.tsx:6 imports "drizzle-orm": app/components has no data access (no db/, drizzle-orm or drivers)`,
    ]);

    expect(
      checkSource(
        "app/routes/t.$tenant.inventory.tsx",
        [
          `import type { Database } from "@db/client";`,
          `import { type Tx } from "../../db/client";`,
          `import type { SQL } from "drizzle-orm";`,
          `import { listAgreements } from "~/models/agreements.server";`,
          `import { withTenant } from "@db/scope";`,
          `import { agreements } from "@db/schema";`,
          `import { sql } from "drizzle-orm";`,
          `import { pgTable } from "drizzle-orm/pg-core";`,
          `import { openDatabase } from "../../db/client.ts";`,
          `import { getDb } from "~/utils/db.server";`,
        ].join("\n"),
      ),
    ).toEqual([
      `app/routes/t.$tenant.inventory.tsx:4 imports "~/models/agreements.server": app/routes import app/models only for types (call one service)`,
      `app/routes/t.$tenant.inventory.tsx:5 imports "@db/scope": app/routes import db/ only for types (a service owns the transaction)`,
      `app/routes/t.$tenant.inventory.tsx:6 imports "@db/schema": app/routes import db/ only for types (a service owns the transaction)`,
      `app/routes/t.$tenant.inventory.tsx:7 imports "drizzle-orm": app/routes never build SQL (no drizzle-orm or drivers, except types)`,
      `app/routes/t.$tenant.inventory.tsx:8 imports "drizzle-orm/pg-core": app/routes never build SQL (no drizzle-orm or drivers, except types)`,
      `app/routes/t.$tenant.inventory.tsx:9 imports "../../db/client.ts": app/routes import db/ only for types (a service owns the transaction)`,
      `app/routes/t.$tenant.inventory.tsx:10 imports "~/utils/db.server": app/routes never hold the database handle (a service owns the transaction)`,
    ]);

    expect(
      checkSource(
        "app/utils/format.ts",
        [
          `import { isoDate } from "~/core";`,
          `import { getTenantSettings } from "~/models/tenant-settings.server";`,
          `import { planLineRules } from "../services/plans/plan-line-rules";`,
          `import type { Button } from "~/components/ui/button";`,
        ].join("\n"),
      ),
    ).toEqual([
      `app/utils/format.ts:2 imports "~/models/tenant-settings.server": app/utils holds generic helpers: it never imports app/models`,
      `app/utils/format.ts:3 imports "../services/plans/plan-line-rules": app/utils holds generic helpers: it never imports app/services`,
      `app/utils/format.ts:4 imports "~/components/ui/button": app/utils holds generic helpers: it never imports app/components`,
    ]);
  });
});
