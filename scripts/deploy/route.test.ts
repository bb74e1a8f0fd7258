import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import { spawnRunner } from "./child-process";
import { routeDeploy, type RouteInput } from "./route";
import { REPO_ROOT } from "./wrangler";

const all = Object.values(environments);
const route = (input: RouteInput) => routeDeploy(input, all);
const envName = (input: RouteInput) => {
  const r = route(input);
  return r.ok ? r.environment.name : r.error;
};

describe("routeDeploy", () => {
  it("a push deploys its branch's environment", () => {
    expect(envName({ eventName: "push", ref: "refs/heads/develop" })).toBe(
      "staging",
    );
    expect(envName({ eventName: "push", ref: "refs/heads/main" })).toBe(
      "production",
    );
  });

  it("a push ignores a stray dispatch input", () => {
    expect(
      envName({
        eventName: "push",
        ref: "refs/heads/develop",
        requested: "production",
      }),
    ).toBe("staging");
  });

  it("a dispatch deploys the chosen environment from its own branch", () => {
    expect(
      envName({
        eventName: "workflow_dispatch",
        ref: "refs/heads/main",
        requested: "production",
      }),
    ).toBe("production");
    expect(
      envName({
        eventName: "workflow_dispatch",
        ref: "refs/heads/develop",
        requested: " staging ",
      }),
    ).toBe("staging");
  });

  it("a dispatch from the wrong branch is an error naming both and what to do", () => {
    expect(
      route({
        eventName: "workflow_dispatch",
        ref: "refs/heads/develop",
        requested: "production",
      }),
    ).toEqual({
      ok: false,
      error:
        'deploy.yml: environment "production" deploys only from main, but this run uses develop — run the workflow again with "Use workflow from" = main (or choose environment staging, which deploys from develop)',
    });
    expect(
      route({
        eventName: "workflow_dispatch",
        ref: "refs/heads/feature/x",
        requested: "staging",
      }),
    ).toEqual({
      ok: false,
      error:
        'deploy.yml: environment "staging" deploys only from develop, but this run uses feature/x — run the workflow again with "Use workflow from" = develop',
    });
  });

  it("a push to a branch without an environment deploys nowhere, loudly", () => {
    expect(envName({ eventName: "push", ref: "refs/heads/feature/x" })).toBe(
      'deploy.yml: a push to "feature/x" deploys nowhere — only develop → staging, main → production deploy; the workflow\'s push branches and workflows-src/environments.ts disagree: run npm run gen:workflows',
    );
  });

  it("refuses unknown inputs, tags and other events", () => {
    expect(
      envName({
        eventName: "workflow_dispatch",
        ref: "refs/heads/main",
        requested: "",
      }),
    ).toBe(
      'deploy.yml: dispatch input environment "" is not an environment — choose one of staging, production',
    );
    expect(envName({ eventName: "push", ref: "refs/tags/v1" })).toMatch(
      /^deploy\.yml: ref "refs\/tags\/v1" is not a branch/,
    );
    expect(
      envName({ eventName: "pull_request", ref: "refs/heads/develop" }),
    ).toMatch(/^deploy\.yml: event "pull_request" does not deploy/);
  });
});

describe("deploy:route CLI (as the route job runs it)", () => {
  const dir = mkdtempSync(join(tmpdir(), "route-cli-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function run(name: string, event: string, ref: string, input: string) {
    const output = join(dir, `${name}.output`);
    const summary = join(dir, `${name}.summary`);
    const result = await spawnRunner(
      join(REPO_ROOT, "node_modules", ".bin", "tsx"),
      [join(REPO_ROOT, "scripts", "deploy", "route-cli.ts")],
      {
        cwd: REPO_ROOT,
        env: {
          ...process.env,
          GITHUB_ACTIONS: "true",
          GITHUB_EVENT_NAME: event,
          GITHUB_REF: ref,
          DEPLOY_INPUT_ENVIRONMENT: input,
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
        },
        timeoutMs: 30_000,
      },
    );
    const read = (file: string) => {
      try {
        return readFileSync(file, "utf8");
      } catch {
        return "";
      }
    };
    return { ...result, output: read(output), summary: read(summary) };
  }

  it("writes the environment output and a summary line, or fails the run with an annotation", async () => {
    const [ok, mismatch] = await Promise.all([
      run("ok", "push", "refs/heads/main", ""),
      run("mismatch", "workflow_dispatch", "refs/heads/develop", "production"),
    ]);
    expect(ok.code).toBe(0);
    expect(ok.output).toBe("environment=production\n");
    expect(ok.summary).toContain("push on `main` → **production**");
    expect(mismatch.code).toBe(1);
    expect(mismatch.output).toBe("");
    expect(mismatch.stderr).toContain(
      '::error::deploy.yml: environment "production" deploys only from main, but this run uses develop',
    );
    expect(mismatch.summary).toContain("### Deploy route ❌");
  });
});
