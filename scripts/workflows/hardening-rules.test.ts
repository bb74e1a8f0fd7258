import { describe, expect, it } from "vitest";
import { actionRef } from "../../workflows-src/actions";
import { hardeningProblems } from "./hardening-rules";

const CHECKOUT = `${actionRef("checkout")} # v7.0.1`;

/** A minimal workflow that passes every rule; each test breaks exactly one thing. */
function workflow(
  parts: { on?: string; top?: string; job?: string; steps?: string } = {},
): string {
  return [
    "name: t",
    parts.on ?? "on: pull_request",
    parts.top ?? "permissions: {}",
    "jobs:",
    "  a:",
    "    runs-on: ubuntu-24.04",
    parts.job ??
      "    permissions:\n      contents: read\n    timeout-minutes: 5",
    "    steps:",
    parts.steps ??
      `      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - run: npm ci`,
    "",
  ].join("\n");
}

const rulesOf = (text: string) =>
  hardeningProblems("w.yml", text).map((p) => p.rule);

describe("hardeningProblems", () => {
  it("accepts a hardened workflow", () => {
    expect(hardeningProblems("w.yml", workflow())).toEqual([]);
  });

  it("accepts top-level contents: read but nothing broader", () => {
    expect(
      rulesOf(workflow({ top: "permissions:\n  contents: read" })),
    ).toEqual([]);
    expect(
      rulesOf(workflow({ top: "permissions:\n  contents: write" })),
    ).toEqual(["top-permissions"]);
    expect(rulesOf(workflow({ top: "permissions: read-all" }))).toEqual([
      "top-permissions",
    ]);
    expect(rulesOf(workflow({ top: "" }))).toEqual(["top-permissions"]);
  });

  it("requires permissions and a timeout on every runner job", () => {
    expect(rulesOf(workflow({ job: "    timeout-minutes: 5" }))).toEqual([
      "job-permissions",
    ]);
    expect(
      rulesOf(
        workflow({ job: "    permissions: write-all\n    timeout-minutes: 5" }),
      ),
    ).toEqual(["job-permissions"]);
    expect(rulesOf(workflow({ job: "    permissions: {}" }))).toEqual([
      "job-timeout",
    ]);
  });

  it("refuses write scopes on jobs, naming the job and scope, and accepts read and none", () => {
    expect(
      rulesOf(
        workflow({
          job: "    permissions:\n      contents: read\n      pull-requests: write\n    timeout-minutes: 5",
        }),
      ),
    ).toEqual(["job-write-permission"]);
    expect(
      rulesOf(
        workflow({
          job: "    permissions:\n      contents: read\n      actions: none\n    timeout-minutes: 5",
        }),
      ),
    ).toEqual([]);
  });

  it("does not ask a reusable-workflow call for a timeout (GitHub forbids it)", () => {
    const text = [
      "on: pull_request",
      "permissions: {}",
      "jobs:",
      "  q:",
      "    permissions:",
      "      contents: read",
      "    uses: ./.github/workflows/quality.yml",
      "",
    ].join("\n");
    expect(rulesOf(text)).toEqual([]);
    expect(
      rulesOf(text.replace("    uses:", "    secrets: inherit\n    uses:")),
    ).toEqual(["secrets-environment"]);
  });

  it("refuses untrusted-code triggers", () => {
    expect(
      rulesOf(workflow({ on: "on: [push, pull_request_target]" })),
    ).toEqual(["forbidden-trigger"]);
    expect(
      rulesOf(workflow({ on: "on:\n  workflow_run:\n    workflows: [x]" })),
    ).toEqual(["forbidden-trigger"]);
  });

  it("requires SHA pins from the catalog with the catalog's version comment", () => {
    const step = (uses: string) => `      - uses: ${uses}\n      - run: npm ci`;
    expect(rulesOf(workflow({ steps: step("actions/setup-node@v7") }))).toEqual(
      ["pinned-action"],
    );
    expect(rulesOf(workflow({ steps: step(actionRef("setupNode")) }))).toEqual([
      "pinned-action",
    ]);
    expect(
      rulesOf(workflow({ steps: step(`${actionRef("setupNode")} # v7.0.0`) })),
    ).toEqual([]);
    expect(
      rulesOf(workflow({ steps: step(`${actionRef("setupNode")} # v6.0.0`) })),
    ).toEqual(["pinned-action"]);
    expect(
      rulesOf(
        workflow({ steps: step(`evil/action@${"a".repeat(40)} # v1.0.0`) }),
      ),
    ).toEqual(["pinned-action"]);
    expect(
      rulesOf(workflow({ steps: step("./.github/actions/local") })),
    ).toEqual([]);
  });

  it("points at the offending line", () => {
    const text = workflow({ steps: "      - uses: actions/checkout@v4" });
    const problem = hardeningProblems("w.yml", text).find(
      (p) => p.rule === "pinned-action",
    );
    expect(text.split("\n")[(problem?.line ?? 0) - 1]).toContain(
      "actions/checkout@v4",
    );
  });

  it("requires persist-credentials: false on checkout", () => {
    expect(rulesOf(workflow({ steps: `      - uses: ${CHECKOUT}` }))).toEqual([
      "checkout-credentials",
    ]);
  });

  it("refuses ${{ }} inside run: but allows it in env:", () => {
    expect(
      rulesOf(workflow({ steps: "      - run: echo ${{ github.head_ref }}" })),
    ).toEqual(["expression-in-run"]);
    expect(
      rulesOf(
        workflow({
          steps:
            '      - env:\n          REF: ${{ github.head_ref }}\n        run: echo "$REF"',
        }),
      ),
    ).toEqual([]);
  });

  it("allows only npm ci for installs", () => {
    for (const run of [
      "npm install",
      "npm i -D left-pad",
      "npx tsx x.ts",
      "cd a && npm install",
      "yarn",
    ]) {
      expect(rulesOf(workflow({ steps: `      - run: ${run}` })), run).toEqual([
        "npm-ci-only",
      ]);
    }
    for (const run of [
      "npm ci",
      "npm run e2e:install-browser",
      "npm run build",
    ]) {
      expect(rulesOf(workflow({ steps: `      - run: ${run}` })), run).toEqual(
        [],
      );
    }
  });

  it("lets only jobs with an environment read secrets", () => {
    const steps =
      "      - env:\n          TOKEN: ${{ secrets.CLOUDFLARE_API_TOKEN }}\n        run: npm run deploy";
    expect(rulesOf(workflow({ steps }))).toEqual(["secrets-environment"]);
    const job =
      "    environment: staging\n    permissions: {}\n    timeout-minutes: 5";
    expect(rulesOf(workflow({ steps, job }))).toEqual([]);
    const top =
      "permissions: {}\nenv:\n  T: ${{ secrets.CLOUDFLARE_API_TOKEN }}";
    expect(rulesOf(workflow({ top }))).toEqual(["secrets-environment"]);
    const token =
      "      - env:\n          T: ${{ secrets.GITHUB_TOKEN }}\n        run: npm run x";
    expect(rulesOf(workflow({ steps: token }))).toEqual([]);
  });

  it("reports invalid YAML as one problem", () => {
    expect(rulesOf("on: [\n")).toEqual(["yaml"]);
  });
});
