/**
 * The GitHub half of `npm run setup`: the repository must exist and the token must work (checked
 * first, one line on failure), then branches → environments → secrets → rulesets, in that order
 * because secrets live in environments and rulesets name branches.
 */
import type { Environments } from "../../../workflows-src/environments";
import type { EnvVars } from "../../deploy/env-vars";
import type { SetupItem, SetupMode } from "../report";
import { runResources, type Resource } from "../resources";
import { branchResource } from "./branches";
import { codeownersResource } from "./codeowners";
import {
  SetupError,
  describeFailure,
  httpFailure,
  type GitHub,
  type Repository,
} from "./client";
import { desiredEnvironments } from "./desired";
import { environmentResource } from "./environment";
import { requiredCheckNames } from "./required-checks";
import { rulesetResource } from "./ruleset";
import { secretsResource, type AskSecret } from "./secrets";

export interface GitHubSetupOptions {
  readonly gh: GitHub;
  readonly repo: Repository;
  readonly environments: Environments;
  readonly mode: SetupMode;
  readonly env: EnvVars;
  readonly ask: AskSecret;
  readonly rotateSecrets?: boolean;
  readonly checks?: readonly string[];
  readonly onItem?: (item: SetupItem) => void;
  /** Absolute path of .github/CODEOWNERS (written from the reviewers). */
  readonly codeownersFile: string;
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

export async function setupGitHub(
  options: GitHubSetupOptions,
): Promise<SetupItem[]> {
  const { gh, repo } = options;
  const facts = await readRepository(gh, repo);
  const wanted = desiredEnvironments(options.environments);
  const checks = options.checks ?? requiredCheckNames();
  const resources: Resource[] = [
    ...wanted.map((env) =>
      branchResource(gh, repo, env.branch, facts.defaultBranch),
    ),
    ...wanted.map((env) => environmentResource(gh, repo, env)),
    ...wanted.map((env) =>
      secretsResource(gh, repo, env, {
        env: options.env,
        ask: options.ask,
        rotate: options.rotateSecrets ?? false,
      }),
    ),
    ...wanted.map((env) => rulesetResource(gh, repo, env.branch, checks)),
    codeownersResource(options.environments, options.codeownersFile),
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
