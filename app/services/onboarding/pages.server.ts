import { getDb } from "~/utils/db.server";
import type { SetupInput } from "./company-rules";
import { acceptAsSignedIn, acceptWithNewLogin, acceptWithSignIn, invitationView } from "./invitations.server";
import { requestPasswordReset, resetLinkState, resetPassword } from "./password-reset.server";
import { setUpFirstCompany, setupLinkState } from "./setup.server";

/**
 * The onboarding pages' use cases on the portal's database: the routes call these, the tests call
 * the functions behind them with a database of their own.
 */

export function setupPageState(token: string) {
  return setupLinkState(getDb(), token);
}

export function setUpCompanyWithLink(token: string, company: SetupInput, clientAddress: string) {
  return setUpFirstCompany(getDb(), { token, company, clientAddress });
}

export function invitationPage(token: string, signedIn: { id: string; email: string } | null) {
  return invitationView(getDb(), token, signedIn);
}

export function joinWithNewLogin(input: Parameters<typeof acceptWithNewLogin>[1]) {
  return acceptWithNewLogin(getDb(), input);
}

export function joinWithSignIn(input: Parameters<typeof acceptWithSignIn>[1]) {
  return acceptWithSignIn(getDb(), input);
}

export function joinAsSignedIn(input: Parameters<typeof acceptAsSignedIn>[1]) {
  return acceptAsSignedIn(getDb(), input);
}

export function askForPasswordReset(input: Parameters<typeof requestPasswordReset>[1]) {
  return requestPasswordReset(getDb(), input);
}

export function resetPageState(token: string) {
  return resetLinkState(getDb(), token);
}

export function setPasswordWithLink(input: Parameters<typeof resetPassword>[1]) {
  return resetPassword(getDb(), input);
}
