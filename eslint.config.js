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
  {
    // vitest.config.ts runs test files in shared workers (isolate: false): a test that changes
    // process-wide state would leak into the next file. Pass env/cwd to the child you spawn instead.
    files: ["**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "AssignmentExpression[left.object.object.name='process'][left.object.property.name='env']",
          message:
            "tests share workers (isolate: false): give the env to the child process, not process.env",
        },
        {
          selector:
            "UnaryExpression[operator='delete'][argument.object.object.name='process'][argument.object.property.name='env']",
          message:
            "tests share workers (isolate: false): give the env to the child process, not process.env",
        },
        {
          selector:
            "CallExpression[callee.object.name='process'][callee.property.name='chdir']",
          message:
            "tests share workers (isolate: false): pass cwd to what you run instead of process.chdir",
        },
        {
          selector:
            "CallExpression[callee.object.name='vi'][callee.property.name=/^(mock|doMock|stubEnv|stubGlobal)$/]",
          message:
            "tests share workers (isolate: false): module mocks and stubbed globals leak into the next file",
        },
      ],
    },
  },
);
