import { planWorkflowStatuses } from "~/core";

/**
 * docs/domain.md's plan lifecycle, for pages (routes may not import the database schema): the core's
 * state machine's list. The schema (db/schema/plans.ts) keeps the same list for its check
 * constraint; a unit test keeps them equal.
 */
export const planStatusList = planWorkflowStatuses;
