/**
 * Database commands:
 *   tsx db/cli.ts migrate          apply the committed migrations
 *   tsx db/cli.ts seed             migrate, then seed the demo tenants when no tenant exists
 *   tsx db/cli.ts seed --reset     migrate, empty every app table and seed the demo again
 *                                  (SEED_DEMO=off: neither ever writes the demo)
 *   tsx db/cli.ts seed-large [--replace]
 *                                  on the server at DATABASE_URL: migrate, write the scale tenant
 *                                  (20,000 agreements, 29 million daily facts) and compute it
 *   tsx db/cli.ts recompute [--tenant <slug>]
 *                                  migrate, then recompute the metrics of every tenant (or one),
 *                                  waiting for a recompute of the same tenant running elsewhere
 *   tsx db/cli.ts backup [--out <file>]
 *                                  a gzip SQL dump (default DATA_DIR/backups/vmi-backup-<time>.sql.gz)
 *   tsx db/cli.ts restore <file>   load a backup into an empty database
 *   tsx db/cli.ts tenant:create --slug <slug> --name <name> --currency <ISO 4217> --timezone <IANA zone>
 *                 --admin-email <email> [--admin-name <name>] [--locale en|zh-CN]
 *                                  migrate, create a company and invite its first administrator: the
 *                                  e-mail goes into the outbox, the link is printed (bad arguments
 *                                  exit 2, a slug taken exits 1)
 *   tsx db/cli.ts apikey:create --tenant <slug> --name <name> [--scopes <scope>,…] [--expires YYYY-MM-DD]
 *                                  migrate, make a REST API key for the company (scopes default to
 *                                  read; it works through the --expires day in the company's time
 *                                  zone) and print it, once (bad arguments exit 2, an unknown
 *                                  company exits 1)
 *
 * A seed that wrote the demo also computes its metrics.
 *
 * The database is chosen as the app chooses it: DATABASE_URL → that PostgreSQL server (pool
 * DATABASE_POOL_MAX, default 10); otherwise PGlite under DATA_DIR (default ./.data)/pglite. The
 * embedded database is opened directly when nobody holds it, and through the running server's
 * socket when the server does (db/embedded/owner.ts); a restore needs it to itself.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { BackupError, backupFileName, backupPglite, backupServer, readBackup, restorePglite, restoreServer } from "./backup";
import { type DatabaseHandle, DatabaseUnreachableError, openDatabase, pgliteDirFor } from "./client";
import { DataDirBusyError, lockDataDir } from "./embedded/data-dir-lock";
import { askOwner } from "./embedded/local-access";
import { openForCommand } from "./embedded/owner";
import { describeError } from "../app/utils/logger.server";
import { seedDemoEnabled } from "../app/utils/env.server";
import { refreshPlannerStatistics, vacuumRollups } from "./maintenance";
import { migrate } from "./migrate";
import { DEMO_API_KEY, DEMO_PASSWORD, DEMO_USERS, type SeedSummary, seedDemo, seedDemoIfEmpty } from "./seed";
import { recordLargeSeed, SCALE_SLUG, ScaleTenantExistsError, seedLarge } from "./seed/large";
import { describeEvaluation, evaluateAllTenants } from "../app/services/alerts/evaluate.server";
import { UnknownTenantError, describeRecompute, recomputeAll } from "../app/services/metrics/recompute.server";
import { createCompanyWithAdminInvitation, NewCompanySchema } from "../app/services/onboarding/tenant-create.server";
import { API_SCOPES, ApiKeyCreateSchema } from "../app/services/api/key-rules";
import { createApiKeyForCompany } from "../app/services/api/manage-keys.server";
import { serverI18n } from "../app/i18next.server";
import { isAppError } from "../app/utils/app-error";
import { appUrlOf, getEnv } from "../app/utils/env.server";

const USAGE =
  "Usage: tsx db/cli.ts migrate | seed [--reset] | seed-large [--replace] | recompute [--tenant <slug>] | backup [--out <file>] | restore <file> | tenant:create --slug <slug> … | apikey:create --tenant <slug> …";

const TENANT_CREATE_USAGE =
  'Usage: npm run tenant:create -- --slug <slug> --name "<name>" --currency <ISO 4217> --timezone <IANA zone> --admin-email <email> [--admin-name "<name>"] [--locale en|zh-CN]';

const APIKEY_CREATE_USAGE = `Usage: npm run apikey:create -- --tenant <slug> --name "<name>" [--scopes <scope>,…] [--expires YYYY-MM-DD] (scopes: ${API_SCOPES.join(", ")}; default read)`;

class UsageError extends Error {}
/** A wrong argument of tenant:create or apikey:create: one line naming it, exit status 2. */
class ArgumentError extends Error {}

