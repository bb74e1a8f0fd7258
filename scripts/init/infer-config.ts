/**
 * The pipeline config init proposes, inferred from package.json and the files present: the manager
 * from the lockfile, each stage from the app's own scripts (a script that does not pass the stage's
 * config file under config/ gets a `ci:<stage>` twin that does), the package.json scripts the
 * generated workflows call, and the existing workflows kept as they are. Pure.
 */
import { PIPELINE_BIN } from "../../workflows-src/builders/pipeline-package";
import {
  DEPLOY_TOOLSET_SCRIPT,
  packageManagers,
  type PackageManager,
} from "../../workflows-src/builders/package-manager";
import type {
  PipelineConfigInput,
  StageName,
} from "../../workflows-src/builders/pipeline-config";
import { ALLOWED_DOWNLOADS } from "../workflows/policy/npm-scripts";
import { inferMutation } from "./mutation-stage";

export interface InferInput {
  readonly manager: PackageManager;
  readonly scripts: Readonly<Record<string, string>>;
  readonly exists: (file: string) => boolean;
  /** A file's text (undefined: missing); the Stryker config is read for the mutation stage. */
  readonly read?: (file: string) => string | undefined;
  /** Existing workflow file names that the generated set does not replace. */
  readonly workflows: readonly string[];
}

export interface Inferred {
  readonly config: PipelineConfigInput;
  /** Scripts to add to package.json (name → body); existing names are never overwritten. */
  readonly scripts: Readonly<Record<string, string>>;
  /** What init could not infer, one line each. */
  readonly notes: readonly string[];
}

/**
 * The scripts init adds, each through the pipeline's bin: those the generated workflows call, and
 * those an adopter runs by hand (setup, ci:local, the hook's). `deploy:toolset` is the exception:
 * it runs before anything is installed, so it is the lockfile install itself (no bin to call yet).
 */
export const PIPELINE_SCRIPTS = [
  "gen:workflows",
  "check:workflows",
  "audit:workflows",
  "lint:migrations",
  "deploy:toolset",
  "deploy:route",
  "deploy:migrate",
  "deploy:release",
  "deploy:rollback",
  "ci:installed-version",
  "node:releases",
  "setup",
  "hooks:pre-commit",
  "ci:local",
] as const;

interface StageRule {
  readonly stage: StageName;
  /** Script names tried in order. */
  readonly names: readonly string[];
  /** Without a script: the `ci:<stage>` twin init adds when `file` exists (tsc beside tsconfig.json). */
  readonly fallback?: { readonly file: string; readonly body: string };
  /** The tool whose config file may live under config/ (then the script must name it). */
  readonly tool?: {
    readonly bin: string;
    readonly configs: readonly string[];
    readonly command: string;
  };
}

const RULES: readonly StageRule[] = [
  { stage: "lint", names: ["lint"] },
  {
    stage: "format",
    names: ["format:check", "prettier:check", "check:format"],
  },
  {
    stage: "typecheck",
    names: ["typecheck", "type-check", "check:types", "tsc"],
    fallback: { file: "tsconfig.json", body: "tsc --noEmit" },
  },
  {
    stage: "arch",
    names: ["arch", "arch:validate", "depcruise", "lint:arch"],
  },
  {
    stage: "unit",
    // A script that runs once before `test`, which is often vitest's watch mode.
    names: ["test:unit", "test:run", "test"],
    tool: {
      bin: "vitest",
      configs: ["config/vitest.config.ts", "config/vitest.config.mts"],
      command: "vitest run --config",
    },
  },
  { stage: "integration", names: ["test:integration"] },
  { stage: "build", names: ["build:worker", "build:cf", "build:cloudflare"] },
  {
    stage: "e2e",
    names: ["test:e2e", "e2e"],
    tool: {
      bin: "playwright",
      configs: ["config/playwright.config.ts"],
      command: "playwright test --config",
    },
  },
];

/** Existing workflow files the generator writes itself (init refuses to overwrite them). */
export const GENERATED_WORKFLOWS = [
  "quality.yml",
  "mutation.yml",
  "deploy.yml",
  "rollback.yml",
  "maintenance.yml",
];

export function inferConfig(input: InferInput): Inferred {
  const notes: string[] = [];
  const scripts: Record<string, string> = {};
  const stages: Record<
    string,
    { script: string; config?: string; paths?: readonly string[] }
  > = {};
  for (const rule of RULES) {
    const name = rule.names.find((n) => input.scripts[n] !== undefined);
    const configFile = rule.tool?.configs.find(input.exists);
    if (rule.tool && configFile) {
      const body = name === undefined ? undefined : input.scripts[name];
      if (body !== undefined && body.includes(configFile)) {
        stages[rule.stage] = { script: name as string, config: configFile };
      } else {
        const twin = `ci:${rule.stage}`;
        scripts[twin] = `${rule.tool.command} ${configFile}`;
        stages[rule.stage] = { script: twin, config: configFile };
        notes.push(
          `stages.${rule.stage}: ${name ? `script "${name}" does not pass ${configFile}` : `no script runs ${rule.tool.bin}`} — added "${twin}": "${scripts[twin]}" to package.json; check it runs what your own script runs`,
        );
      }
      continue;
    }
    if (name !== undefined) {
      stages[rule.stage] = { script: name };
    } else if (rule.fallback && input.exists(rule.fallback.file)) {
      const twin = `ci:${rule.stage}`;
      scripts[twin] = rule.fallback.body;
      stages[rule.stage] = { script: twin };
      notes.push(
        `stages.${rule.stage}: no ${rule.names[0]} script — added "${twin}": "${rule.fallback.body}" to package.json (${rule.fallback.file} is there); check it checks what you expect`,
      );
    } else if (rule.stage === "build") {
      scripts["build:worker"] = "opennextjs-cloudflare build";
      stages["build"] = { script: "build:worker" };
      notes.push(
        'stages.build: no build:worker script — added "build:worker": "opennextjs-cloudflare build" (the artifact E2E tests and deploy ships)',
      );
    }
  }
  if (!stages["unit"] && !stages["integration"])
    notes.push(
      "stages.unit: no test:unit or test script found — add one and name it in stages.unit",
    );
  const mutation = inferMutation(
    input.scripts,
    input.read ?? (() => undefined),
  );
  if ("stage" in mutation) stages["mutation"] = { ...mutation.stage };
  notes.push(mutation.note);
  for (const name of PIPELINE_SCRIPTS)
    scripts[name] =
      name === DEPLOY_TOOLSET_SCRIPT
        ? packageManagers[input.manager].toolsetInstall
        : `${PIPELINE_BIN} ${name}`;
  if (stages["e2e"]) {
    for (const [name, allowed] of Object.entries(ALLOWED_DOWNLOADS))
      scripts[name] = allowed.command;
  }
  const keepWorkflows = input.workflows
    .filter((file) => !GENERATED_WORKFLOWS.includes(file))
    .map((file) => ({
      file,
      audit: false,
      reason:
        "hand-written before adoption: review it, then set audit: true or move it into workflows-src",
    }));
  for (const kept of keepWorkflows)
    notes.push(
      `keepWorkflows: ${kept.file} kept as it is and not audited — review it, then set audit: true`,
    );
  return {
    config: {
      packageManager: input.manager,
      stages: stages as PipelineConfigInput["stages"],
      ...(keepWorkflows.length > 0 ? { keepWorkflows } : {}),
    },
    scripts,
    notes,
  };
}
