/**
 * Structured logs through pino: one JSON object a line on stdout, `{"level","time","msg",…fields}`,
 * written synchronously so that a line is never lost when the process exits. Callers use the
 * small interface below, so the writer stays replaceable.
 */
import pino from "pino";
import { getEnv, type LogLevel } from "./env.server";

export type LogFields = Record<string, unknown>;

type WritingLevel = Exclude<LogLevel, "silent">;

export interface Logger {
  fatal(fields: LogFields, msg: string): void;
  error(fields: LogFields, msg: string): void;
  warn(fields: LogFields, msg: string): void;
  info(fields: LogFields, msg: string): void;
  debug(fields: LogFields, msg: string): void;
  trace(fields: LogFields, msg: string): void;
  /** A logger that adds `bindings` to every line (a request id, say). */
  child(bindings: LogFields): Logger;
  isLevelEnabled(level: WritingLevel): boolean;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Receives each line without its newline; stdout by default. */
  write?: (line: string) => void;
}

export function createLogger({ level = "info", write }: LoggerOptions = {}): Logger {
  return pino(
    {
      level,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // `err` already holds what may be said of an error (describeError); pino's own error
      // serializer would fold the causes' messages back into it.
      serializers: { err: (value: unknown) => value },
    },
    write ? { write: (line: string) => write(line.trimEnd()) } : pino.destination({ fd: 1, sync: true }),
  ) as unknown as Logger;
}

let processLogger: Logger | undefined;

/** The process's logger, at LOG_LEVEL. */
export function getLogger(): Logger {
  processLogger ??= createLogger({ level: getEnv().LOG_LEVEL });
  return processLogger;
}

/**
 * Logs an expected condition (a client that keeps asking for something we do not serve, say)
 * the first time it happens in this process only, so that a repeated request cannot flood the
 * log. Keyed across module copies: the server build and the server bundle share the process.
 */
export function warnOnce(logger: Logger, key: string, fields: LogFields, msg: string): void {
  const seen = ((globalThis as { [SEEN]?: Set<string> })[SEEN] ??= new Set<string>());
  if (seen.has(key)) return;
  seen.add(key);
  logger.warn({ ...fields, expected: true }, msg);
}

const SEEN = Symbol.for("vmi-portal.logged-once");

export interface ErrorFields {
  class: string;
  code?: string;
  message: string;
  cause?: ErrorFields;
  /** Stack frames only: the first lines of a stack repeat the message. */
  frames?: string[];
}

const MAX_MESSAGE = 500;
const MAX_FRAMES = 10;
const MAX_CAUSES = 3;

/**
 * What a log may say about an error: its class, code and message, and its cause's. A failed
 * database query is reported by its cause (the PostgreSQL SQLSTATE and message): the query
 * wrapper's own message carries the SQL text and its parameters, which never reach a log.
 */
export function describeError(error: unknown, depth = 0): ErrorFields {
  if (!(error instanceof Error)) {
    return { class: error === null ? "null" : typeof error, message: clip(String(error)) };
  }
  const fields: ErrorFields = {
    class: error.constructor?.name && error.constructor.name !== "Error" ? error.constructor.name : error.name,
    message: isQueryWrapper(error) ? "database query failed" : clip(error.message),
  };
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" || typeof code === "number") fields.code = String(code);
  if (depth === 0) {
    const frames = (error.stack ?? "").split("\n").filter((line) => /^\s+at /.test(line));
    if (frames.length > 0) fields.frames = frames.slice(0, MAX_FRAMES).map((line) => line.trim());
  }
  if (error.cause !== undefined && depth < MAX_CAUSES) fields.cause = describeError(error.cause, depth + 1);
  return fields;
}

/** drizzle's DrizzleQueryError: `Failed query: <sql>\nparams: <values>`, the driver's error as cause. */
function isQueryWrapper(error: Error) {
  return error.message.startsWith("Failed query:") || ("query" in error && "params" in error);
}

function clip(text: string) {
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}
