/**
 * This repository's pipeline, as an adopter writes it: the package manager, the package.json script
 * of each quality stage, and the workflows that stay hand-written (none). Environments live in
 * environments.ts. Change a value, run `npm run gen:workflows`, review the YAML diff.
 * @see docs/deployment/adopt.md
 */
import { definePipelineConfig } from "@typed-cicd/pipeline";

export default definePipelineConfig({
  packageManager: "npm",
  // The action catalog (workflows-src/actions.ts) lives here: the weekly job checks its pins.
  maintainsActionCatalog: true,
  stages: {
    lint: { script: "lint" },
    format: { script: "format:check" },
    typecheck: { script: "typecheck" },
    arch: { script: "arch" },
    // Five time-balanced parts (scripts/test-runner/unit-shard.ts, ~230 test-seconds in all).
    unit: { script: "test:unit:shard", parts: 5 },
    build: { script: "build:worker" },
    e2e: { script: "test:e2e" },
    mutation: {
      script: "test:mutation",
      incremental: {
        pullRequest: "test:mutation:incremental",
        record: "test:mutation:record",
      },
      // The mutated code (kept in step with stryker.config.mjs `mutate`, enforced by a test), its
      // tests, and the mutation set-up itself.
      paths: [
        "src/health/**",
        "src/notes/note-input.ts",
        "src/notes/note-input.test.ts",
        "scripts/migration-lint/**",
        "scripts/deploy/health/**",
        "scripts/deploy/route.ts",
        "scripts/deploy/route.test.ts",
        "scripts/deploy/rollback-target.ts",
        "scripts/deploy/rollback-target.test.ts",
        "scripts/deploy/commit-order.ts",
        "scripts/deploy/commit-order.test.ts",
        "scripts/deploy/cloudflare/wrangler-failure.ts",
        "scripts/deploy/cloudflare/wrangler-failure.test.ts",
        "stryker.config.mjs",
        "vitest.mutation.config.ts",
      ],
    },
  },
});
