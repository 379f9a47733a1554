/** Replenishment plans: the builder, the list and the plan page. */
export default {
  plans: { title: "Replenishment plans" },
} as const;
