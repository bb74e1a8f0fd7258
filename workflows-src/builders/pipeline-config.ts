/**
 * The one file an adopting repository writes about its pipeline: workflows-src/pipeline.config.ts,
 * `export default definePipelineConfig({ … })`. It names the package manager (install, cache key,
 * run form, the policy's allow-list), the app's package.json script for each quality stage (an
 * omitted stage has no job) and the workflows under .github/workflows/ that stay hand-written.
 * Environments stay in environments.ts. zod only: the checking process may load this module.
 * @see docs/deployment/adopt.md
 */
import { z } from "zod";
import {
  PACKAGE_MANAGERS,
  packageManagers,
  type PackageManager,
} from "./package-manager";

export const PIPELINE_CONFIG_FILE = "workflows-src/pipeline.config.ts";

/** A package.json script name as `npm run <name>` accepts it (and the policy allows). */
const SCRIPT_NAME = /^[A-Za-z0-9][A-Za-z0-9:._-]*$/;

const script = z.string().regex(SCRIPT_NAME, { error: "Invalid script name" });

/** A repository-relative file: no leading slash, no `..`. */
const repoPath = z
  .string()
  .regex(/^(?!\/)(?!.*(?:^|\/)\.\.(?:\/|$))[^\s]+$/, { error: "Invalid path" });

const stage = z
  .object({
    /** The package.json script the job runs (`<manager> run <script>`, no arguments). */
    script,
    /**
     * The tool's config file when it is not the tool's default (e.g. config/vitest.config.ts): it
     * must exist and the script must name it, or the tool silently reads another configuration.
     */
    config: repoPath.optional(),
  })
  .strict();

/** Stage names in the order their steps and jobs appear. */
export const STAGES = [
  "lint",
  "format",
  "typecheck",
  "arch",
  "unit",
  "integration",
  "build",
  "e2e",
  "mutation",
] as const;
export type StageName = (typeof STAGES)[number];

