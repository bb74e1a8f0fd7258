import { describe, expect, it } from "vitest";
import guestbook from "../pipeline.config";
import {
  checkAgainstRepository,
  parsePipelineConfig,
  type PipelineConfigInput,
  type RepositoryFacts,
} from "./pipeline-config";

const minimal: PipelineConfigInput = {
  packageManager: "pnpm",
  stages: { build: { script: "build:worker" } },
};

function errorOf(raw: unknown): string {
  try {
    parsePipelineConfig(raw);
  } catch (error) {
    return (error as Error).message;
  }
  return "";
}

describe("parsePipelineConfig", () => {
  it("accepts a config with only the build stage; keepWorkflows defaults to none", () => {
    expect(parsePipelineConfig(minimal).keepWorkflows).toEqual([]);
  });

  it.each([
    [
      { ...minimal, packageManager: "yarn" },
      'workflows-src/pipeline.config.ts: packageManager: Unsupported package manager ("yarn") — use one of npm, pnpm (yarn is not supported yet)',
    ],
    [
      { ...minimal, stages: { build: { script: "build && deploy" } } },
      'workflows-src/pipeline.config.ts: stages.build.script: Invalid script name ("build && deploy") — name a package.json script (letters, digits, : . _ -), e.g. test:unit',
    ],
    [
      { packageManager: "npm", stages: {} },
      "workflows-src/pipeline.config.ts: stages.build: Missing — name the script that builds the Worker into .open-next (e.g. build:worker: opennextjs-cloudflare build) — the deploy ships its artifact",
    ],
    [
      {
        ...minimal,
        stages: { ...minimal.stages, unit: { script: "t", parts: 1 } },
      },
      "workflows-src/pipeline.config.ts: stages.unit.parts: Invalid parts (1) — use a whole number from 2 to 20, or leave it out for one job",
    ],
    [
      { ...minimal, stages: { ...minimal.stages, tests: { script: "t" } } },
      "workflows-src/pipeline.config.ts: stages.tests: Unknown field — use the stages lint, format, typecheck, arch, unit, integration, build, e2e, mutation, each { script, config? }",
    ],
    [
      {
        ...minimal,
        stages: { ...minimal.stages, unit: { script: "t", config: "../x.ts" } },
      },
      'workflows-src/pipeline.config.ts: stages.unit.config: Invalid path ("../x.ts") — use a repository-relative path such as config/vitest.config.ts',
    ],
    [
      {
        ...minimal,
        keepWorkflows: [
          { file: "ci.yml", audit: false, reason: "legacy" },
          { file: "ci.yml", audit: true, reason: "again" },
        ],
      },
      'workflows-src/pipeline.config.ts: keepWorkflows.1.file: Listed twice ("ci.yml") — use the file name under .github/workflows/, e.g. ci.yml, once',
    ],
  ])(
    "refuses a bad field in one line naming it and the fix (%#)",
    (raw, line) => {
      expect(errorOf(raw)).toBe(line);
    },
  );
});

describe("checkAgainstRepository", () => {
  const repo = (over: Partial<RepositoryFacts> = {}): RepositoryFacts => ({
    scripts: {
      "build:worker": "opennextjs-cloudflare build",
      "test:unit": "vitest run",
    },
    packageManagerField: "pnpm@9.15.0",
    exists: (file) =>
      ["pnpm-lock.yaml", "config/vitest.config.ts"].includes(file),
    ...over,
  });
  const config = parsePipelineConfig({
    ...minimal,
    stages: {
      ...minimal.stages,
      unit: { script: "test:unit", config: "config/vitest.config.ts" },
    },
  });

  it("names a script that does not pass its config file (the tool would read its default)", () => {
    expect(checkAgainstRepository(config, repo())).toEqual([
      'workflows-src/pipeline.config.ts: stages.unit.config: script "test:unit" ("vitest run") does not name config/vitest.config.ts, so the tool reads its default config — pass it in the script (e.g. --config config/vitest.config.ts)',
    ]);
  });

  it("names a missing script, a manager package.json disagrees with, and a missing lockfile", () => {
    expect(
      checkAgainstRepository(
        parsePipelineConfig(minimal),
        repo({
          scripts: {},
          packageManagerField: "npm@11.0.0",
          exists: () => false,
        }),
      ),
    ).toEqual([
      'workflows-src/pipeline.config.ts: stages.build.script: package.json has no script "build:worker" — add it to package.json or name an existing one',
      'workflows-src/pipeline.config.ts: packageManager: "pnpm" but package.json says "npm@11.0.0" — use "npm" here or change package.json',
      'workflows-src/pipeline.config.ts: packageManager: "pnpm" but there is no pnpm-lock.yaml — commit the lockfile (CI installs exactly it) or name the manager whose lockfile you have',
    ]);
  });

  it("asks for package.json's packageManager when pnpm is configured (corepack installs that version)", () => {
    expect(
      checkAgainstRepository(
        parsePipelineConfig(minimal),
        repo({ packageManagerField: undefined }),
      ),
    ).toEqual([
      'workflows-src/pipeline.config.ts: packageManager: "pnpm" but package.json has no "packageManager" field — add "packageManager": "pnpm@<version>" (corepack installs exactly that version in CI)',
    ]);
  });

  it("finds this repository's own config consistent with its package.json", async () => {
    const { readFileSync, existsSync } = await import("node:fs");
    const root = new URL("../../", import.meta.url);
    const pkg = JSON.parse(
      readFileSync(new URL("package.json", root), "utf8"),
    ) as { scripts: Record<string, string>; packageManager?: string };
    expect(
      checkAgainstRepository(guestbook, {
        scripts: pkg.scripts,
        packageManagerField: pkg.packageManager,
        exists: (file) => existsSync(new URL(file, root)),
      }),
    ).toEqual([]);
  });
});
