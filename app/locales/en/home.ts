/** The start page of each role. */
export default {
  home: {
    title: "Needs attention",
    subtitle: "Your items at {{tenant}} that need stock first, and your plans that wait for you.",
    planNow: "New plan",
    stockedOut: "Stocked out",
    belowMin: "Below min",
    outWithinLeadTime: "Out within lead time",
    plansWaiting: "Plans waiting for you",
    attentionTitle: "Items that need stock",
    attentionHint:
      "Stocked out, below min, or projected to run out before a shipment sent today could arrive; earliest stock-out first.",
    allGood: "Every item is stocked above min and will not run out within its lead time.",
    actions: "Actions",
    plan: "Plan",
    plansTitle: "Plans waiting for you",
    noPlans: "No drafts and no plans sent back for changes.",
    planLines: "{{lines}} lines, {{qty}} units",
  },
} as const;
