/** The alert rules pages (administration). */
export default {
  alertRules: {
    errors: {
      required: "required",
    },
  },
} as const;
