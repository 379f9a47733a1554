import { createHash } from "node:crypto";
import { fallbackLanguage, isLanguage } from "~/i18n";
import { serverI18n } from "~/i18next.server";
import { accountEmailText, accountLink, isAccountEmail } from "./account-email-text";
import { isInboxLink, notificationText } from "./notification-text";
import type { ClaimedEmail } from "~/models/email-outbox.server";

/** A rendered e-mail, ready for a transport. */
export interface EmailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** `<…@…>`, the same for every delivery of one event to one recipient. */
  messageId: string;
  language: string;
}

/**
 * The right-hand side of every Message-ID. Fixed rather than taken from APP_URL or MAIL_FROM, so
 * that a changed setting between two deliveries of the same e-mail does not change its identity.
 */
const MESSAGE_ID_DOMAIN = "notifications.vmi-portal";

/**
 * The local part of the Message-ID of an event's e-mail to a recipient: the event id and a digest
 * of the address (not the address itself: file names and headers should not spell it out). The
 * file transport names its files after it too.
 */
export function messageKey(eventId: string, recipient: string): string {
  const digest = createHash("sha256").update(recipient.trim().toLowerCase()).digest("hex").slice(0, 24);
  return `${eventId.toLowerCase()}.${digest}`;
}

export function messageIdFor(eventId: string, recipient: string): string {
  return `<${messageKey(eventId, recipient)}@${MESSAGE_ID_DOMAIN}>`;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

/** The absolute address of the notification's page; a link that is not a plain path opens the inbox. */
export function absoluteLink(appUrl: string, tenantSlug: string, link: string) {
  const path = isInboxLink(link) ? link : "inbox";
  return `${appUrl.replace(/\/+$/, "")}/t/${encodeURIComponent(tenantSlug)}/${path}`;
}

export async function renderEmail(email: ClaimedEmail, options: { appUrl: string; from: string }): Promise<EmailMessage> {
  const language = isLanguage(email.locale) ? email.locale : fallbackLanguage;
  const i18n = await serverI18n(language);
  const t = i18n.getFixedT(language);
  const translate = (key: string, values?: Record<string, unknown>) => String(t(key, values ?? {}));
  // An e-mail about a login (an invitation, a password reset) links to its own page with the
  // token; a company's notification links below /t/<slug>.
  const account = isAccountEmail(email.kind) ? accountEmailText(translate, email.kind, email.payload) : null;
  const { title, details } = account ?? notificationText(translate, email.kind, email.payload, language);
  const url =
    account || email.tenantSlug === null
      ? accountLink(options.appUrl, email.link)
      : absoluteLink(options.appUrl, email.tenantSlug, email.link);
  // An invitation goes to someone not yet a member: not the members' footer.
  const footer =
    account || !email.tenantName
      ? translate("onboarding.email.footer")
      : translate("notifications.email.footer", { tenant: email.tenantName });
  const subject = account ? account.subject : translate("notifications.email.subject", { tenant: email.tenantName ?? "", title });

  const text = [
    translate("notifications.email.greeting"),
    "",
    title,
    ...details,
    "",
    translate("notifications.email.openLink"),
    url,
    "",
    "-- ",
    footer,
    "",
  ].join("\n");

  const html = [
    `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>`,
    `<body style="font-family: sans-serif; color: #0f172a">`,
    `<p>${escapeHtml(translate("notifications.email.greeting"))}</p>`,
    `<p style="font-weight: 600">${escapeHtml(title)}</p>`,
    ...details.map((line) => `<p style="color: #475569">${escapeHtml(line)}</p>`),
    `<p><a href="${escapeHtml(url)}" style="color: #4338ca">${escapeHtml(account?.button ?? translate("notifications.email.button"))}</a></p>`,
    `<p style="color: #64748b; font-size: 12px">${escapeHtml(footer)}</p>`,
    `</body></html>`,
  ].join("\n");

  return {
    from: options.from,
    to: email.recipient,
    // Header injection: a subject never carries a line break, whatever the payload held.
    subject: subject.replace(/[\r\n]+/g, " "),
    text,
    html,
    messageId: messageIdFor(email.eventId, email.recipient),
    language,
  };
}