const stagesSchema = z
  .object({
    lint: stage.optional(),
    format: stage.optional(),
    typecheck: stage.optional(),
    arch: stage.optional(),
    /** `parts`: N parallel jobs, each given UNIT_SHARD="i/N" (the script splits the suite). */
    unit: stage
      .extend({
        parts: z
          .int({ error: "Invalid parts" })
          .min(2, { error: "Invalid parts" })
          .max(20, { error: "Invalid parts" })
          .optional(),
      })
      .strict()
      .optional(),
    integration: stage.optional(),
    /**
     * Builds the Worker into .open-next, uploaded once: E2E tests it and the deploy ships it, so
     * it is the one stage every pipeline has.
     */
    build: stage,
    /** Runs against the build artifact; needs build. */
    e2e: stage.optional(),
    mutation: stage
      .extend({
        /** Files whose change runs mutation on a pull request (and on deploy-branch pushes). */
        paths: z.array(repoPath).min(1, { error: "No paths listed" }),
        /**
         * Pull requests run `pullRequest` against the base branch's recorded results, pushes run
         * `record`; without it every run is `script`.
         */
        incremental: z
          .object({ pullRequest: script, record: script })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

const keptWorkflow = z
  .object({
    /** A file name under .github/workflows/ that the generator never writes or deletes. */
    file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*\.ya?ml$/, {
      error: "Invalid workflow file name",
    }),
    /** true: the policy audits it like a generated one; false: actionlint only (say why). */
    audit: z.boolean({ error: "Invalid audit flag" }),
    reason: z.string().min(1, { error: "No reason given" }),
  })
  .strict();

export const pipelineConfigSchema = z
  .object({
    packageManager: z.enum(PACKAGE_MANAGERS, {
      error: "Unsupported package manager",
    }),
    stages: stagesSchema,
    keepWorkflows: z.array(keptWorkflow).default([]),
    /**
     * The weekly maintenance job also checks the action catalog's pins (`pins:check`): only in the
     * repository that keeps the catalog, the pipeline's own. An adopter's pins are the package's
     * and move when it updates the package, so its job checks the Node.js line of .nvmrc alone.
     */
    maintainsActionCatalog: z
      .boolean({ error: "Invalid maintainsActionCatalog" })
      .default(false),
  })
  .strict()
  .superRefine((config, ctx) => {
    const files = config.keepWorkflows.map((k) => k.file);
    files.forEach((file, index) => {
      if (files.indexOf(file) !== index) {
        ctx.addIssue({
          code: "custom",
          path: ["keepWorkflows", index, "file"],
          message: "Listed twice",
          input: file,
        });
      }
    });
  });

export type PipelineConfigInput = z.input<typeof pipelineConfigSchema>;
export type PipelineConfig = z.output<typeof pipelineConfigSchema>;
export type KeptWorkflow = PipelineConfig["keepWorkflows"][number];
export type Stages = PipelineConfig["stages"];

const HINTS: Record<string, string> = {
  packageManager: `use one of ${PACKAGE_MANAGERS.join(", ")} (yarn is not supported yet)`,
  script:
    "name a package.json script (letters, digits, : . _ -), e.g. test:unit",
  pullRequest: "name a package.json script, e.g. test:mutation:incremental",
  record: "name a package.json script, e.g. test:mutation:record",
  config: "use a repository-relative path such as config/vitest.config.ts",
  parts: "use a whole number from 2 to 20, or leave it out for one job",
  paths: "list the files (globs) whose change should run mutation tests",
  build:
    "name the script that builds the Worker into .open-next (e.g. build:worker: opennextjs-cloudflare build) — the deploy ships its artifact",
  file: "use the file name under .github/workflows/, e.g. ci.yml, once",
  audit:
    "use true (the policy judges it) or false (actionlint only: say why in reason)",
  reason: "say why the workflow stays hand-written",
  keepWorkflows: "list { file, audit, reason } entries, or leave it out",
  maintainsActionCatalog:
    "use true only in the pipeline's own repository (it checks the action pins weekly), or leave it out",
};

function hintFor(path: readonly PropertyKey[]): string {
  const field = [...path]
    .reverse()
    .find((p) => typeof p === "string" && p in HINTS);
  if (typeof field === "string") return HINTS[field] ?? "";
  const at = path.map(String).join(".");
  if (at.startsWith("stages"))
    return `use the stages ${STAGES.join(", ")}, each { script, config? }`;
  return "use packageManager, stages, keepWorkflows and maintainsActionCatalog only";
}

function describeInput(input: unknown): string {
  const json = JSON.stringify(input) ?? String(input);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** Validates a raw config; throws one line per problem: file, field, what, how to fix. */
export function parsePipelineConfig(
  raw: unknown,
  source: string = PIPELINE_CONFIG_FILE,
): PipelineConfig {
  const result = pipelineConfigSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const where = issue.path.map(String).join(".") || "(root)";
    const input = "input" in issue ? issue.input : undefined;
    if (issue.code === "invalid_type" && input === undefined) {
      return `${source}: ${where}: Missing — ${hintFor(issue.path)}`;
    }
    if (issue.code === "unrecognized_keys") {
      const keys = issue.keys.join(", ");
      return `${source}: ${where === "(root)" ? keys : `${where}.${keys}`}: Unknown field — ${hintFor(issue.path)}`;
    }
    return `${source}: ${where}: ${issue.message} (${describeInput(input)}) — ${hintFor(issue.path)}`;
  });
  throw new Error(lines.join("\n"));
}

/** What an adopter writes: checked when the file is loaded, so a bad field fails gen at once. */
export function definePipelineConfig(raw: PipelineConfigInput): PipelineConfig {
  return parsePipelineConfig(raw);
}

/** The facts of a checkout the config is checked against (package.json, files). */
export interface RepositoryFacts {
  readonly scripts: Readonly<Record<string, string>>;
  /** package.json `packageManager` ("pnpm@9.15.0"), when present. */
  readonly packageManagerField: string | undefined;
  readonly exists: (file: string) => boolean;
}

/** Every script a stage names, with the field that names it. */
function stageScripts(stages: Stages): { field: string; script: string }[] {
  const found: { field: string; script: string }[] = [];
  for (const name of STAGES) {
    const entry = stages[name];
    if (!entry) continue;
    found.push({ field: `stages.${name}.script`, script: entry.script });
    if (name === "mutation" && stages.mutation?.incremental) {
      const { pullRequest, record } = stages.mutation.incremental;
      found.push({
        field: "stages.mutation.incremental.pullRequest",
        script: pullRequest,
      });
      found.push({
        field: "stages.mutation.incremental.record",
        script: record,
      });
    }
  }
  return found;
}

/**
 * The config against the repository: each stage's script exists, each config file exists and its
 * script names it, and the package manager is the one package.json and the lockfile say.
 * Returns one line per problem (empty: consistent).
 */
export function checkAgainstRepository(
  config: PipelineConfig,
  repo: RepositoryFacts,
  source: string = PIPELINE_CONFIG_FILE,
): string[] {
  const problems: string[] = [];
  for (const { field, script: name } of stageScripts(config.stages)) {
    if (repo.scripts[name] === undefined) {
      problems.push(
        `${source}: ${field}: package.json has no script "${name}" — add it to package.json or name an existing one`,
      );
    }
  }
  for (const name of STAGES) {
    const entry = config.stages[name];
    if (!entry?.config) continue;
    if (!repo.exists(entry.config)) {
      problems.push(
        `${source}: stages.${name}.config: ${entry.config} does not exist — fix the path or leave config out`,
      );
      continue;
    }
    const body = repo.scripts[entry.script];
    if (body !== undefined && !body.includes(entry.config)) {
      problems.push(
        `${source}: stages.${name}.config: script "${entry.script}" (${JSON.stringify(body)}) does not name ${entry.config}, so the tool reads its default config — pass it in the script (e.g. --config ${entry.config})`,
      );
    }
  }
  const declared = repo.packageManagerField?.split("@")[0];
  const manager: PackageManager = config.packageManager;
  if (declared !== undefined && declared !== manager) {
    problems.push(
      `${source}: packageManager: "${manager}" but package.json says "${repo.packageManagerField}" — use "${declared}" here or change package.json`,
    );
  } else if (declared === undefined && manager !== "npm") {
    problems.push(
      `${source}: packageManager: "${manager}" but package.json has no "packageManager" field — add "packageManager": "${manager}@<version>" (corepack installs exactly that version in CI)`,
    );
  }
  const lockfile = packageManagers[manager].lockfile;
  if (!repo.exists(lockfile)) {
    problems.push(
      `${source}: packageManager: "${manager}" but there is no ${lockfile} — commit the lockfile (CI installs exactly it) or name the manager whose lockfile you have`,
    );
  }
  return problems;
}
