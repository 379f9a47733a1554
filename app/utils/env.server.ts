import { z } from "zod";

/** Log levels, most severe first; `silent` writes nothing. */
export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** 100 MiB: the largest import file a buyer may upload, unless IMPORT_MAX_BYTES says otherwise. */
export const DEFAULT_IMPORT_MAX_BYTES = 100 * 1024 * 1024;

const flag = z
  .enum(["0", "1", "true", "false", ""])
  .optional()
  .transform((value) => value === "1" || value === "true");

/** Every environment variable the portal reads, parsed once. README.md lists the same set. */
const EnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("production"),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(500).default(10),
  DATA_DIR: z.string().min(1).default("./.data"),
  TRUST_PROXY: flag,
  COOKIE_SECURE: flag,
  /** smtp://user:pass@host:587 or smtps://…: the relay sends e-mail through it; unset → .eml files. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "SMTP_URL must start with smtp:// or smtps://")
    .optional()
    .or(z.literal("").transform(() => undefined)),
  MAIL_FROM: z.string().min(3).default("VMI Portal <no-reply@vmi-portal.invalid>"),
  /** Where users reach the portal, for the links in e-mails; default http://localhost:PORT. */
  APP_URL: z
    .string()
    .regex(/^https?:\/\/[^/\s]+/, "APP_URL must be an absolute http(s) URL")
    .transform((url) => url.replace(/\/+$/, ""))
    .optional()
    .or(z.literal("").transform(() => undefined)),
  /** The least severe log lines written: info (one line a request) by default, silent for none. */
  LOG_LEVEL: z.preprocess(
    (value) => (typeof value === "string" ? value.trim().toLowerCase() || undefined : value),
    z.enum(LOG_LEVELS, `LOG_LEVEL must be one of ${LOG_LEVELS.join(", ")}`).default("info"),
  ),
  /** The largest upload body to the import addresses, in bytes; every other body stays at 1 MiB. */
  IMPORT_MAX_BYTES: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z
      .string()
      .regex(/^[1-9][0-9]*$/, "IMPORT_MAX_BYTES must be a positive whole number of bytes")
      .transform(Number)
      .pipe(z.number().max(Number.MAX_SAFE_INTEGER, "IMPORT_MAX_BYTES is too large"))
      .default(DEFAULT_IMPORT_MAX_BYTES),
  ),
  /** Requests an API key may make in a minute, counted in the database across instances; 600 by default. */
  API_RATE_LIMIT_PER_MINUTE: z.preprocess(
    (value) => (typeof value === "string" ? value.trim() || undefined : value),
    z
      .string()
      .regex(/^[1-9][0-9]{0,6}$/, "API_RATE_LIMIT_PER_MINUTE must be a whole number from 1 to 9999999")
      .transform(Number)
      .default(600),
  ),
});

export type Env = z.infer<typeof EnvSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** The portal's settings from a set of environment variables, or an error naming every variable that is wrong. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new Error(`Invalid environment: ${problems.join("; ")}`);
  }
  return parsed.data;
}

/**
 * An on/off switch from the environment (SCHEDULER, OUTBOX_RELAY): unset, on, 1 or true → on;
 * off, 0 or false → off; anything else is refused, naming the variable.
 */
export function onOffSetting(name: string, value: string | undefined): boolean {
  const v = (value ?? "").trim().toLowerCase();
  if (v === "" || v === "on" || v === "1" || v === "true") return true;
  if (v === "off" || v === "0" || v === "false") return false;
  throw new Error(`Invalid environment: ${name}: must be on or off, not "${value}"`);
}

/**
 * SEED_DEMO: unset, on, 1 or true writes the demo tenants into an empty database (npm start,
 * npm run db:seed); off, 0 or false never writes them, and an empty installation offers its
 * set-up link instead.
 */
export function seedDemoEnabled(value: string | undefined = process.env.SEED_DEMO): boolean {
  return onOffSetting("SEED_DEMO", value);
}

/** Where users reach the portal, for the links in e-mails and printed links: APP_URL, else http://localhost:PORT. */
export function appUrlOf(env: Pick<Env, "APP_URL" | "PORT">): string {
  return env.APP_URL ?? `http://localhost:${env.PORT}`;
}