function databaseOptions(): { url?: string; dataDir?: string; poolMax: number } {
  const url = process.env.DATABASE_URL?.trim() || undefined;
  if (url && !/^postgres(ql)?:\/\//.test(url)) {
    throw new UsageError("DATABASE_URL must start with postgres:// or postgresql://");
  }
  const poolText = process.env.DATABASE_POOL_MAX?.trim();
  const poolMax = poolText ? Number(poolText) : 10;
  if (!Number.isInteger(poolMax) || poolMax < 1 || poolMax > 500) {
    throw new UsageError(`DATABASE_POOL_MAX must be a whole number from 1 to 500, not "${poolText}"`);
  }
  if (url) return { url, poolMax };
  return { dataDir: dataDirOption(), poolMax };
}

function dataDirOption() {
  return path.resolve(process.env.DATA_DIR?.trim() || "./.data");
}

/** The database for a command: the server at DATABASE_URL, or the embedded one (see above). */
async function openCommandDatabase(command: string): Promise<{ handle: DatabaseHandle; close(): Promise<void> }> {
  const options = databaseOptions();
  if (options.url) {
    const handle = await openDatabase({ url: options.url, poolMax: options.poolMax });
    return { handle, close: () => handle.close() };
  }
  const opened = await openForCommand(options.dataDir!, command);
  if (opened.through === "server") console.log(`The portal is running: working through its database socket.`);
  return opened;
}

function printSummary(summary: SeedSummary) {
  const { counts } = summary;
  console.log(
    `Seeded the demo in ${(summary.durationMs / 1000).toFixed(1)} s: ${counts.tenants} tenants, ` +
      `${counts.users} users, ${counts.items} items, ${counts.agreements} agreements, ` +
      `${counts.consumption + counts.stockSnapshots} daily facts (${summary.firstDay} to ${summary.lastDay}).`,
  );
  for (const [slug, tenant] of Object.entries(summary.tenants)) {
    const status = tenant.statusToday;
    console.log(
      `  ${slug}: ${tenant.agreements} agreements; latest stock: ${status.stockout} stocked out, ` +
        `${status.belowMin} below min, ${status.inBand} in band, ${status.aboveMax} above max`,
    );
  }
  console.log(`Demo sign-ins, password ${DEMO_PASSWORD}:`);
  for (const user of DEMO_USERS) console.log(`  ${user.email.padEnd(28)} ${user.description}`);
  console.log(`Demo REST API key (acme, every scope): ${DEMO_API_KEY}`);
}

/** Recomputes every tenant's metrics (or one), printing a line per tenant as it is done. */
async function recompute(handle: DatabaseHandle, tenantSlug?: string, options: { afterSeed?: boolean } = {}) {
  const started = performance.now();
  const results = await recomputeAll(handle, {
    tenantSlug,
    wait: true,
    trigger: options.afterSeed ? "seed" : "cli",
    backfillClassHistory: options.afterSeed,
    onResult: (result) => console.log(`  ${describeRecompute(result)}`),
  });
  const agreements = results.reduce((sum, result) => sum + result.agreements, 0);
  console.log(
    `Recomputed the metrics of ${agreements} agreements in ${results.length} tenant(s) in ` +
      `${((performance.now() - started) / 1000).toFixed(2)} s.`,
  );
  const vacuumStarted = performance.now();
  await vacuumRollups(handle.db);
  console.log(`Tidied the rebuilt rollups (VACUUM) in ${((performance.now() - vacuumStarted) / 1000).toFixed(1)} s.`);
}

/**
 * Evaluates every tenant's alert rules once the figures they read are current and the planner
 * knows the new rows (an evaluation right after a bulk load would otherwise be planned blind).
 */
async function evaluateAlertRules(handle: DatabaseHandle, trigger: string) {
  await refreshPlannerStatistics(handle.db);
  await evaluateAllTenants(handle.db, trigger, (slug, evaluation) => console.log(`  ${describeEvaluation(slug, evaluation)}`));
}

/** `--tenant <slug>` (or `--tenant=<slug>`) of the recompute command; anything else is refused. */
function parseRecomputeFlags(flags: string[]): { tenantSlug?: string } {
  let tenantSlug: string | undefined;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === "--tenant" || flag.startsWith("--tenant=")) {
      const value = flag === "--tenant" ? flags[++i] : flag.slice("--tenant=".length);
      if (!value || value.startsWith("--")) throw new UsageError(`--tenant needs a tenant slug. ${USAGE}`);
      tenantSlug = value;
    } else {
      throw new UsageError(`Unknown option ${flag}. ${USAGE}`);
    }
  }
  return { tenantSlug };
}

