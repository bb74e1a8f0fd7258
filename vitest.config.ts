import { defineConfig } from "vitest/config";

// Unit and integration tests live next to the code they test; Playwright owns e2e/.
export default defineConfig({
  resolve: {
    alias: {
      "@": new URL("./src", import.meta.url).pathname,
      // The public API from source, as tsconfig.json maps it (the package itself resolves to dist/).
      "@typed-cicd/pipeline": new URL(
        "./workflows-src/builders/index.ts",
        import.meta.url,
      ).pathname,
    },
  },
  test: {
    include: ["**/*.test.ts"],
    exclude: [
      "**/node_modules/**",
      "e2e/**",
      ".stryker-tmp*/**",
      ".open-next/**",
      ".next/**",
      ".wrangler/**",
      ".tools/**",
      "packages/*/dist/**",
    ],
    // Integration tests start wrangler/workerd; two cores cannot run many of those at once.
    maxWorkers: 2,
    // No test touches process-wide state (env, cwd, globals, module mocks): reusing a worker across
    // files saves its ~0.7 s start per file, ~15 % of the suite's CPU on two cores.
    isolate: false,
    // Guards against a hang, never a speed check: the suite must pass on a slow or loaded machine.
    // At load 13 on 2 cores, migration-lint CLI cases that take 3-9 s idle took 27 s.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    coverage: {
      provider: "v8",
      include: ["src/**/*.ts", "scripts/**/*.ts", "workflows-src/**/*.ts"],
      exclude: ["**/*.test.ts", "**/fixtures/**"],
      reporter: ["text-summary", "html", "json-summary"],
      reportsDirectory: "coverage",
    },
  },
});
