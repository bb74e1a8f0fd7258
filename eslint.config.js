// Flat config: typescript-eslint's recommended rules without type information, so `npm run lint`
// stays fast on a 2-core runner; `npm run typecheck` covers what type-aware rules would add.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const nodeGlobals = {
  module: "writable",
  require: "readonly",
  process: "readonly",
  console: "readonly",
  URL: "readonly",
  performance: "readonly",
  setTimeout: "readonly",
  clearTimeout: "readonly",
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/",
      ".next/",
      ".open-next/",
      ".wrangler/",
      ".tools/",
      ".tmp/",
      ".stryker-tmp*/",
      ".rehearsal/",
      "coverage/",
      "reports/",
      "playwright-report/",
      "test-results/",
      "next-env.d.ts",
      "cloudflare-env.d.ts",
      // The pipeline package's build output (packages/pipeline/build.ts).
      "packages/*/dist/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{js,cjs,mjs}"],
    languageOptions: { ecmaVersion: 2023, globals: nodeGlobals },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // TypeScript already reports undefined names, with the right globals per environment.
    files: ["**/*.{ts,tsx,mts,cts}"],
    rules: { "no-undef": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "@typescript-eslint/consistent-type-imports": "error",
      eqeqeq: ["error", "always"],
    },
  },
);
