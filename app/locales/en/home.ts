/** The start page of each role. */
export default {
  home: { title: "Needs attention" },
} as const;
