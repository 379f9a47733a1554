// Lint: TypeScript's recommended rules, the rules of hooks, and accessibility of JSX.
// Formatting is Prettier's job alone, so no rule here is about layout.
import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: ["node_modules/", "build/", ".data/", ".cache/", "test-results/", "playwright-report/", "public/"],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node, ...globals.browser },
    },
    rules: {
      // `_name` marks a parameter or binding kept on purpose (a signature, a destructured rest).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    // Input guards and file writers match control characters on purpose: that is their job.
    files: ["app/utils/input/text.ts", "app/utils/safe-redirect.ts", "app/utils/xlsx.ts", "tests/unit/input-text.test.ts"],
    rules: { "no-control-regex": "off" },
  },
  {
    // Coefficients and reference values are written with the digits their sources give.
    files: ["tests/unit/**/*.test.ts", "app/core/internal/normal-tails.ts", "app/core/inverse-normal-cdf.ts"],
    rules: { "no-loss-of-precision": "off" },
  },
  {
    files: ["app/**/*.tsx", "tests/**/*.tsx"],
    ...jsxA11y.flatConfigs.recommended,
  },
  {
    files: ["app/**/*.ts", "app/**/*.tsx", "tests/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
    },
  },
);
