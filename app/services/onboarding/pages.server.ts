import { getDb } from "~/utils/db.server";
import type { SetupInput } from "./company-rules";
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
