import { describe, expect, it } from "vitest";
import { importClosure } from "./pins";

const repo = (files: Record<string, string>) => (file: string) => files[file];

describe("importClosure: what an environment job's script executes", () => {
  it("follows relative imports, and a tsconfig.json alias into the repository — pinning tsconfig.json, which decides where it leads", () => {
    const files = {
      "scripts/deploy/cli.ts":
        'import { x } from "./lib";\nimport { z } from "zod";\nimport { environments } from "../../workflows-src/environments";\n',
      "scripts/deploy/lib.ts": "export const x = 1;\n",
      "workflows-src/environments.ts":
        'import { parseEnvironments } from "@typed-cicd/pipeline";\n',
      "workflows-src/builders/index.ts":
        'export { parseEnvironments } from "./environment-model";\n',
      "workflows-src/builders/environment-model.ts": "export {};\n",
      "workflows-src/builders/unused.ts": "export {};\n",
      "tsconfig.json": JSON.stringify({
        compilerOptions: {
          paths: {
            "@/*": ["./src/*"],
            "@typed-cicd/pipeline": ["./workflows-src/builders/index.ts"],
          },
        },
      }),
    };
    expect(importClosure(["scripts/deploy/cli.ts"], repo(files))).toEqual([
      "scripts/deploy/cli.ts",
      "scripts/deploy/lib.ts",
      "tsconfig.json",
      "workflows-src/builders/environment-model.ts",
      "workflows-src/builders/index.ts",
      "workflows-src/environments.ts",
    ]);
  });

  it("treats a bare specifier tsconfig.json does not map as a package (the lockfile pins it)", () => {
    const files = {
      "a.ts": 'import "@typed-cicd/pipeline";\nimport "zod";\n',
      "tsconfig.json": "{}",
    };
    expect(importClosure(["a.ts"], repo(files))).toEqual(["a.ts"]);
  });
});

describe("importClosure: what is left out, and why it is safe", () => {
  it("does not follow `import type` / `export type` (erased before the file runs), but follows a value import of the same module", () => {
    const files = {
      "a.ts":
        'import type { T } from "./types";\nexport type { U } from "./more-types";\nimport { v } from "./value";\n',
      "types.ts": "export type T = 1;\n",
      "more-types.ts": "export type U = 1;\n",
      "value.ts": 'import { type T, t } from "./types";\nexport const v = t;\n',
    };
    expect(importClosure(["a.ts"], repo(files))).toEqual([
      "a.ts",
      "types.ts",
      "value.ts",
    ]);
  });

  it("follows the bin's map of CLI modules through its static imports only (the caller pins the chosen module)", () => {
    const files = {
      "packages/pipeline/cli-modules.ts":
        'import type { RunnableName } from "./commands";\nimport { side } from "./side-effect";\nexport const CLI_MODULES = {\n  "deploy:release": () => import("../../scripts/deploy/release-cli"),\n  init: () => import("../../scripts/init/cli"),\n};\n',
      "packages/pipeline/side-effect.ts": "export const side = 1;\n",
      "packages/pipeline/commands.ts": "export {};\n",
      "scripts/deploy/release-cli.ts": "export {};\n",
      "scripts/init/cli.ts": "export {};\n",
    };
    expect(
      importClosure(["packages/pipeline/cli-modules.ts"], repo(files)),
    ).toEqual([
      "packages/pipeline/cli-modules.ts",
      "packages/pipeline/side-effect.ts",
    ]);
    // Any other file's import() is followed.
    const other = { ...files, "x.ts": 'await import("./scripts/init/cli");\n' };
    expect(importClosure(["x.ts"], repo(other))).toEqual([
      "scripts/init/cli.ts",
      "x.ts",
    ]);
  });
});
