/**
 * The two files init writes into the adopter's workflows-src/: pipeline.config.ts (from the
 * inferred config) and environments.ts (staging and production from their wrangler env blocks:
 * Worker, D1 database, bindings; the health check). Rendered as TypeScript the adopter owns and edits; Prettier formats them. Pure.
 */
import type {
  Environments,
  HealthCheck,
} from "../../workflows-src/builders/environment-model";
import type { PipelineConfigInput } from "../../workflows-src/builders/pipeline-config";
import { PIPELINE_PACKAGE } from "../../workflows-src/builders/pipeline-package";
import { SUBDOMAIN_CONSTANT } from "../setup/cloudflare/subdomain";
import { blockFacts } from "./environment-bindings";
import type { WranglerConfig } from "./read-repository";
import { effectiveBlock, workerName } from "./wrangler-environments";

/** Owned by load-environments.ts (the deploy CLIs load the file without init's renderers). */
export { ENVIRONMENTS_FILE } from "./load-environments";

/** Until `setup` (or you) sets the account's workers.dev subdomain or a custom domain. */
export const SUBDOMAIN_PLACEHOLDER = "your-subdomain";

export const REVIEWER_PLACEHOLDER = "release-approver";

const ENVIRONMENT_BRANCHES = {
  staging: "develop",
  production: "main",
} as const;

export function renderPipelineConfig(config: PipelineConfigInput): string {
  return `/**
 * This repository's pipeline: the package manager, the package.json script of each quality stage
 * (leave a stage out and it has no job) and the workflows that stay hand-written. Written by
 * \`init\`; edit it, then run the gen:workflows script and review the YAML diff.
 */
import { definePipelineConfig } from "${PIPELINE_PACKAGE}";

export default definePipelineConfig(${JSON.stringify(config, null, 2)});
`;
}

/** Where a Next.js app would serve the pipeline's JSON health route (src/health's contract). */
export const HEALTH_ROUTES = [
  "src/app/api/health/route.ts",
  "app/api/health/route.ts",
] as const;

/**
 * Without the pipeline's JSON health route, the release proves a version by smoke: GET / with
 * redirects followed (a locale middleware's `/` → `/fr/`) must end at 200.
 */
export const SMOKE_HEALTH = {
  kind: "smoke",
  checks: [{ path: "/", status: 200 }],
} as const satisfies HealthCheck;

/**
 * The environments as data (what environments.ts parses), for generating before it exists: each
 * one's Worker, D1 database and bindings read from its wrangler env block as init leaves it.
 */
export function inferEnvironments(
  wrangler: WranglerConfig,
  health: HealthCheck | undefined,
): Environments {
  const base = wrangler.name ?? "app";
  const one = (name: keyof typeof ENVIRONMENT_BRANCHES) => {
    const facts = blockFacts(effectiveBlock(wrangler, name));
    const worker = facts.workerName ?? workerName(base, name);
    return {
      name,
      branch: ENVIRONMENT_BRANCHES[name],
      url: `https://${worker}.${SUBDOMAIN_PLACEHOLDER}.workers.dev`,
      wranglerEnv: name,
      d1Binding: "DB" as const,
      d1DatabaseName: facts.d1DatabaseName ?? `${base}-${name}`,
      reviewers: name === "production" ? [REVIEWER_PLACEHOLDER] : [],
      preventSelfReview: false,
      secrets: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"],
      workerName: worker,
      ...(Object.keys(facts.bindings).length > 0
        ? { bindings: facts.bindings }
        : {}),
      ...(health ? { health } : {}),
    };
  };
  return { staging: one("staging"), production: one("production") };
}

/** The placeholder URL init writes, whose subdomain the account file (setup writes it) fills in. */
const PLACEHOLDER_URL = new RegExp(
  `"https://([a-z0-9-]+)\\.${SUBDOMAIN_PLACEHOLDER}\\.workers\\.dev"`,
  "g",
);

export function renderEnvironments(environments: Environments): string {
  // The URLs follow the account's subdomain from cloudflare-account.ts, so setup's write of that
  // one file corrects every URL; a URL someone changed to their own domain is plain text.
  const data = JSON.stringify(environments, null, 2).replace(
    PLACEHOLDER_URL,
    (_, worker: string) =>
      `\`https://${worker}.\${${SUBDOMAIN_CONSTANT}}.workers.dev\``,
  );
  return `/**
 * Where each branch deploys: branch, URL, wrangler env, Worker, D1 database, bindings (the same
 * as the wrangler env blocks), health check, approvers, secrets. Written by \`init\`: the URLs
 * follow the account's workers.dev subdomain (./cloudflare-account.ts, which setup --apply writes;
 * or put your domain here); set real GitHub logins as production reviewers, then run setup to
 * create them on GitHub and Cloudflare.
 */
import { parseEnvironments } from "${PIPELINE_PACKAGE}";

import { ${SUBDOMAIN_CONSTANT} } from "./cloudflare-account";

export const environments = parseEnvironments(${data});
`;
}
