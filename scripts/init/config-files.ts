/**
 * The two files init writes into the adopter's workflows-src/: pipeline.config.ts (from the
 * inferred config) and environments.ts (staging and production from the wrangler config's Worker
 * and D1 database). Rendered as TypeScript the adopter owns and edits; Prettier formats them. Pure.
 */
import type { Environments } from "../../workflows-src/environments";
import type { PipelineConfigInput } from "../../workflows-src/builders/pipeline-config";
import { PIPELINE_PACKAGE } from "../../workflows-src/builders/pipeline-package";
import type { WranglerConfig } from "./read-repository";

export const ENVIRONMENTS_FILE = "workflows-src/environments.ts";

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

export interface EnvironmentsInput {
  readonly workerName: string;
  readonly d1:
    { readonly binding: string; readonly databaseName: string } | undefined;
}

/** The Worker each environment deploys: wrangler's own default for `--env <name>`. */
export function workerName(base: string, env: string): string {
  return `${base}-${env}`;
}

export function environmentsInput(wrangler: WranglerConfig): EnvironmentsInput {
  const d1 = wrangler.d1_databases?.[0];
  return {
    workerName: wrangler.name ?? "app",
    d1:
      d1 &&
      typeof d1["binding"] === "string" &&
      typeof d1["database_name"] === "string"
        ? { binding: d1["binding"], databaseName: d1["database_name"] }
        : undefined,
  };
}

/** The environments as data (what environments.ts parses), for generating before it exists. */
export function inferEnvironments(input: EnvironmentsInput): Environments {
  const one = (name: keyof typeof ENVIRONMENT_BRANCHES) => ({
    name,
    branch: ENVIRONMENT_BRANCHES[name],
    url: `https://${workerName(input.workerName, name)}.${SUBDOMAIN_PLACEHOLDER}.workers.dev`,
    wranglerEnv: name,
    d1Binding: "DB" as const,
    d1DatabaseName: `${input.d1?.databaseName ?? input.workerName}-${name}`,
    reviewers: name === "production" ? [REVIEWER_PLACEHOLDER] : [],
    preventSelfReview: false,
    secrets: ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"],
  });
  return { staging: one("staging"), production: one("production") };
}

export function renderEnvironments(environments: Environments): string {
  return `/**
 * Where each branch deploys: branch, URL, wrangler env, D1 database, approvers, secrets. Written by
 * \`init\`: set the workers.dev subdomain (or your domain) in the URLs and real GitHub logins as
 * production reviewers, then run the setup script to create them on GitHub and Cloudflare.
 */
import { parseEnvironments } from "${PIPELINE_PACKAGE}";

export const environments = parseEnvironments(${JSON.stringify(environments, null, 2)});
`;
}
