import { defineConfig, mergeConfig } from "vitest/config";
import base from "./vitest.config.ts";

// Stryker reruns tests once per mutant: only the fast, pure unit tests take part. Tests that start
// wrangler/workerd or real servers (*.integration.test.ts, *.drill.test.ts) would turn minutes into hours.
export default mergeConfig(
  base,
  defineConfig({
    test: {
      exclude: ["**/*.integration.test.ts", "**/*.drill.test.ts"],
      coverage: { enabled: false },
    },
  }),
);
