import type { Translate } from "./notification-text";

/**
 * The words of the e-mails about a login rather than a company's event: an invitation (to join a
 * company) and a password reset. Their payloads are written by the definer functions
 * enqueue_invitation_email and issue_password_reset; every field is optional here all the same.
 */

export const ACCOUNT_EMAIL_KINDS = ["account.invitation", "account.password_reset"] as const;

export function isAccountEmail(kind: string): boolean {
  return (ACCOUNT_EMAIL_KINDS as readonly string[]).includes(kind);
}

const ROLES = ["admin", "manager", "buyer", "supplier"];
const MAX_FIELD = 200;

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.replace(/[\r\n]+/g, " ").trim();
  return trimmed ? trimmed.slice(0, MAX_FIELD) : undefined;
}

/** An instant of the payload (ISO, UTC) as "2026-12-11 09:30", or nothing. */
function instant(value: unknown): string | undefined {
  const iso = text(value);
  const match = iso ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso) : null;
  return match ? `${match[1]} ${match[2]}` : undefined;
}

export interface AccountEmailText {
  subject: string;
  title: string;
  details: string[];
  button: string;
}

export function accountEmailText(
  t: Translate,
  kind: string,
  payload: Record<string, unknown> | null | undefined,
): AccountEmailText {
  const p = payload ?? {};
  if (kind === "account.invitation") {
    const tenant = text(p.tenant) ?? t("onboarding.email.fallbackTenant");
    const role = typeof p.role === "string" && ROLES.includes(p.role) ? t(`role.${p.role}`) : t("onboarding.email.fallbackRole");
    const inviter = text(p.inviter);
    const supplier = text(p.supplier);
    const expiresAt = instant(p.expiresAt);
    return {
      subject: t("onboarding.email.invitationSubject", { tenant }),
      title: inviter
        ? t("onboarding.email.invitationTitle", { inviter, tenant, role })
        : t("onboarding.email.invitationTitleNoInviter", { tenant, role }),
      details: [
        ...(supplier ? [t("onboarding.email.invitationSupplier", { supplier })] : []),
        ...(expiresAt ? [t("onboarding.email.invitationExpires", { expiresAt })] : []),
      ],
      button: t("onboarding.email.invitationButton"),
    };
  }
  const expiresAt = instant(p.expiresAt);
  return {
    subject: t("onboarding.email.resetSubject"),
    title: t("onboarding.email.resetTitle"),
    details: expiresAt ? [t("onboarding.email.resetExpires", { expiresAt })] : [],
    button: t("onboarding.email.resetButton"),
  };
}

/**
 * The absolute address of an account e-mail's link: only an invitation or reset path with a
 * token-shaped secret is kept; anything else opens the sign-in page.
 */
export function accountLink(appUrl: string, link: string): string {
  const base = appUrl.replace(/\/+$/, "");
  return /^\/(invite|reset-password)\/[A-Za-z0-9_-]{43}$/.test(link) ? `${base}${link}` : `${base}/login`;
}
