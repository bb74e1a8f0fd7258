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
