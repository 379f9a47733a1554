/** English texts. app/locales/zh-CN.ts must have exactly the same keys (a unit test checks). */
import admin from "./en/admin";
import adminApiKeys from "./en/admin-api-keys";
import adminAudit from "./en/admin-audit";
import adminCatalog from "./en/admin-catalog";
import adminPeople from "./en/admin-people";
import adminSettings from "./en/admin-settings";
import agreement from "./en/agreement";
import alertRules from "./en/alert-rules";
import alerts from "./en/alerts";
import approvals from "./en/approvals";
import compliance from "./en/compliance";
import home from "./en/home";
import imports from "./en/imports";
import inventory from "./en/inventory";
import notifications from "./en/notifications";
import onboarding from "./en/onboarding";
import plans from "./en/plans";
import shipments from "./en/shipments";

const core = {
  app: { name: "VMI Portal", tagline: "Vendor-managed inventory, shared with your suppliers" },
  nav: {
    admin: "Administration",
    team: "Team",
    home: "Home",
    inventory: "Inventory",
    plans: "Plans",
    approvals: "Approvals",
    shipments: "Shipments",
    proposals: "Band proposals",
    compliance: "Compliance",
    scorecard: "Scorecard",
    imports: "Imports",
    inbox: "Inbox",
    alerts: "Alerts",
    alertsOpen: "{{count}} open",
    inboxUnread: "Inbox, {{count}} unread",
    awaiting: "{{count}} waiting",
    main: "Main navigation",
    skip: "Skip to content",
    menu: "Menu",
    unread: "{{count}} unread",
  },
  role: { admin: "Administrator", manager: "Manager", buyer: "Buyer", supplier: "Supplier" },
  userMenu: {
    open: "Account menu for {{name}}",
    language: "Language",
    changePassword: "Change password",
    signOut: "Sign out",
    switchTenant: "Switch company",
    current: "current",
    companies: "Companies",
  },
  language: { en: "English", "zh-CN": "简体中文", save: "Apply" },
  login: {
    title: "Sign in to your account",
    email: "Email",
    password: "Password",
    submit: "Sign in",
    invalid: "The email or password is incorrect.",
    throttled: "Too many sign-in attempts. Try again in {{seconds}} seconds.",
    emailInvalid: "Enter a valid email address, such as name@company.com.",
    emailRequired: "Enter your email address.",
    passwordRequired: "Enter your password.",
    passwordLength: "A password has 8 to 256 characters.",
    intro: "Suppliers, buyers and managers work on the same stock figures here.",
  },
  password: {
    title: "Change password",
    current: "Current password",
    new: "New password",
    confirm: "Repeat the new password",
    submit: "Change password",
    mismatch: "The two new passwords differ.",
    wrongCurrent: "The current password is incorrect.",
    changed: "Your password was changed. Every other session has been signed out.",
    hint: "8 to 256 characters. Changing it signs you out everywhere else.",
  },
  noTenant: {
    title: "No company yet",
    body: "Your account is not a member of any company on this portal. Ask the buyer who invited you.",
  },
  status: {
    stockout: "Stockout",
    below_min: "Below min",
    in_band: "In band",
    above_max: "Above max",
    no_data: "No stock data",
  },
  table: { sortBy: "Sort by {{column}}" },
  pagination: {
    label: "Pages",
    showing: "Showing {{from}}–{{to}} of {{total}}",
    previous: "Previous",
    next: "Next",
    page: "Page {{page}} of {{pages}}",
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundBody: "There is nothing at this address, or you have no access to it.",
    errorTitle: "Something went wrong",
    errorBody: "The request could not be completed. Try again in a moment.",
    reference: "If it keeps happening, give your administrator this reference:",
    home: "Go to the start page",
    bad_request: "The request could not be read.",
    invalid: "Some of what you entered needs correcting.",
    forbidden: "You may not do this.",
    not_found: "Not found.",
    conflict: "This was changed meanwhile. Reload the page and try again.",
  },
  toast: {
    region: "Notifications",
    dismiss: "Dismiss",
  },
} as const;

/** Feature texts live in ./en/<feature>.ts, each under its own top-level key. */
const en = {
  ...core,
  ...admin,
  ...adminPeople,
  ...adminCatalog,
  ...adminSettings,
  ...adminAudit,
  ...adminApiKeys,
  ...alertRules,
  ...alerts,
  ...approvals,
  ...compliance,
  ...inventory,
  ...agreement,
  ...plans,
  ...home,
  ...notifications,
  ...onboarding,
  ...shipments,
  ...imports,
} as const;

export default en;
