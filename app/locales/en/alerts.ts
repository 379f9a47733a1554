/** The alerts and to-dos pages. */
export default {
  alerts: {
    title: "Alerts",
  },
} as const;