/** seed:large: only on a PostgreSQL server, then the scale tenant's recompute, each timed. */
async function runSeedLarge(replace: boolean) {
  const url = process.env.DATABASE_URL?.trim();
  if (!url) throw new UsageError("seed:large writes 29 million rows: it needs a PostgreSQL server in DATABASE_URL.");
  const handle: DatabaseHandle = await openDatabase({ url, poolMax: databaseOptions().poolMax });
  try {
    await migrate(handle);
  } finally {
    await handle.close();
  }
  const started = performance.now();
  console.log(`Seeding the "${SCALE_SLUG}" tenant…`);
  const result = await seedLarge(url, { replace, onProgress: (line) => console.log(`  ${line}`) });
  console.log(
    `Seeded ${result.agreements.toLocaleString("en-US")} agreements and ${result.factRows.toLocaleString("en-US")} daily facts ` +
      `(${result.firstDay} to ${result.lastDay}) in ${(result.durationMs / 1000).toFixed(1)} s ` +
      `(generating: ${(result.generateMs / 1000).toFixed(1)} s).`,
  );
  const computeHandle = await openDatabase({ url, poolMax: databaseOptions().poolMax });
  const recomputeStarted = performance.now();
  try {
    console.log("Recomputing its metrics and compliance rollups…");
    await recompute(computeHandle, SCALE_SLUG);
    await evaluateAlertRules(computeHandle, "seed");
  } finally {
    await computeHandle.close();
  }
  const recomputeMs = performance.now() - recomputeStarted;
  const totalMs = performance.now() - started;
  await recordLargeSeed(url, { ...result, recomputeMs, totalMs });
  console.log(`seed:large done in ${(totalMs / 1000).toFixed(1)} s.`);
}

/** `backup [--out FILE]`: on the embedded database, the owner writes it (this process or the server). */
async function runBackup(flags: string[]) {
  let out: string | undefined;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    if (flag === "--out" || flag.startsWith("--out=")) {
      out = flag === "--out" ? flags[++i] : flag.slice("--out=".length);
      if (!out || out.startsWith("--")) throw new UsageError(`--out needs a file name. ${USAGE}`);
    } else {
      throw new UsageError(`Unknown option ${flag}. ${USAGE}`);
    }
  }
  const options = databaseOptions();
  const file = path.resolve(
    out ?? path.join(options.url ? dataDirOption() : options.dataDir!, "backups", backupFileName(new Date())),
  );
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  console.log(`Backing up to ${file}…`);
  let bytes: number;
  let durationMs: number;
  if (options.url) {
    ({ bytes, durationMs } = await backupServer(options.url, file));
  } else {
    const opened = await openForCommand(options.dataDir!, "npm run db:backup");
    try {
      if (opened.through === "directory") {
        ({ bytes, durationMs } = await backupPglite(opened.handle.pglite!, file));
      } else {
        console.log("The portal is running: it writes the backup.");
        const reply = await askOwner(options.dataDir!, { command: "backup", out: file });
        if (!reply.ok) throw new BackupError(`The server could not back up: ${reply.error}`);
        bytes = Number(reply.bytes);
        durationMs = Number(reply.durationMs);
      }
    } finally {
      await opened.close();
    }
  }
  console.log(`Backup written: ${file} (${(bytes / 1e6).toFixed(1)} MB in ${(durationMs / 1000).toFixed(1)} s).`);
}

/** `restore FILE`: into an empty database only; the embedded one must not be in use. */
async function runRestore(flags: string[]) {
  if (flags.length !== 1 || flags[0].startsWith("--")) throw new UsageError(`restore needs one backup file. ${USAGE}`);
  const file = path.resolve(flags[0]);
  const options = databaseOptions();
  const started = performance.now();
  if (options.url) {
    await restoreServer(options.url, file);
  } else {
    const lock = lockDataDir(options.dataDir!, "npm run db:restore");
    try {
      const sqlText = await readBackup(file);
      const pg = await restorePglite(pgliteDirFor(options.dataDir!), sqlText);
      await pg.close();
    } finally {
      lock.release();
    }
  }
  console.log(`Restored ${file} in ${((performance.now() - started) / 1000).toFixed(1)} s. npm start serves it.`);
}

