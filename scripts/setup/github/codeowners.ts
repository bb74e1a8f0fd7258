/**
 * .github/CODEOWNERS, written from the reviewers in environments.ts: the deploy-branch rulesets
 * require a code owner's review, which means nothing without this file. The people who approve
 * deploys own the code that reaches them; the pipeline itself (the checker, the catalog, the
 * generated YAML, the scripts every step runs) is owned by production's reviewers alone, because a
 * pull request is judged by those checks as they are in that pull request
 * (docs/deployment/workflow-policy.md). Local file: committed with the first pull request, like
 * wrangler.jsonc's database ids.
 */
import { existsSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Environments } from "../../../workflows-src/builders/environment-model";
import {
  packageManagers,
  type PackageManager,
} from "../../../workflows-src/builders/package-manager";
import { scriptHint } from "../../cli/package-script";
import { PIPELINE_SOURCES } from "../../workflows/policy/pipeline-sources";
import { OPENNEXT_CONFIG } from "../../deploy/incremental-cache";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";

export const CODEOWNERS_FILE = ".github/CODEOWNERS";

/**
 * Paths a change to which could weaken the checks it is judged by: the workflows and their source,
 * package.json and the lockfile, and the files that change what the install and every `run` step
 * execute (an .npmrc's script-shell; pnpm's .pnpmfile.cjs hooks), tsconfig.json and any committed
 * node_modules folder (both decide which file an import loads). In the repository that holds the
 * pipeline's sources, those sources too: the checker imports them from scripts/ and packages/
 * (a pull request could otherwise blind check:workflows with a staging reviewer's approval), and
 * the deploy jobs install tools/deploy's lockfile.
 */
export function pipelinePaths(
  manager: PackageManager,
  holdsSources = false,
): readonly string[] {
  const facts = packageManagers[manager];
  return [
    "/workflows-src/",
    ...(holdsSources
      ? ["/scripts/", "/packages/", "/tools/deploy/"]
      : ["/scripts/workflows/"]),
    // tsx reads it in every process that loads TypeScript (its `paths` can send an import of zod
    // to any file), the check's own included.
    "/tsconfig.json",
    // Node loads a package from any node_modules above a module before the installed one.
    "node_modules/",
    // What wrangler and OpenNext read in the deploy jobs, which hold the token: the wrangler config
    // (a `build.command` runs on upload; an env's `vars` reach OpenNext's process), the .env files
    // both load into their environment, OpenNext's config (the release's cache fill runs it), and
    // the lockfiles OpenNext picks its package runner by.
    "/wrangler.jsonc",
    "/wrangler.json",
    "/wrangler.toml",
    // wrangler follows .wrangler/deploy/config.json to another config when no --config is given.
    "/.wrangler/",
    `/${OPENNEXT_CONFIG}`,
    "/.env*",
    "/.dev.vars*",
    "/bun.lock",
    "/bun.lockb",
    "/.github/",
    "/package.json",
    `/${facts.lockfile}`,
    "/.nvmrc",
    ...facts.installConfig.map((file) => `/${file}`),
  ];
}

const mention = (reviewer: string) => `@${reviewer}`;

export function codeownersText(
  envs: Environments,
  manager: PackageManager,
  holdsSources = false,
): string | undefined {
  const paths = pipelinePaths(manager, holdsSources);
  const owners = [
    ...new Set(Object.values(envs).flatMap((env) => env.reviewers)),
  ].map(mention);
  // environments.ts refuses a production without reviewers, so this is never empty in practice.
  const pipelineOwners = envs.production.reviewers.map(mention);
  if (owners.length === 0) return undefined;
  const width = Math.max(...paths.map((path) => path.length)) + 1;
  const pipeline =
    pipelineOwners.length === 0
      ? ""
      : `
# The pipeline and the checks that judge it: production's reviewers only (the last match wins).
${paths.map((path) => `${path.padEnd(width)}${pipelineOwners.join(" ")}`).join("\n")}
`;
  return `# Written by \`${scriptHint(manager, "setup", ["--apply"])}\` from the reviewers in workflows-src/environments.ts — edit
# those and re-run; \`${scriptHint(manager, "setup", ["--check"])}\` reports a hand edit. The deploy-branch rulesets
# require a review from a code owner, so without review no pull request can weaken the checks it
# is judged by (docs/deployment/workflow-policy.md).
* ${owners.join(" ")}
${pipeline}`;
}

/** One line for the report: who owns everything, and who owns the pipeline paths. */
function ownersSummary(text: string): string {
  const lines = text.split("\n");
  const all = lines.find((line) => line.startsWith("* ")) ?? "";
  const first = "/workflows-src/";
  const pipeline = lines.find((line) => line.startsWith(first));
  const pipelineOwners = pipeline?.slice(first.length).trim();
  return pipelineOwners === undefined
    ? all
    : `${all}; pipeline paths ${pipelineOwners}`;
}

export function codeownersResource(
  envs: Environments,
  manager: PackageManager,
  file: string,
): Resource {
  const name = CODEOWNERS_FILE;
  const root = dirname(dirname(file));
  const holdsSources = existsSync(join(root, PIPELINE_SOURCES.launcher));
  return {
    name,
    inspect: async () => {
      const want = codeownersText(envs, manager, holdsSources);
      if (want === undefined) {
        return { state: "ok", detail: "no reviewers listed: no code owners" };
      }
      let have: string | undefined;
      try {
        have = readFileSync(file, "utf8");
      } catch {
        have = undefined;
      }
      if (have === want) return { state: "ok", detail: ownersSummary(want) };
      return {
        state: have === undefined ? "missing" : "differs",
        detail: `would write ${ownersSummary(want)} — commit it with the first pull request`,
        apply: async (): Promise<SetupItem> => {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, want);
          return {
            resource: name,
            state: have === undefined ? "created" : "updated",
            detail: `${ownersSummary(want)} — commit it`,
          };
        },
      };
    },
  };
}
