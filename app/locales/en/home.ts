/** The start page of each role. */
export default {
  home: {
    title: "Needs attention",
    subtitle: "Your items at {{tenant}} that need stock first, and your plans that wait for you.",
    planNow: "New plan",
    actNow: "Act now",
    planNeeded: "Plan needed",
    plansWaiting: "Plans waiting for you",
    attentionTitle: "Items that need stock",
    attentionHint:
      "Act now: projected to run out before a shipment sent today could arrive. Plan needed: out or below min within lead time and review period, with nothing coming to cover it. Most urgent first.",
    allGood:
      "Nothing needs a plan: every item has stock, or shipments and approved plans coming, for its lead time and review period.",
    actions: "Actions",
    plan: "Plan",
    plansTitle: "Plans waiting for you",
    noPlans: "No drafts and no plans sent back for changes.",
    planLines: "{{lines}} lines, {{qty}} units",
  },
} as const;
