/** The agreement page. */
export default {
  agreement: { title: "Agreement" },
} as const;
