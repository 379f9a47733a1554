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
    alerts: {
      title: "Open alerts and to-dos",
      hint: "Most urgent first: critical before warnings, to-dos by due date.",
      hintMine: "Those assigned to you first, then the most urgent: critical before warnings, to-dos by due date.",
      none: "No open alerts: nothing the alert rules watch needs you now.",
      all_one: "See the open alert on the alerts page",
      all_other: "See all {{number}} open alerts",
      counts: "{{total}} open, {{critical}} critical, {{mine}} assigned to you",
    },
    alertList: {
      todo: "To-do",
      todoDue: "To-do, due {{day}}",
      mine: "Assigned to you",
      acknowledged: "Acknowledged",
      since: "since {{when}}",
    },
    buyer: {
      title: "Your alerts and approvals",
      subtitle: "What needs you at {{tenant}}: open alerts and to-dos first, then the plans waiting for your approval.",
      approvalsTitle: "Waiting for your approval",
      approvals_one: "{{number}} plan waits for your approval",
      approvals_other: "{{number}} plans wait for your approval",
      approvalsNone: "No plan waits for your approval.",
      openApprovals: "Open the approval queue",
      inventoryTitle: "Inventory",
      inventoryHint: "Every agreement's stock, band and urgency, with filters by supplier, site and class.",
      openInventory: "Open the inventory",
    },
  },
} as const;
