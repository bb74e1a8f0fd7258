/**
 * The ci-local stage (`npm test -- --only ci-local`) runs a few quality.yml jobs: they must exist and need nothing
 * else, or `--job` would quietly pull the build and E2E jobs into every test run.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import {
  CI_LOCAL_JOBS,
  REPLACED_BY_CI_LOCAL,
  stages,
} from "../test-runner/stages";
import { withAncestors } from "./graph";
import { expandWorkflow } from "./run-workflow";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the ci-local stage", () => {
  it("selects quality.yml jobs that need no other job", () => {
    const nodes = expandWorkflow(ROOT, ".github/workflows/quality.yml");
    const graph = nodes.map((n) => ({ id: n.key, needs: n.needs }));
    expect(withAncestors(graph, CI_LOCAL_JOBS)).toEqual([...CI_LOCAL_JOBS]);
  });

  it("runs every script of the direct stages it replaces (--as-workflows drops none)", () => {
    const nodes = expandWorkflow(ROOT, ".github/workflows/quality.yml");
    const runs = nodes.flatMap((n) =>
      "job" in n && (CI_LOCAL_JOBS as readonly string[]).includes(n.key)
        ? (n.job.steps ?? []).flatMap((s) => (s.run ? [s.run] : []))
        : [],
    );
    const replaced = stages
      .filter((s) => REPLACED_BY_CI_LOCAL.includes(s.id))
      .map((s) => s.script);
    expect(replaced).toHaveLength(REPLACED_BY_CI_LOCAL.length);
    for (const script of replaced) {
      // The unit stage's suite runs as its time-balanced parts.
      const expected =
        script === "test:unit"
          ? "npm run test:unit:shard"
          : `npm run ${script}`;
      expect(runs, script).toContain(expected);
    }
  });
});