/** The options of tenant:create, by the field of the company they fill. */
const COMPANY_OPTIONS = {
  "--slug": "slug",
  "--name": "companyName",
  "--currency": "currency",
  "--timezone": "timezone",
  "--admin-email": "adminEmail",
  "--admin-name": "adminName",
  "--locale": "locale",
} as const;

/** `--option value` or `--option=value` pairs, checked by the rules of the set-up page. */
async function parseCompanyFlags(flags: string[]) {
  const values: Record<string, string> = {};
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const name = flag.includes("=") ? flag.slice(0, flag.indexOf("=")) : flag;
    const field = COMPANY_OPTIONS[name as keyof typeof COMPANY_OPTIONS];
    if (!field) throw new ArgumentError(`Unknown option ${flag}. ${TENANT_CREATE_USAGE}`);
    const value = flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : flags[++i];
    if (value === undefined || (!flag.includes("=") && value.startsWith("--"))) throw new ArgumentError(`${name} needs a value.`);
    if (field in values) throw new ArgumentError(`${name} is given twice.`);
    values[field] = value;
  }
  // The company's default language, unless given: the portal's default.
  const parsed = NewCompanySchema.safeParse({ locale: "zh-CN", ...values });
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const option = Object.entries(COMPANY_OPTIONS).find(([, field]) => field === issue.path[0])?.[0] ?? String(issue.path[0]);
  const t = (await serverI18n("en")).getFixedT("en");
  throw new ArgumentError(`${option}: ${String(t(issue.message))}`);
}

/** tenant:create: never the demo; the company, its administrator's invitation and e-mail, the link printed. */
async function runTenantCreate(flags: string[]) {
  const company = await parseCompanyFlags(flags);
  const appUrl = appUrlOf(getEnv());
  const opened = await openCommandDatabase("npm run tenant:create");
  try {
    await migrate(opened.handle);
    const created = await createCompanyWithAdminInvitation(opened.handle.db, company, { appUrl });
    console.log(
      `Created the company "${company.companyName}" (/t/${created.slug}) and invited ${company.adminEmail} as its administrator ` +
        `(the link works until ${created.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC).`,
    );
    console.log(
      "The invitation e-mail is in the outbox: the running portal sends it (SMTP_URL, else .eml files in DATA_DIR/outbox).",
    );
    console.log(`Invitation link: ${created.link}`);
  } catch (error) {
    if (isAppError(error, "conflict")) {
      throw new UsageError(`A company with the slug "${company.slug}" exists already: choose another --slug.`);
    }
    throw error;
  } finally {
    await opened.close();
  }
}

/** `--option value` or `--option=value` pairs of apikey:create, checked by the rules of the API keys page. */
async function parseApiKeyFlags(flags: string[]) {
  const options = ["--tenant", "--name", "--scopes", "--expires"];
  const values: Record<string, string> = {};
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i];
    const name = flag.includes("=") ? flag.slice(0, flag.indexOf("=")) : flag;
    if (!options.includes(name)) throw new ArgumentError(`Unknown option ${flag}. ${APIKEY_CREATE_USAGE}`);
    const value = flag.includes("=") ? flag.slice(flag.indexOf("=") + 1) : flags[++i];
    if (value === undefined || (!flag.includes("=") && value.startsWith("--"))) throw new ArgumentError(`${name} needs a value.`);
    if (name in values) throw new ArgumentError(`${name} is given twice.`);
    values[name] = value;
  }
  const tenant = values["--tenant"]?.trim();
  if (!tenant) throw new ArgumentError(`--tenant: name the company by its slug. ${APIKEY_CREATE_USAGE}`);
  const scopes = (values["--scopes"] ?? "read").split(",").map((scope) => scope.trim());
  const unknown = scopes.find((scope) => !(API_SCOPES as readonly string[]).includes(scope));
  if (unknown !== undefined)
    throw new ArgumentError(`--scopes: "${unknown}" is not a scope; the scopes are ${API_SCOPES.join(", ")}.`);
  const parsed = ApiKeyCreateSchema.safeParse({ name: values["--name"], scopes, expires: values["--expires"] });
  if (parsed.success) return { tenant, key: parsed.data };
  const issue = parsed.error.issues[0];
  const t = (await serverI18n("en")).getFixedT("en");
  throw new ArgumentError(`--${String(issue.path[0])}: ${String(t(issue.message))}`);
}

