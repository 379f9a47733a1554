import { randomUUID } from "node:crypto";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import type { EmailMessage } from "./email-message.server";

/** Where the relay hands its e-mails. `deliver` resolves once the message is accepted, or throws. */
export interface MailTransport {
  readonly name: string;
  deliver(message: EmailMessage): Promise<void>;
  close?(): void;
}

/** What nodemailer is given for a message; the Date header is set by nodemailer at composition. */
function mailOf(message: EmailMessage) {
  return {
    from: message.from,
    to: message.to,
    subject: message.subject,
    text: message.text,
    html: message.html,
    messageId: message.messageId,
    headers: { "Content-Language": message.language, "Auto-Submitted": "auto-generated" },
  };
}

/** The file name of a message: its Message-ID's local part, so that a re-delivery replaces it. */
export function emlFileName(message: EmailMessage): string {
  const local = /^<([^@>]+)@/.exec(message.messageId)?.[1] ?? message.messageId;
  return `${local.replace(/[^A-Za-z0-9._-]/g, "_")}.eml`;
}

/**
 * Development and single-machine installs: each message becomes `<dir>/<message key>.eml` (RFC
 * 5322, as nodemailer would send it). Written to a temporary file and renamed, so a reader never
 * sees half a message, and a second delivery of the same message replaces the first: one file.
 */
export function fileTransport(dir: string): MailTransport {
  const composer = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: "unix" });
  return {
    name: `files in ${dir}`,
    async deliver(message) {
      const info = await composer.sendMail(mailOf(message));
      await mkdir(dir, { recursive: true });
      const target = path.join(dir, emlFileName(message));
      const temp = path.join(dir, `.${emlFileName(message)}.${randomUUID()}.tmp`);
      try {
        await writeFile(temp, info.message as Buffer);
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true }).catch(() => {});
        throw error;
      }
    },
  };
}

/** Bounded waits, so that one stuck server cannot hold a claim past its lease. */
const SMTP_TIMEOUTS = { connectionTimeout: 30_000, greetingTimeout: 30_000, socketTimeout: 60_000 };

/** SMTP through nodemailer: `smtp://user:pass@host:587` (STARTTLS when offered) or `smtps://…`. */
export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport({ url, ...SMTP_TIMEOUTS });
  const parsed = new URL(url);
  return {
    name: `SMTP ${parsed.hostname}:${parsed.port || (parsed.protocol === "smtps:" ? 465 : 587)}`,
    async deliver(message) {
      await transporter.sendMail(mailOf(message));
    },
    close() {
      transporter.close();
    },
  };
}

/** SMTP when SMTP_URL is set, else .eml files under <DATA_DIR>/outbox. */
export function transportFromEnv(env: { SMTP_URL?: string; DATA_DIR: string }): MailTransport {
  return env.SMTP_URL ? smtpTransport(env.SMTP_URL) : fileTransport(path.resolve(env.DATA_DIR, "outbox"));
}
