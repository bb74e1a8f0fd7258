/**
 * The GitHub half of `npm run setup`, in two calls. prepareGitHub only reads: the repository must
 * exist and the token must work (one line on failure), placeholders are named, and every secret
 * value to be written is found — so the caller can preflight those tokens and stop before anything
 * is written anywhere. setupGitHub then runs branches → environments → secrets → rulesets, in that
 * order because secrets live in environments (and go only to gated ones) and rulesets name branches.
 */
import type {
  Environments,
  PreviewEnvironment,
} from "../../../workflows-src/builders/environment-model";
import type { EnvVars } from "../../deploy/env-vars";
import type { SetupItem, SetupMode } from "../report";
import { runResources, type Resource } from "../resources";
import { branchResource } from "./branches";
import { codeownersResource } from "./codeowners";
import type { PackageManager } from "../../../workflows-src/builders/package-manager";
import {
  SetupError,
  describeFailure,
  httpFailure,
  type GitHub,
  type Repository,
} from "./client";
import { desiredEnvironments } from "./desired";
import {
  desiredPreview,
  previewEnvironmentResource,
  previewSecretSources,
} from "./preview-environment";
import { environmentResource } from "./environment";
import { rulesetResource } from "./ruleset";
import { placeholderProblems } from "./placeholders";
import {
  planSecrets,
  secretsResource,
  type AskSecret,
  type SecretPlan,
} from "./secrets";

export interface GitHubSetupOptions {
  readonly gh: GitHub;
  readonly repo: Repository;
  readonly environments: Environments;
  readonly mode: SetupMode;
  readonly env: EnvVars;
  readonly ask: AskSecret;
  /** Environments whose secrets are replaced (values only from <ENV>_<NAME> or the prompt). */
  readonly rotateSecrets?: readonly string[];
  readonly acceptUngated?: boolean;
  /** The required status checks of the rulesets (required-checks.ts). */
  readonly checks: readonly string[];
  readonly onItem?: (item: SetupItem) => void;
  /** Absolute path of .github/CODEOWNERS (written from the reviewers). */
  readonly codeownersFile: string;
  /** The repository's package manager: its lockfile and install config are pipeline paths. */
  readonly packageManager: PackageManager;
  /** The pull-request preview environment (environments.ts `preview`); absent: none set up. */
  readonly preview?: PreviewEnvironment;
}

interface RepositoryFacts {
  readonly defaultBranch: string;
  readonly private: boolean;
}

/** GET /repos/{owner}/{repo}: the one call that tells a bad token from a wrong repository name. */
export async function readRepository(
  gh: GitHub,
  repo: Repository,
): Promise<RepositoryFacts> {
  const full = `${repo.owner}/${repo.repo}`;
  try {
    const response = await gh.request("GET /repos/{owner}/{repo}", {
      owner: repo.owner,
      repo: repo.repo,
    });
    return {
      defaultBranch: response.data.default_branch,
      private: response.data.private,
    };
  } catch (error) {
    if (httpFailure(error)?.status === 404) {
      throw new SetupError(
        `repository ${full} not found, or the token cannot see it — check --repo (or GITHUB_REPOSITORY / the origin remote) and the token's repository access`,
      );
    }
    throw new SetupError(describeFailure(`repository ${full}`, error));
  }
}

export interface PreparedGitHub {
  readonly facts: RepositoryFacts;
  readonly secrets: readonly SecretPlan[];
  /** Found before any write; with --apply, any of them stops setup before it changes anything. */
  readonly problems: readonly SetupItem[];
}

export async function prepareGitHub(
  options: GitHubSetupOptions,
): Promise<PreparedGitHub> {
  const { gh, repo } = options;
  const facts = await readRepository(gh, repo);
  const problems: SetupItem[] = placeholderProblems(options.environments).map(
    (detail) => ({ resource: "reviewers", state: "failed", detail }),
  );
  const secrets: SecretPlan[] = [];
  for (const env of [
    ...desiredEnvironments(options.environments),
    ...(options.preview ? [desiredPreview(options.preview)] : []),
  ]) {
    const plan = await planSecrets(gh, repo, env, {
      // The preview's token only from PREVIEW_CLOUDFLARE_API_TOKEN (or the prompt): the bare
      // CLOUDFLARE_API_TOKEN is staging's or production's, which a preview must never hold.
      env:
        env.name === options.preview?.name
          ? previewSecretSources(options.env)
          : options.env,
      rotate: (options.rotateSecrets ?? []).includes(env.name),
      // Nobody is asked for a value that a read-only run would not write.
      ask: options.mode === "apply" ? options.ask : undefined,
    });
    secrets.push(plan);
    if (plan.problem !== undefined && options.mode === "apply")
      problems.push({
        resource: `secrets of ${env.name}`,
        state: "failed",
        detail: plan.problem,
      });
  }
  return { facts, secrets, problems };
}

export async function setupGitHub(
  options: GitHubSetupOptions,
  prepared: PreparedGitHub,
): Promise<SetupItem[]> {
  const { gh, repo } = options;
  const { facts } = prepared;
  const wanted = desiredEnvironments(options.environments);
  const withPreview = options.preview
    ? [...wanted, desiredPreview(options.preview)]
    : wanted;
  const checks = options.checks;
  const resources: Resource[] = [
    ...wanted.map((env) =>
      branchResource(gh, repo, env.branch, facts.defaultBranch),
    ),
    ...wanted.map((env) => environmentResource(gh, repo, env)),
    ...(options.preview
      ? [previewEnvironmentResource(gh, repo, options.preview)]
      : []),
    ...prepared.secrets.map((plan, i) =>
      secretsResource(
        gh,
        repo,
        withPreview[i] as (typeof withPreview)[number],
        plan,
        { acceptUngated: options.acceptUngated ?? false },
      ),
    ),
    ...wanted.map((env) =>
      rulesetResource(gh, repo, env.branch, checks, env.review),
    ),
    codeownersResource(
      options.environments,
      options.packageManager,
      options.codeownersFile,
    ),
  ];
  const header: SetupItem = {
    resource: `repository ${repo.owner}/${repo.repo}`,
    state: "ok",
    detail: `${facts.private ? "private" : "public"}, default branch ${facts.defaultBranch}${facts.private && wanted.some((e) => e.reviewers.length > 0) ? " — private: GitHub enforces required reviewers here only on GitHub Enterprise" : ""}`,
  };
  options.onItem?.(header);
  const items = await runResources(
    resources,
    options.mode,
    describeFailure,
    options.onItem,
  );
  return [header, ...items];
}