/** apikey:create: the key is printed here, once; only its SHA-256 is kept. */
async function runApiKeyCreate(flags: string[]) {
  const { tenant, key } = await parseApiKeyFlags(flags);
  const opened = await openCommandDatabase("npm run apikey:create");
  try {
    await migrate(opened.handle);
    const created = await createApiKeyForCompany(opened.handle.db, tenant, key);
    const expiry = created.expiresAt
      ? `until ${created.expiresAt.toISOString().slice(0, 16).replace("T", " ")} UTC`
      : "no expiry";
    console.log(
      `Created the API key "${created.name}" for /t/${created.tenantSlug} (scopes: ${created.scopes.join(", ")}; ${expiry}).`,
    );
    console.log(`Listed as ${created.prefix}…; the key is shown only now, keep it in the integration's secret settings.`);
    console.log(`API key: ${created.key}`);
  } catch (error) {
    if (isAppError(error, "not_found")) throw new UsageError(`No company has the slug "${tenant}".`);
    if (isAppError(error, "invalid")) {
      const [field, messages] = Object.entries(error.fieldErrors)[0] ?? ["expires", [error.userMessage]];
      const t = (await serverI18n("en")).getFixedT("en");
      throw new ArgumentError(`--${field}: ${String(t(messages[0].key, messages[0].params))}`);
    }
    throw error;
  } finally {
    await opened.close();
  }
}

async function run(command: string | undefined, flags: string[]) {
  const commands = ["migrate", "seed", "seed-large", "recompute", "backup", "restore", "tenant:create", "apikey:create"];
  if (!command || !commands.includes(command)) throw new UsageError(USAGE);
  if (command === "tenant:create") return runTenantCreate(flags);
  if (command === "apikey:create") return runApiKeyCreate(flags);
  if (command === "backup") return runBackup(flags);
  if (command === "restore") return runRestore(flags);
  const recomputeFlags = command === "recompute" ? parseRecomputeFlags(flags) : {};
  const allowed = command === "seed" ? ["--reset"] : command === "seed-large" ? ["--replace"] : [];
  const unknown = command === "recompute" ? [] : flags.filter((flag) => !allowed.includes(flag));
  if (unknown.length > 0) throw new UsageError(`Unknown option ${unknown[0]}. ${USAGE}`);
  if (command === "seed-large") return runSeedLarge(flags.includes("--replace"));
  const writeDemo = command === "seed" ? demoSetting() : false;

  const opened = await openCommandDatabase(`npm run ${command === "recompute" ? "recompute" : `db:${command}`}`);
  const handle = opened.handle;
  try {
    await migrate(handle);
    console.log(`Migrations applied (${handle.kind}, ${handle.location}).`);
    if (command === "migrate") return;
    if (command === "recompute") {
      console.log("Recomputing the agreement metrics…");
      await recompute(handle, recomputeFlags.tenantSlug);
      await evaluateAlertRules(handle, "cli");
      return;
    }
    if (!writeDemo) {
      console.log("SEED_DEMO=off: the demo is not written. npm start prints a set-up link for an empty database.");
      return;
    }
    if (flags.includes("--reset")) {
      console.log("Emptying the database and seeding the demo tenants…");
      printSummary(await seedDemo(handle, { reset: true }));
    } else {
      const summary = await seedDemoIfEmpty(handle);
      if (!summary) {
        console.log("The database already holds tenants: seeding skipped (use --reset to wipe and reseed).");
        return;
      }
      printSummary(summary);
    }
    console.log("Computing the agreement metrics of the demo tenants…");
    await recompute(handle, undefined, { afterSeed: true });
    const analyzed = await refreshPlannerStatistics(handle.db);
    console.log(`Refreshed the planner statistics in ${(analyzed / 1000).toFixed(1)} s.`);
    await evaluateAllTenants(handle.db, "seed", (slug, evaluation) => console.log(`  ${describeEvaluation(slug, evaluation)}`));
  } finally {
    await opened.close();
  }
}

/** SEED_DEMO read as the server reads it; a wrong value is a usage error naming it. */
function demoSetting(): boolean {
  try {
    return seedDemoEnabled(process.env.SEED_DEMO);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

const [command, ...flags] = process.argv.slice(2);
run(command, flags).then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof ArgumentError) {
      console.error(error.message);
      process.exit(2);
    }
    if (
      (error instanceof Error && error.message.startsWith("Invalid environment")) ||
      error instanceof DatabaseUnreachableError ||
      error instanceof UsageError ||
      error instanceof UnknownTenantError ||
      error instanceof ScaleTenantExistsError ||
      error instanceof DataDirBusyError ||
      error instanceof BackupError
    ) {
      console.error(error.message);
    } else {
      // What a database error may say without the SQL text and parameters of the query.
      console.error(JSON.stringify(describeError(error)));
    }
    process.exit(1);
  },
);
