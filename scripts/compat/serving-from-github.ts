/**
 * The commit serving an environment, as the Actions API knows it: the head SHA of the last
 * successful deploy.yml run on the environment's branch, and that run's worker-build artifact (the
 * build E2E tested and deploy shipped) while it has not expired. Read-only: `actions: read`.
 * After a manual Worker rollback the serving build is older than that run; --serving-from
 * cloudflare reads the truth from the serving version's tag instead (it needs the API token).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { GitHub, Repository } from "../setup/github/client";
import { workerArtifact } from "../../workflows-src/builders/quality";

export const DEPLOY_WORKFLOW = "deploy.yml";

export interface GitHubServing {
  readonly commit: string;
  readonly runId: number;
  readonly artifact:
    | {
        readonly kind: "available";
        readonly id: number;
        readonly expiresAt: string | null;
      }
    | { readonly kind: "expired"; readonly expiredAt: string | null }
    | { readonly kind: "missing" };
}

/** Undefined when no deploy of that branch ever succeeded (nothing serves yet). */
export async function servingFromGitHub(
  github: GitHub,
  repository: Repository,
  branch: string,
): Promise<GitHubServing | undefined> {
  // GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs — newest first.
  const runs = await github.rest.actions.listWorkflowRuns({
    ...repository,
    workflow_id: DEPLOY_WORKFLOW,
    branch,
    status: "success",
    per_page: 1,
  });
  const run = runs.data.workflow_runs[0];
  if (run === undefined) return undefined;
  // GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts?name=…
  const artifacts = await github.rest.actions.listWorkflowRunArtifacts({
    ...repository,
    run_id: run.id,
    name: workerArtifact.name,
  });
  const artifact = artifacts.data.artifacts[0];
  return {
    commit: run.head_sha,
    runId: run.id,
    artifact:
      artifact === undefined
        ? { kind: "missing" }
        : artifact.expired
          ? { kind: "expired", expiredAt: artifact.expires_at ?? null }
          : {
              kind: "available",
              id: artifact.id,
              expiresAt: artifact.expires_at ?? null,
            },
  };
}

/** Downloads and unpacks an artifact into `dir` (what actions/download-artifact would leave). */
export async function downloadArtifact(
  github: GitHub,
  repository: Repository,
  artifactId: number,
  dir: string,
): Promise<void> {
  // GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}: 302 to the zip.
  const response = await github.rest.actions.downloadArtifact({
    ...repository,
    artifact_id: artifactId,
    archive_format: "zip",
  });
  mkdirSync(dir, { recursive: true });
  const zip = join(dir, "..", `artifact-${artifactId}.zip`);
  writeFileSync(zip, Buffer.from(response.data as ArrayBuffer));
  // unzip ships on GitHub's runners and most machines; Node has no zip reader built in.
  execFileSync("unzip", ["-q", "-o", zip, "-d", dir], { stdio: "pipe" });
}
