/**
 * ci:local on small synthetic workflows in a throw-away git repository: real clones, real bash,
 * real shims. The point of the tool is the first test — a job reading a file another job made,
 * without an artifact, fails here as it would on GitHub.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionRef } from "../../workflows-src/actions";
import { ciLocal } from "./start-run";

let tmp: string;

function repoWith(
  workflows: Record<string, string>,
  files: Record<string, string> = {},
): string {
  const root = mkdtempSync(path.join(tmp, "repo-"));
  mkdirSync(path.join(root, ".github", "workflows"), { recursive: true });
  for (const [name, text] of Object.entries(workflows))
    writeFileSync(path.join(root, ".github", "workflows", name), text);
  for (const [name, text] of Object.entries(files))
    writeFileSync(path.join(root, name), text);
  const git = (...args: string[]): void => {
    execFileSync("git", ["-C", root, ...args], { stdio: "ignore" });
  };
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git(
    "-c",
    "user.name=t",
    "-c",
    "user.email=t@t",
    "commit",
    "-q",
    "-m",
    "fixture",
  );
  return root;
}

const CHECKOUT = `      - uses: ${actionRef("checkout")}\n        with:\n          persist-credentials: false\n`;

function run(
  root: string,
  workflow: string,
  extra: Partial<Parameters<typeof ciLocal>[0]> = {},
) {
  return ciLocal({
    repoRoot: root,
    workflow,
    cacheDir: mkdtempSync(path.join(tmp, "cache-")),
    runDir: mkdtempSync(path.join(tmp, "run-")),
    npmCache: path.join(tmp, "npm"),
    print: () => {},
    ...extra,
  });
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "ci-local-test-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

const handOff = (withArtifact: boolean): string => `name: Hand-off
on:
  pull_request: {}
jobs:
  make:
    runs-on: ubuntu-24.04
    steps:
${CHECKOUT}      - run: mkdir -p out && echo built > out/result.txt
${withArtifact ? `      - uses: ${actionRef("uploadArtifact")}\n        with:\n          name: result\n          path: out\n          if-no-files-found: error\n` : ""}  use:
    needs: make
    runs-on: ubuntu-24.04
    steps:
${CHECKOUT}${withArtifact ? `      - uses: ${actionRef("downloadArtifact")}\n        with:\n          name: result\n          path: out\n` : ""}      - run: cat out/result.txt
`;

describe("ci:local on a synthetic workflow", () => {
  it("fails a job that reads a file another job made without an artifact", async () => {
    const report = await run(
      repoWith({ "handoff.yml": handOff(false) }),
      "handoff",
    );
    expect(report.ok).toBe(false);
    const use = report.jobs.find((j) => j.id === "use");
    expect(use?.result).toBe("failure");
    expect(use?.reason).toMatch(
      /step "cat out\/result.txt" failed: exit code 1/,
    );
    expect(report.jobs.find((j) => j.id === "make")?.result).toBe("success");
  });

  it("passes the same hand-off through upload/download-artifact", async () => {
    const report = await run(
      repoWith({ "handoff.yml": handOff(true) }),
      "handoff",
    );
    expect(report.jobs.map((j) => [j.id, j.result])).toEqual([
      ["make", "success"],
      ["use", "success"],
    ]);
    expect(report.criticalPath.jobs).toEqual(["make", "use"]);
    expect(report.machineSeconds).toBeGreaterThan(0);
  });

  it("carries step outputs, GITHUB_ENV and job outputs, and evaluates if: forms", async () => {
    const workflow = `name: Flow
on:
  workflow_dispatch:
    inputs:
      target:
        type: choice
        options: [staging, production]
        default: staging
env:
  LEVEL: workflow
jobs:
  first:
    runs-on: ubuntu-24.04
    outputs:
      colour: \${{ steps.pick.outputs.colour }}
    steps:
      - id: pick
        env:
          TARGET: \${{ inputs.target }}
        run: |
          echo "colour=blue-$TARGET" >> "$GITHUB_OUTPUT"
          echo "FROM_ENV=set" >> "$GITHUB_ENV"
      - run: test "$FROM_ENV" = set && test "$LEVEL" = workflow && test "$GITHUB_ACTIONS" = true
      - if: \${{ steps.pick.outputs.colour != 'blue-staging' }}
        run: exit 1
  second:
    needs: first
    if: needs.first.outputs.colour == 'BLUE-STAGING'
    runs-on: ubuntu-24.04
    steps:
      - run: exit 3
      - if: \${{ failure() }}
        run: echo "cleanup ran" >> "$GITHUB_STEP_SUMMARY"
      - run: echo never
  third:
    needs: second
    runs-on: ubuntu-24.04
    steps:
      - run: echo unreachable
  production-only:
    if: inputs.target == 'production'
    runs-on: ubuntu-24.04
    steps:
      - run: exit 1
`;
    const report = await run(repoWith({ "flow.yml": workflow }), "flow");
    const byId = new Map(report.jobs.map((j) => [j.id, j]));
    expect(byId.get("first")?.outputs).toEqual({ colour: "blue-staging" });
    expect(byId.get("first")?.steps.map((s) => s.result)).toEqual([
      "success",
      "success",
      "skipped",
    ]);
    // String comparison is case-insensitive in GitHub expressions.
    expect(byId.get("second")?.steps.map((s) => s.result)).toEqual([
      "failure",
      "success",
      "skipped",
    ]);
    expect(byId.get("third")?.result).toBe("skipped");
    expect(byId.get("third")?.reason).toMatch(/needs second, which failed/);
    expect(byId.get("production-only")?.result).toBe("skipped");
  });

  it("fails loudly on an expression form it does not know", async () => {
    const workflow = `on:
  push: {}
jobs:
  odd:
    runs-on: ubuntu-24.04
    steps:
      - if: \${{ fromJSON('true') }}
        run: echo hi
`;
    const report = await run(repoWith({ "odd.yml": workflow }), "odd");
    expect(report.ok).toBe(false);
    expect(report.jobs[0]?.reason).toMatch(/unknown function "fromjson\(\)"/);
  });

  it("fails a step that uses an action outside the catalog", async () => {
    const workflow = `on:
  push: {}
jobs:
  odd:
    runs-on: ubuntu-24.04
    steps:
      - uses: actions/checkout@v4
`;
    const report = await run(repoWith({ "odd.yml": workflow }), "odd");
    expect(report.jobs[0]?.reason).toMatch(/no ci:local shim/);
  });

  it("skips environment jobs unless --with-environments, and their dependents", async () => {
    const workflow = `on:
  push: {}
jobs:
  deploy:
    runs-on: ubuntu-24.04
    environment:
      name: staging
    steps:
      - run: echo deploying
  after:
    needs: deploy
    runs-on: ubuntu-24.04
    steps:
      - run: echo after
`;
    const report = await run(repoWith({ "env.yml": workflow }), "env");
    expect(report.ok).toBe(true);
    expect(report.jobs[0]?.reason).toMatch(
      /environment staging: run with --with-environments/,
    );
    expect(report.jobs[1]?.result).toBe("skipped");
  });

  it("gives the double's endpoint to environment jobs only, and refuses a real one", async () => {
    const workflow = `on:
  push: {}
jobs:
  check:
    runs-on: ubuntu-24.04
    steps:
      - run: test -z "\${CLOUDFLARE_API_BASE_URL:-}" && test -z "\${HTTPS_PROXY:-}"
  deploy:
    needs: check
    runs-on: ubuntu-24.04
    environment:
      name: staging
    steps:
      - run: test "$CLOUDFLARE_API_BASE_URL" = http://127.0.0.1:9/client/v4 && test "$HTTPS_PROXY" = http://127.0.0.1:9 && grep -q DOUBLE "$NODE_EXTRA_CA_CERTS"
`;
    const root = repoWith({ "env2.yml": workflow });
    const ca = path.join(tmp, "double-ca.pem");
    writeFileSync(ca, "DOUBLE CA\n");
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      CLOUDFLARE_API_BASE_URL: "http://127.0.0.1:9/client/v4",
      HTTPS_PROXY: "http://127.0.0.1:9",
      CLOUDFLARE_DOUBLE_CA: ca,
    };
    const report = await run(root, "env2", { withEnvironments: true, env });
    expect(report.jobs.map((j) => [j.id, j.result])).toEqual([
      ["check", "success"],
      ["deploy", "success"],
    ]);
    await expect(
      run(root, "env2", {
        withEnvironments: true,
        env: {
          ...env,
          CLOUDFLARE_API_BASE_URL: "https://api.cloudflare.com/client/v4",
        },
      }),
    ).rejects.toThrow(/never talks to a real account/);
    await expect(
      run(root, "env2", {
        withEnvironments: true,
        env: { ...env, HTTPS_PROXY: "http://proxy.example:3128" },
      }),
    ).rejects.toThrow(/is not the local Cloudflare API double/);
  });

  it("runs a called reusable workflow in the same run and reads its outputs", async () => {
    const called = `on:
  workflow_call:
    outputs:
      word:
        value: \${{ jobs.inner.outputs.word }}
jobs:
  inner:
    runs-on: ubuntu-24.04
    outputs:
      word: \${{ steps.w.outputs.word }}
    steps:
      - id: w
        run: echo "word=hello" >> "$GITHUB_OUTPUT"
`;
    const caller = `on:
  push: {}
jobs:
  call:
    uses: ./.github/workflows/called.yml
  use:
    needs: call
    runs-on: ubuntu-24.04
    steps:
      - env:
          WORD: \${{ needs.call.outputs.word }}
        run: test "$WORD" = hello
`;
    const report = await run(
      repoWith({ "called.yml": called, "caller.yml": caller }),
      "caller",
    );
    expect(report.jobs.map((j) => [j.id, j.result])).toEqual([
      ["call/inner", "success"],
      ["call", "success"],
      ["use", "success"],
    ]);
  });
});
