/**
 * DOMAIN.md's plan lifecycle, for pages (routes may not import the database schema). The schema
 * (db/schema/plans.ts) keeps the same list for its check constraint; a unit test keeps them equal.
 */
export const planStatusList = [
  "draft",
  "submitted",
  "in_review",
  "approved",
  "partially_approved",
  "rejected",
  "changes_requested",
  "withdrawn",
] as const;

/** Where a supplier may still withdraw its plan (before any decision): as the plan service allows. */
export const withdrawableStatuses: readonly string[] = ["draft", "submitted", "in_review"];
