/**
 * Which environment a deploy.yml run deploys to, decided once by a job every deploy job needs.
 * A dispatch that picks an environment from another branch must fail the run: skipped deploy jobs
 * would leave it green with nothing deployed, which reads as success.
 */
import type { Environment } from "../../workflows-src/builders/environment-model";
import { runHint } from "./run-hint";

export interface RouteInput {
  /** GITHUB_EVENT_NAME */
  readonly eventName: string;
  /** GITHUB_REF, e.g. refs/heads/main */
  readonly ref: string;
  /** The dispatch input `environment` (empty or absent on a push). */
  readonly requested?: string | undefined;
}

export type Route =
  | { readonly ok: true; readonly environment: Environment }
  | { readonly ok: false; readonly error: string };

const BRANCH_REF = /^refs\/heads\/(.+)$/;

export function routeDeploy(
  input: RouteInput,
  environments: readonly Environment[],
): Route {
  const pairs = environments
    .map((env) => `${env.branch} → ${env.name}`)
    .join(", ");
  const branch = BRANCH_REF.exec(input.ref)?.[1];
  if (input.eventName !== "push" && input.eventName !== "workflow_dispatch") {
    return {
      ok: false,
      error: `deploy.yml: event "${input.eventName}" does not deploy — deploys run on a push (${pairs}) or by Run workflow`,
    };
  }
  if (branch === undefined) {
    return {
      ok: false,
      error: `deploy.yml: ref "${input.ref}" is not a branch — deploys run from a branch (${pairs}); choose it under "Use workflow from"`,
    };
  }
  if (input.eventName === "push") {
    const env = environments.find((e) => e.branch === branch);
    return env === undefined
      ? {
          ok: false,
          error: `deploy.yml: a push to "${branch}" deploys nowhere — only ${pairs} deploy; the workflow's push branches and workflows-src/environments.ts disagree: run ${runHint("gen:workflows")}`,
        }
      : { ok: true, environment: env };
  }
  const requested = input.requested?.trim() ?? "";
  const env = environments.find((e) => e.name === requested);
  if (env === undefined) {
    return {
      ok: false,
      error: `deploy.yml: dispatch input environment "${requested}" is not an environment — choose one of ${environments.map((e) => e.name).join(", ")}`,
    };
  }
  if (env.branch !== branch) {
    const here = environments.find((e) => e.branch === branch);
    return {
      ok: false,
      error: `deploy.yml: environment "${env.name}" deploys only from ${env.branch}, but this run uses ${branch} — run the workflow again with "Use workflow from" = ${env.branch}${here ? ` (or choose environment ${here.name}, which deploys from ${branch})` : ""}`,
    };
  }
  return { ok: true, environment: env };
}
