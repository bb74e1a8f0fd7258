/**
 * The one place where deployment environments are defined: which branch deploys where, under which
 * wrangler env, against which D1 database, with which secrets and who approves first.
 * Workflows, scripts and `npm run setup` (which makes GitHub and Cloudflare match) read these
 * values; nothing else repeats them.
 */
import { WORKERS_DEV_SUBDOMAIN } from "./cloudflare-account";
import {
  D1_BINDING,
  parseEnvironments,
  parsePreviewEnvironment,
  workersDevUrl,
  type Environment,
  type EnvironmentName,
  type Environments,
  type PreviewEnvironment,
} from "@typed-cicd/pipeline";

const SOURCE = "environments.ts";

const SECRETS = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"];

/**
 * Who approves production deploys and rollbacks. Replace these placeholders with real logins (or
 * "org/team" slugs): `npm run setup -- --apply` refuses them. They also become the code owners
 * (.github/CODEOWNERS), which needs write access to the repository; approving a deployment needs
 * read access. With preventSelfReview, whoever dispatches cannot approve: list at least two people.
 * A repository with one maintainer: one login, preventSelfReview: false, review: "single-maintainer".
 */
const PRODUCTION_REVIEWERS = [
  "replace-me-first-approver",
  "replace-me-second-approver",
];

// Worker names come from wrangler.jsonc (environments.test.ts checks they agree).
export const environments: Environments = parseEnvironments({
  staging: {
    name: "staging",
    branch: "develop",
    url: workersDevUrl("typed-cicd-next-d1-staging", WORKERS_DEV_SUBDOMAIN),
    wranglerEnv: "staging",
    d1Binding: D1_BINDING,
    d1DatabaseName: "typed-cicd-staging",
    reviewers: [],
    preventSelfReview: false,
    secrets: SECRETS,
  },
  production: {
    name: "production",
    branch: "main",
    url: workersDevUrl("typed-cicd-next-d1-production", WORKERS_DEV_SUBDOMAIN),
    wranglerEnv: "production",
    d1Binding: D1_BINDING,
    d1DatabaseName: "typed-cicd-production",
    reviewers: PRODUCTION_REVIEWERS,
    preventSelfReview: true,
    secrets: SECRETS,
  },
} satisfies Record<EnvironmentName, Environment>);

export const environmentNames = Object.keys(environments) as EnvironmentName[];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environmentNames as string[]).includes(value);
}

/** Throws a fixable one-liner for unknown names (CLI flags, dispatch inputs). */
export function getEnvironment(name: string): Environment {
  if (!isEnvironmentName(name)) {
    throw new Error(
      `${SOURCE}: unknown environment "${name}" — use one of ${environmentNames.join(", ")}`,
    );
  }
  return environments[name];
}

export function environmentForBranch(branch: string): Environment | undefined {
  return Object.values(environments).find((env) => env.branch === branch);
}

export const preview: PreviewEnvironment = parsePreviewEnvironment(
  {
    name: "preview",
    workerName: "typed-cicd-next-d1-preview",
    d1Binding: D1_BINDING,
    d1DatabasePrefix: "typed-cicd-pr-",
    aliasPrefix: "pr-",
    seedFile: "drizzle/seed/preview.sql",
    vars: { APP_ENV: "preview" },
    secrets: SECRETS,
  },
  environments,
);
