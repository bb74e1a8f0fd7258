/**
 * The ci-local stage (`npm test -- --only ci-local`) runs a few quality.yml jobs: they must exist and need nothing
 * else, or `--job` would quietly pull the build and E2E jobs into every test run.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { CI_LOCAL_JOBS } from "../test-runner/stages";
import { withAncestors } from "./graph";
import { expandWorkflow } from "./run-workflow";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("the ci-local stage", () => {
  it("selects quality.yml jobs that need no other job", () => {
    const nodes = expandWorkflow(ROOT, ".github/workflows/quality.yml");
    const graph = nodes.map((n) => ({ id: n.key, needs: n.needs }));
    expect(withAncestors(graph, CI_LOCAL_JOBS)).toEqual([...CI_LOCAL_JOBS]);
  });
});
