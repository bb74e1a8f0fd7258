/**
 * `--against` → the serving commit, its build when one can be fetched, and a label for messages.
 * A commit is taken as given; an environment is looked up (Actions API or Cloudflare).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { EnvVars } from "../deploy/env-vars";
import { cliCloudflare } from "../deploy/cloudflare";
import {
  createGitHub,
  parseRepository,
  type Repository,
} from "../setup/github/client";
import { environments } from "../../workflows-src/environments";
import type { Against } from "./against";
import { servingFromCloudflare } from "./serving-from-cloudflare";
import { downloadArtifact, servingFromGitHub } from "./serving-from-github";

export interface Serving {
  readonly commit: string | undefined;
  readonly label: string;
  readonly artifact: string | undefined;
  readonly cleanup: () => Promise<void>;
}

export interface ResolveOptions {
  readonly from: "github" | "cloudflare";
  readonly repository: string | undefined;
  readonly artifact: string | undefined;
  readonly root: string;
  readonly env: EnvVars;
  readonly say: (line: string) => void;
}

const nothing = async () => {};

function repositoryOf(options: ResolveOptions): Repository {
  if (options.repository) return parseRepository(options.repository, "--repo");
  try {
    const origin = execFileSync("git", ["remote", "get-url", "origin"], {
      cwd: options.root,
      encoding: "utf8",
    }).trim();
    return parseRepository(origin, "git remote origin");
  } catch {
    throw new Error(
      "no GitHub repository: pass --repo <owner/name> or set GITHUB_REPOSITORY",
    );
  }
}

export async function resolveServing(
  against: Against,
  options: ResolveOptions,
): Promise<Serving> {
  if (against.kind === "commit")
    return {
      commit: against.revision,
      label: "--against",
      artifact: options.artifact,
      cleanup: nothing,
    };
  const environment = Object.values(environments).find(
    (e) => e.name === against.name,
  );
  if (environment === undefined)
    throw new Error(`--against ${against.name}: not an environment`);
  const label = `${environment.name} (${environment.branch})`;

  if (options.from === "cloudflare") {
    const { cloudflare } = cliCloudflare(
      join(options.root, "reports", "deploy", `compat-${environment.name}.log`),
      options.env,
    );
    const commit = await servingFromCloudflare(cloudflare, environment);
    return { commit, label, artifact: options.artifact, cleanup: nothing };
  }

  const token = options.env["GITHUB_TOKEN"]?.trim();
  if (!token)
    throw new Error(
      `--against ${environment.name}: no GitHub token — set GITHUB_TOKEN (read-only, actions: read) or use --serving-from cloudflare`,
    );
  const github = createGitHub(token, options.env);
  const repository = repositoryOf(options);
  const found = await servingFromGitHub(github, repository, environment.branch);
  if (found === undefined)
    return { commit: undefined, label, artifact: undefined, cleanup: nothing };
  options.say(
    `${label} serves ${found.commit.slice(0, 12)} (last successful deploy.yml run ${found.runId})`,
  );
  if (options.artifact !== undefined || found.artifact.kind !== "available") {
    if (found.artifact.kind === "expired")
      options.say(
        `its worker-build artifact expired${found.artifact.expiredAt ? ` at ${found.artifact.expiredAt}` : ""} (retention-days in workflows-src/builders/quality.ts; GitHub's default is 90 days, set per repository): building it from source`,
      );
    else if (found.artifact.kind === "missing")
      options.say(
        "its run has no worker-build artifact: building it from source",
      );
    return {
      commit: found.commit,
      label,
      artifact: options.artifact,
      cleanup: nothing,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), "compat-artifact-"));
  try {
    await downloadArtifact(
      github,
      repository,
      found.artifact.id,
      join(dir, "build"),
    );
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const reason = error instanceof Error ? error.message : String(error);
    options.say(
      `its worker-build artifact could not be downloaded (${reason}): building it from source`,
    );
    return {
      commit: found.commit,
      label,
      artifact: undefined,
      cleanup: nothing,
    };
  }
  options.say(
    `downloaded its worker-build artifact (expires ${found.artifact.expiresAt ?? "never"})`,
  );
  return {
    commit: found.commit,
    label,
    artifact: join(dir, "build"),
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}
