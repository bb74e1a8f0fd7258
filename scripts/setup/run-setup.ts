/**
 * `npm run setup` as a function: resolve credentials and the repository, run the GitHub and the
 * Cloudflare halves, print each resource as it is inspected or changed, and return the exit code.
 * The CLI (cli.ts) only parses flags; tests call this with the API doubles' URLs in `env`.
 */
import { execFile } from "node:child_process";
import path from "node:path";
import {
  type Environments,
  type PreviewEnvironment,
} from "../../workflows-src/builders/environment-model";
import type { EnvVars } from "../deploy/env-vars";
import { appendSummary, reportError } from "../deploy/github-io";
import { createWrangler, REPO_ROOT, type Wrangler } from "../deploy/wrangler";
import { cloudflareCredentials, setupCloudflare } from "./cloudflare/setup";
import {
  SetupError,
  createGitHub,
  ghAuthToken,
  parseRepository,
  resolveToken,
} from "./github/client";
import { CODEOWNERS_FILE } from "./github/codeowners";
import { repositoryManager, scriptHint } from "../cli/package-script";
import type { AskSecret } from "./github/secrets";
import {
  prepareGitHub,
  setupGitHub,
  type GitHubSetupOptions,
  type PreparedGitHub,
} from "./github/setup";
import { repositoryRequiredChecks } from "./github/required-checks";
import { preflightTokens, tokensToProbe } from "./token-preflight";
import {
  exitCode,
  renderItems,
  summarize,
  type SetupItem,
  type SetupMode,
} from "./report";

export type SetupPart = "github" | "cloudflare";

export interface SetupRun {
  readonly mode: SetupMode;
  readonly acceptUngated: boolean;
  readonly only?: SetupPart | undefined;
  readonly repo?: string | undefined;
  /** Environments whose secrets --rotate-secrets replaces. */
  readonly rotateSecrets?: readonly string[];
  readonly env: EnvVars;
  readonly ask: AskSecret;
  readonly print: (line: string) => void;
  /** The repository's own environments.ts, loaded (setup's CLI reads it from the checkout). */
  readonly environments: Environments;
  /** Its pull-request preview environment; null: none. */
  readonly preview: PreviewEnvironment | null;
  readonly repoRoot?: string;
  readonly wrangler?: Wrangler;
  readonly ghToken?: () => Promise<string | undefined>;
  readonly regenerate?: () => Promise<void>;
  /** The rulesets' required checks; default: the jobs of the repository's quality.yml source. */
  readonly checks?: readonly string[];
}

function originRemote(cwd: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile("git", ["remote", "get-url", "origin"], { cwd }, (error, stdout) =>
      resolve(error ? undefined : stdout.trim() || undefined),
    );
  });
}

async function repositoryName(run: SetupRun, root: string) {
  if (run.repo) return parseRepository(run.repo, "--repo");
  const fromEnv = run.env["GITHUB_REPOSITORY"]?.trim();
  if (fromEnv) return parseRepository(fromEnv, "GITHUB_REPOSITORY");
  const origin = await originRemote(root);
  if (origin) return parseRepository(origin, "git remote origin");
  throw new SetupError(
    "no repository to set up: pass --repo owner/name (or set GITHUB_REPOSITORY, or add an origin remote)",
  );
}

export async function runSetup(run: SetupRun): Promise<number> {
  const root = run.repoRoot ?? REPO_ROOT;
  const envs = run.environments;
  const previewEnv = run.preview ?? undefined;
  const items: SetupItem[] = [];
  const onItem = (item: SetupItem) => {
    items.push(item);
    run.print(renderItems([item]));
  };
  run.print(
    run.mode === "apply"
      ? "setup --apply: making GitHub and Cloudflare match workflows-src/environments.ts"
      : `setup --${run.mode} (read-only): comparing GitHub and Cloudflare with workflows-src/environments.ts`,
  );
  const fatal = (error: unknown) => {
    if (!(error instanceof SetupError) && !(error instanceof Error))
      throw error;
    onItem({ resource: "setup", state: "failed", detail: error.message });
  };
  // 1. Read only: the repository, placeholders, every secret value to be written, the credentials.
  let github:
    { options: GitHubSetupOptions; prepared: PreparedGitHub } | undefined;
  if (run.only !== "cloudflare") {
    try {
      const token = await resolveToken(run.env, run.ghToken ?? ghAuthToken);
      const options: GitHubSetupOptions = {
        gh: createGitHub(token, run.env),
        repo: await repositoryName(run, root),
        environments: envs,
        mode: run.mode,
        env: run.env,
        ask: run.ask,
        rotateSecrets: run.rotateSecrets ?? [],
        acceptUngated: run.acceptUngated,
        onItem,
        codeownersFile: path.join(root, CODEOWNERS_FILE),
        packageManager: repositoryManager(root),
        checks: run.checks ?? (await repositoryRequiredChecks(REPO_ROOT)),
        ...(previewEnv ? { preview: previewEnv } : {}),
      };
      github = { options, prepared: await prepareGitHub(options) };
      for (const item of github.prepared.problems) onItem(item);
    } catch (error) {
      fatal(error);
    }
  }
  let own: { token: string; accountId: string } | undefined;
  if (run.only !== "github") {
    try {
      own = cloudflareCredentials(run.env);
    } catch (error) {
      fatal(error);
    }
  }
  // 2. Every token setup uses or stores, each permission, before anything is written anywhere.
  const { tokens, problems } = await tokensToProbe(
    github?.prepared.secrets ?? [],
    own,
    run.env,
  );
  for (const item of problems) onItem(item);
  const probed = await preflightTokens(tokens, run.env);
  for (const item of probed) onItem(item);
  const ownTokenFailed = probed.some(
    (item) => item.state === "failed" && !item.resource.includes("("),
  );
  const blocked =
    run.mode === "apply" && items.some((item) => item.state === "failed");
  if (blocked) {
    run.print(
      "nothing was written: fix the problems above (fail closed: no half-configured environment), then re-run",
    );
  } else {
    // 3. Make GitHub, then Cloudflare, match the source.
    if (github) {
      try {
        await setupGitHub(github.options, github.prepared);
      } catch (error) {
        fatal(error);
      }
    }
    if (own && !ownTokenFailed) {
      try {
        await setupCloudflare({
          environments: envs,
          mode: run.mode,
          env: run.env,
          wrangler: run.wrangler ?? createWrangler({ env: run.env, cwd: root }),
          repoRoot: root,
          regenerate: run.regenerate ?? (async () => {}),
          onItem,
        });
      } catch (error) {
        fatal(error);
      }
    }
  }
  const summary = summarize(items, run.mode);
  run.print(summary);
  // On GitHub (a scheduled `--check`, say): the table in the step summary, problems as annotations.
  for (const item of items) {
    if (item.state === "failed" || item.state === "ungated")
      if (run.env["GITHUB_ACTIONS"] === "true")
        reportError(`${item.resource}: ${item.detail}`, run.env);
  }
  appendSummary(
    `### ${scriptHint(repositoryManager(root), "setup", [`--${run.mode}`])}\n\n\`\`\`text\n${renderItems(items)}\n${summary}\n\`\`\`\n`,
    run.env,
  );
  return exitCode(items, run.mode, run.acceptUngated);
}
