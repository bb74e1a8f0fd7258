/**
 * One `@ts-expect-error` per shape the workflow policy refuses in a job bound to an environment:
 * `npm run typecheck` (tsc) fails when a builder would accept it again, because the directive then
 * marks an error that is not there. The runtime half (what a spread smuggles past the types) and a
 * generation of each builder are checked by the tests below.
 */
import { describe, expect, it } from "vitest";
import { migrateContract, releaseContract } from "../contracts";
import { environments } from "../environments";
import { actionRef } from "../actions";
import {
  defineEnvironmentJob,
  environmentDownload,
  environmentPrologue,
  environmentRun,
  environmentUpload,
} from "./environment-job";
import { always, and, eq, expr, failure, not, cancelled } from "./expr";
import { defineJob, npmCi } from "./steps";

const env = environments.production;
const migrate = () =>
  environmentRun("npm", migrateContract, env, {
    id: "migrate",
    env: { DEPLOY_ENV: env.name },
    secrets: true,
  });

/** Compiled, never called: each case is a definition tsc must refuse. */
export function forbiddenShapes(): unknown[] {
  return [
    // An env name outside the script's contract (CLOUDFLARE_API_BASE_URL, a proxy, BASH_FUNC_…).
    environmentRun("npm", migrateContract, env, {
      id: "migrate",
      // @ts-expect-error env-name: not in migrateContract.env
      env: { DEPLOY_ENV: env.name, CLOUDFLARE_API_BASE_URL: "https://x" },
    }),
    // A secret name of the caller's choosing (secrets come from environments.ts only).
    environmentRun("npm", migrateContract, env, {
      id: "migrate",
      env: { DEPLOY_ENV: env.name },
      // @ts-expect-error secrets-name: only `secrets: true` (the environment's own list)
      secrets: ["OTHER_TOKEN"],
    }),
    // A step-level condition on a deploy step (always(), or skipping the migration).
    environmentRun("npm", releaseContract, env, {
      id: "release",
      env: { DEPLOY_ENV: env.name, DEPLOY_BOOKMARK: "" },
      // @ts-expect-error env-step-if: deploy steps take no if:
      if: always(),
    }),
    // An upload of hidden files (.git, .env) next to the secrets.
    environmentUpload(
      { name: "logs", path: "reports/deploy" },
      // @ts-expect-error env-action-input: no include-hidden-files
      { retentionDays: 1, includeHiddenFiles: true },
    ),
    // An artifact path outside the workspace.
    // @ts-expect-error env-action-input: path must stay inside the workspace
    environmentDownload({ name: expr("x"), path: "../../_temp" }, "x"),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      steps: [
        migrate(),
        // @ts-expect-error env-action-input: a raw action step with inputs of its own
        { uses: actionRef("setupNode"), with: { mirror: "https://x" } },
      ],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-name: no job-level env
      env: { HTTPS_PROXY: "http://x" },
      steps: [migrate()],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-cancel-in-progress: concurrency is the builder's
      concurrency: { group: "d", "cancel-in-progress": true },
      steps: [migrate()],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-image: no container (nor services, runsOn, permissions)
      container: "node@sha256:0",
      steps: [migrate()],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-continue-on-error: no continue-on-error
      continueOnError: true,
      steps: [migrate()],
    }),
    // A status function in the job's if: (always, failure, cancelled; in and/or/not too).
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-if-always: always() drops the implicit success()
      if: always(),
      steps: [migrate()],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-if-always: even inside and()
      if: and(eq(expr("github.ref"), "refs/heads/main"), not(cancelled())),
      steps: [migrate()],
    }),
    defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      // @ts-expect-error env-if-always: failure()
      if: failure(),
      steps: [migrate()],
    }),
    // A job bound to an environment built with the general builder.
    defineJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      // @ts-expect-error defineJob takes no environment: use defineEnvironmentJob
      environment: { name: "production" },
      steps: [npmCi()],
    }),
  ];
}

describe("defineEnvironmentJob", () => {
  it("emits the environment, its never-cancelling concurrency and the builders' steps", () => {
    const job = defineEnvironmentJob("deploy", {
      name: "d",
      timeoutMinutes: 5,
      environment: env,
      if: eq(expr("github.ref"), "refs/heads/main"),
      steps: [
        ...environmentPrologue("npm"),
        migrate(),
        environmentUpload(
          { name: "logs", path: "reports/deploy" },
          { retentionDays: 1 },
        ),
      ],
    }).job;
    expect(job).toMatchObject({
      environment: { name: env.name, url: env.url },
      concurrency: { group: `deploy-${env.name}`, "cancel-in-progress": false },
    });
    expect(job).not.toHaveProperty("env");
  });

  it("refuses at run time an env name a spread smuggled past the types", () => {
    const extra = { DEPLOY_ENV: env.name, NODE_OPTIONS: "--require x" };
    expect(() =>
      environmentRun("npm", migrateContract, env, {
        id: "migrate",
        env: extra,
      }),
    ).toThrow(/NODE_OPTIONS is not in its contract/);
  });

  it("has a compiled case per forbidden shape", () => {
    expect(forbiddenShapes).toBeTypeOf("function");
  });
});
