import { z } from "zod";
import { textField } from "~/utils/input/text";

/**
 * The rules of the people forms (invite, change role, deactivate, reactivate, resend, revoke), in
 * one place: the pages check them in the browser through conform and the services check them
 * again before writing. Messages are i18n keys of `adminPeople.errors`. Not a .server module, so
 * that the forms can use it.
 */

export const PEOPLE_ROLES = ["admin", "manager", "buyer", "supplier"] as const;
export type PeopleRole = (typeof PEOPLE_ROLES)[number];
export const INVITE_LOCALES = ["en", "zh-CN"] as const;
export type InviteLocale = (typeof INVITE_LOCALES)[number];
export const MEMBER_STATUSES = ["active", "deactivated"] as const;

/** RFC 5321's limit on an address's length. */
export const EMAIL_MAX = 254;
/** How long a search of the people list may be. */
export const PEOPLE_SEARCH_MAX = 100;

const key = (name: string) => `adminPeople.errors.${name}`;

/** One address: no spaces, one @, a dot in the domain. Deliberately plain: the e-mail itself is the proof. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

export const emailField = textField({
  max: EMAIL_MAX,
  messages: { required: key("emailRequired"), tooLong: key("emailTooLong"), controlCharacter: key("controlCharacter") },
})
  .refine((value) => EMAIL_SHAPE.test(value), { error: key("emailInvalid") })
  .transform((value) => value.toLowerCase());

/** A checkbox: "on" when ticked, absent when not; anything else is not what the form sends. */
const checkbox = z
  .enum(["on"], { error: key("choice") })
  .optional()
  .transform((v) => v === "on");

const uuidField = (name: string) => z.uuid({ error: key(name) });

/** The supplier a supplier role needs, and only a supplier role. */
function supplierRule<T extends { role: PeopleRole; supplierId?: string; supplierAdmin: boolean }>(
  value: T,
  ctx: z.core.$RefinementCtx<T>,
) {
  if (value.role === "supplier" && !value.supplierId)
    ctx.addIssue({ code: "custom", path: ["supplierId"], message: key("supplierRequired") });
  if (value.role !== "supplier" && value.supplierAdmin)
    ctx.addIssue({ code: "custom", path: ["supplierAdmin"], message: key("supplierAdminNeedsSupplier") });
}

const roleField = z.enum(PEOPLE_ROLES, { error: key("role") });
const optionalSupplier = z.uuid({ error: key("supplier") }).optional();

/** An administrator's invitation: any role, a supplier for a supplier role. */
export const InviteSchema = z
  .object({
    email: emailField,
    role: roleField,
    supplierId: optionalSupplier,
    supplierAdmin: checkbox,
    locale: z.enum(INVITE_LOCALES, { error: key("locale") }),
  })
  .superRefine(supplierRule);
export type InviteInput = z.output<typeof InviteSchema>;

/** A supplier administrator's invitation: a colleague of its own supplier (the server fills in which). */
export const TeamInviteSchema = z.object({
  email: emailField,
  supplierAdmin: checkbox,
  locale: z.enum(INVITE_LOCALES, { error: key("locale") }),
});

export const ChangeRoleSchema = z
  .object({
    membershipId: uuidField("member"),
    role: roleField,
    supplierId: optionalSupplier,
    supplierAdmin: checkbox,
  })
  .superRefine(supplierRule);
export type ChangeRoleInput = Omit<z.output<typeof ChangeRoleSchema>, "membershipId">;

export const DeactivateSchema = z.object({ membershipId: uuidField("member") });
export const ReactivateSchema = z.object({ membershipId: uuidField("member") });
export const ResendSchema = z.object({ invitationId: uuidField("invitation") });
export const RevokeSchema = z.object({ invitationId: uuidField("invitation") });

/** The people list's filters, from the URL: a bad value is no filter. */
export const PeopleQuerySchema = z.object({
  role: z.enum(PEOPLE_ROLES).optional().catch(undefined),
  status: z.enum(MEMBER_STATUSES).optional().catch(undefined),
});

/**
 * What the people pages' forms need from these rules, handed to the components by the route
 * (components take values from services through their props only).
 */
export const PEOPLE_FORM_RULES = {
  invite: InviteSchema,
  teamInvite: TeamInviteSchema,
  changeRole: ChangeRoleSchema,
  roles: PEOPLE_ROLES,
  locales: INVITE_LOCALES,
  statuses: MEMBER_STATUSES,
} as const;
export type PeopleFormRules = typeof PEOPLE_FORM_RULES;
