import type { Abc, LineDecisionCode, PlanDecisionCode, Xyz } from "../../../app/core";
import { parseTenantSettings } from "../../../app/models/tenant-settings.server";
import type { PlanLineStatus, PlanStatus } from "../../schema";
import type { DemoAgreement, DemoParty, DemoTenant } from "../generate";
import type { PlanRoute, StepDetails } from "./rows";
import type { PlanAction } from "./scenarios";

/**
 * What the stages of the plan history share: the tenants' settings, and a plan as it is drafted —
 * its steps and the lines of each version, in epoch days — before its rows are written.
 */

/** The demo tenants keep the default settings: routing thresholds, cut-offs, on-time tolerance. */
export const SETTINGS = parseTenantSettings(null);

/** An agreement's class today, and the approval its cell's policy asks for. */
export interface AgreementClass {
  abc: Abc;
  xyz: Xyz;
  unitCost: number;
  approval: "buyer-then-manager" | "buyer" | "auto-if-in-band";
}

/** A plan line being drafted: its dates as epoch days, its decision once made. */
export interface LineDraft {
  agreement: DemoAgreement;
  qty: number;
  /** Epoch day. */
  ship: number;
  proposedQty: number | null;
  reason: string | null;
  status: PlanLineStatus;
  approvedQty: number | null;
  approvedArrival: number | null;
  code: LineDecisionCode | null;
  decisionReason: string | null;
}

/** A transition, with when and by whom it was made. */
export interface StepDraft {
  action: PlanAction;
  at: Date;
  day: number;
  role: "supplier" | "buyer" | "manager";
  comment: string | null;
  fromStatus: PlanStatus | null;
  toStatus: PlanStatus;
  /** The plan's version after the step. */
  version: number;
  details: StepDetails | null;
}

/** A plan being drafted, before it is numbered and its rows are written. */
export interface PlanDraft {
  tenant: DemoTenant;
  /** The tenant's slug without the copy's suffix. */
  slug: string;
  supplier: DemoParty;
  key: string;
  /** tenant|supplier|scenario, for ids and random streams. */
  name: string;
  id: string;
  steps: StepDraft[];
  /** Lines of each version (index 0 = version 1), and when each was written. */
  versions: LineDraft[][];
  writtenAt: Date[];
  note: string | null;
  firstSubmittedAt: Date | null;
  number: string | null;
  route: PlanRoute | null;
  decisionCode: PlanDecisionCode | null;
}

/** What the dataset's builder passes: today, and the ids of this copy of the demo. */
export interface PlanBuildContext {
  todayEpoch: number;
  /** The copy's slug suffix (BuildOptions.slugSuffix). */
  suffix: string;
  id: (name: string) => string;
}

/** What drafting a plan needs of its tenant. */
export interface DraftContext extends PlanBuildContext {
  sites: Map<string, DemoParty>;
  uoms: Map<string, string>;
  classes: Map<string, AgreementClass>;
  hasManager: boolean;
}
