/** The administration area's frame: its title and its tabs. */
export default {
  admin: {
    title: "Administration",
    tabs: {
      label: "Administration sections",
      users: "Users",
      suppliers: "Suppliers",
      sites: "Sites",
      items: "Items",
      settings: "Policy and settings",
      "alert-rules": "Alert rules",
      audit: "Audit trail",
      "api-keys": "API keys",
    },
  },
} as const;
