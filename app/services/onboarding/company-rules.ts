import { z } from "zod";
import { supportedLanguages } from "~/i18n";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "~/services/auth/password-rules";
import { textField } from "~/utils/input/text";

/**
 * The rules of a new company and of a new login, shared by the set-up form (browser and server),
 * the invitation page and `npm run tenant:create`. Messages are i18n keys under `onboarding.errors`.
 */

/** Lower-case letters, digits and single hyphens inside: the company's part of every address (/t/<slug>). */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const SLUG_MIN = 2;
export const SLUG_MAX = 40;

function supported(kind: "currency" | "timeZone"): Set<string> | null {
  // Intl.supportedValuesOf is in every current browser and Node; an older engine checks the shape only.
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  try {
    return intl.supportedValuesOf ? new Set(intl.supportedValuesOf(kind)) : null;
  } catch {
    return null;
  }
}

/** An ISO 4217 code the runtime knows (CNY, EUR, USD…). */
export function isCurrencyCode(value: string): boolean {
  if (!/^[A-Z]{3}$/.test(value)) return false;
  return supported("currency")?.has(value) ?? true;
}

/** An IANA time zone by its canonical name (Asia/Shanghai, Europe/Berlin, UTC). */
export function isTimeZone(value: string): boolean {
  if (!/^[A-Za-z][A-Za-z0-9_+\-/]{1,63}$/.test(value)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
  } catch {
    return false;
  }
  const known = supported("timeZone");
  return known ? known.has(value) || value === "UTC" : true;
}

export function slugProblem(value: string): string | null {
  if (value.length < SLUG_MIN || value.length > SLUG_MAX) return "onboarding.errors.slugLength";
  if (!SLUG_PATTERN.test(value)) return "onboarding.errors.slugFormat";
  return null;
}

const text = (field: string, max: number) =>
  textField({
    max,
    messages: {
      required: `onboarding.errors.${field}Required`,
      tooLong: `onboarding.errors.${field}TooLong`,
      controlCharacter: `onboarding.errors.${field}Control`,
    },
  });

/** A person's e-mail address, as sign-in reads it. */
export const emailField = () =>
  text("email", 254)
    .pipe(z.email("onboarding.errors.emailInvalid"))
    .transform((email) => email.toLowerCase());

export const personNameField = () => text("personName", 120);

/** A new password: the account password rules. */
export const newPasswordField = () =>
  z
    .string({ error: "login.passwordRequired" })
    .min(PASSWORD_MIN_LENGTH, "login.passwordLength")
    .max(PASSWORD_MAX_LENGTH, "login.passwordLength");

export const companyFields = {
  companyName: text("companyName", 120),
  slug: text("slug", SLUG_MAX + 20).superRefine((value, ctx) => {
    const problem = slugProblem(value);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  }),
  currency: text("currency", 3)
    .transform((value) => value.toUpperCase())
    .refine(isCurrencyCode, "onboarding.errors.currencyInvalid"),
  timezone: text("timezone", 64).refine(isTimeZone, "onboarding.errors.timezoneInvalid"),
  locale: z.enum(supportedLanguages, { error: "onboarding.errors.localeInvalid" }),
};

/** The set-up form: the company and its first administrator. */
export const SetupSchema = z.object({
  ...companyFields,
  adminName: personNameField(),
  adminEmail: emailField(),
  password: newPasswordField(),
});
export type SetupInput = z.output<typeof SetupSchema>;

/** The currencies and time zones the forms suggest (a datalist; any valid value is accepted). */
export function knownCurrencies(): string[] {
  return [...(supported("currency") ?? new Set(["CNY", "EUR", "USD"]))];
}
export function knownTimeZones(): string[] {
  return [...(supported("timeZone") ?? new Set(["Asia/Shanghai", "UTC"]))];
}

/** The invitation page's new login: the address is the invitation's. */
export const NewLoginSchema = z.object({
  intent: z.literal("create"),
  name: personNameField(),
  password: newPasswordField(),
});

/** The invitation page's sign-in with the invited address's existing login. */
export const InvitationSignInSchema = z.object({
  intent: z.literal("sign-in"),
  email: emailField(),
  password: z
    .string({ error: "login.passwordRequired" })
    .min(PASSWORD_MIN_LENGTH, "login.passwordLength")
    .max(PASSWORD_MAX_LENGTH, "login.passwordLength"),
});
export type NewLoginInput = z.output<typeof NewLoginSchema>;
export type InvitationSignInInput = z.output<typeof InvitationSignInSchema>;

/** The forgotten-password form. */
export const ForgotPasswordSchema = z.object({ email: emailField() });

/** The reset link's form: the new password twice, with the account password rules. */
export const ResetPasswordSchema = z
  .object({ password: newPasswordField(), confirmPassword: z.string({ error: "login.passwordRequired" }) })
  .refine((value) => value.password === value.confirmPassword, { path: ["confirmPassword"], message: "password.mismatch" });
