import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { CLI_MODULES } from "../../../packages/pipeline/cli-modules";
import { COMMANDS } from "../../../packages/pipeline/commands";
import { judgeRun } from "./npm-scripts";
import { pinMismatches, pinsOf } from "./pins";
import {
  cliModuleOf,
  PIPELINE_SOURCES,
  pipelineSourceFiles,
} from "./pipeline-sources";

const ROOT = path.resolve(import.meta.dirname, "../../..");
const readRepo = (file: string): string | undefined => {
  try {
    return readFileSync(path.join(ROOT, file), "utf8");
  } catch {
    return undefined;
  }
};

describe("typed-cicd <command> where the repository holds the pipeline's sources", () => {
  it("reads, for every runnable command, the module bin.ts imports for it", () => {
    const runnable = Object.entries(COMMANDS).filter(
      ([, command]) => !("refusal" in command),
    );
    expect(runnable.length).toBe(Object.keys(CLI_MODULES).length);
    // What each entry imports, as TypeScript's own parser reads cli-modules.ts.
    const source = ts.createSourceFile(
      PIPELINE_SOURCES.cliModules,
      readRepo(PIPELINE_SOURCES.cliModules) ?? "",
      ts.ScriptTarget.Latest,
    );
    const imports = new Map<string, string>();
    const visit = (node: ts.Node): void => {
      if (
        ts.isPropertyAssignment(node) &&
        ts.isArrowFunction(node.initializer) &&
        ts.isCallExpression(node.initializer.body) &&
        node.initializer.body.expression.kind === ts.SyntaxKind.ImportKeyword
      ) {
        const [spec] = node.initializer.body.arguments;
        if (spec !== undefined && ts.isStringLiteral(spec))
          imports.set(node.name.getText(source).replace(/"/g, ""), spec.text);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
    for (const [name] of runnable) {
      const spec = imports.get(name);
      expect(spec, name).toBeDefined();
      const expected = `${path.posix.join("packages/pipeline", spec ?? "")}.ts`;
      expect(cliModuleOf(name, readRepo), name).toEqual([expected]);
    }
  });

  it("pins the launcher, its preload, bin.ts and the one CLI the deploy command runs — no other command's CLI", () => {
    const files = pipelineSourceFiles("deploy:release", readRepo) ?? [];
    expect(files).toEqual([
      PIPELINE_SOURCES.launcher,
      PIPELINE_SOURCES.preload,
      PIPELINE_SOURCES.bin,
      PIPELINE_SOURCES.cliModules,
      "scripts/deploy/release-cli.ts",
    ]);
    const verdict = judgeRun(
      "npm run deploy:release",
      { "deploy:release": "typed-cicd deploy:release" },
      (file) => readRepo(file) !== undefined,
      "npm",
      readRepo,
    );
    expect(verdict.findings).toEqual([]);
    const pinned = Object.keys(pinsOf(verdict, readRepo).files);
    expect(pinned).toContain("scripts/deploy/release.ts");
    expect(pinned).toContain("packages/pipeline/commands.ts");
    expect(pinned).not.toContain("scripts/init/cli.ts");
    expect(pinned).not.toContain("scripts/setup/cli.ts");
  });

  it("pins every CLI module when the command's entry cannot be read back (more than runs, never less)", () => {
    const files = pipelineSourceFiles("no-such-command", readRepo) ?? [];
    expect(files).toContain("scripts/deploy/release-cli.ts");
    expect(files).toContain("scripts/init/cli.ts");
    expect(files.length).toBeGreaterThanOrEqual(
      4 + Object.keys(CLI_MODULES).length,
    );
    // An entry of another shape is not read as the command's: all modules again.
    const reshaped = (file: string) =>
      file === PIPELINE_SOURCES.cliModules
        ? (readRepo(file) ?? "").replace(
            '"deploy:release": () => import(',
            '"deploy:release": () => load(',
          )
        : readRepo(file);
    expect(cliModuleOf("deploy:release", reshaped)).toBeUndefined();
    expect(pipelineSourceFiles("deploy:release", reshaped)).toEqual(
      expect.arrayContaining([
        "scripts/init/cli.ts",
        "scripts/deploy/release-cli.ts",
      ]),
    );
  });

  it("reports bin.ts missing where the repository holds the launcher: the launcher would run dist/bin.js, a file nobody pinned", () => {
    const withoutBin = (file: string) =>
      file === PIPELINE_SOURCES.bin ? undefined : readRepo(file);
    const verdict = judgeRun(
      "npm run deploy:release",
      { "deploy:release": "typed-cicd deploy:release" },
      (file) => withoutBin(file) !== undefined,
      "npm",
      withoutBin,
    );
    expect(
      pinMismatches(verdict, {
        readFile: withoutBin,
        pins: pinsOf(verdict, readRepo),
      }),
    ).toContain("file packages/pipeline/bin.ts (missing)");
  });

  it("pins the app's open-next.config.ts (and what it imports) for deploy:release, whose cache fill runs its compile — in an adopter's repository too", () => {
    const adopter = (file: string) =>
      ({
        "package.json": "{}",
        "open-next.config.ts":
          'import { tags } from "./src/lib/cache-tags";\nexport default {};\n',
        "src/lib/cache-tags.ts": "export const tags = [];\n",
      })[file];
    const run = (script: string) =>
      judgeRun(
        `npm run ${script}`,
        { [script]: `typed-cicd ${script}` },
        (file) => adopter(file) !== undefined,
        "npm",
        adopter,
      );
    expect(run("deploy:release").files).toEqual(["open-next.config.ts"]);
    expect(Object.keys(pinsOf(run("deploy:release"), adopter).files)).toEqual([
      "open-next.config.ts",
      "package.json",
      "src/lib/cache-tags.ts",
    ]);
    expect(run("deploy:migrate").files).toEqual([]);
  });

  it("leaves an adopter's typed-cicd to the lockfile (no pipeline sources in the repository)", () => {
    const adopter = (file: string) =>
      file === "package.json" ? "{}" : undefined;
    expect(pipelineSourceFiles("deploy:release", adopter)).toBeUndefined();
    const verdict = judgeRun(
      "npm run deploy:release",
      { "deploy:release": "typed-cicd deploy:release" },
      () => false,
      "npm",
      adopter,
    );
    expect(verdict).toMatchObject({ findings: [], files: [] });
  });
});
