import { defineConfig } from "vitest/config";
import base from "./vitest.config.ts";

// Stryker reruns tests once per mutant: only the fast unit tests next to the mutated code take part.
// Tests that start wrangler/workerd or real servers (*.integration.test.ts, *.drill.test.ts, the
// Cloudflare double's contract tests) or replay the real-world corpus would turn minutes into hours;
// with perTest coverage every mutant they touch would re-run them. Built by hand rather than with
// mergeConfig, which would append these lists to the base config's instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: [
      "src/**/*.test.ts",
      "scripts/migration-lint/**/*.test.ts",
      "scripts/deploy/**/*.test.ts",
    ],
    exclude: [
      ...(base.test?.exclude ?? []),
      "**/*.integration.test.ts",
      "**/*.drill.test.ts",
      "scripts/migration-lint/corpus/**",
      "scripts/migration-lint/corpus.test.ts",
      "scripts/migration-lint/replay/**",
    ],
    coverage: { enabled: false },
    // Stryker's per-test coverage was recorded with isolated files; keep it that way (the base
    // config shares workers to save start-up time, which matters less than a stable baseline here).
    isolate: true,
  },
});
