import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readFileIn } from "./context";
import { importClosure, pinnedText } from "./pins";

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

describe("importClosure: what else decides which file an import loads (red team, pins through the bin)", () => {
  it("pins every file tsx may load for an import, not only the one it loads today: a cloudflare.js added beside cloudflare/index.ts is loaded first", () => {
    const files = {
      "scripts/deploy/migrate-cli.ts": 'import { api } from "./cloudflare";\n',
      "scripts/deploy/cloudflare/index.ts": "export const api = 1;\n",
      "scripts/deploy/cloudflare.js": "export const api = 2;\n",
      "package.json": "{}",
    };
    expect(
      importClosure(["scripts/deploy/migrate-cli.ts"], repo(files)),
    ).toContain("scripts/deploy/cloudflare.js");
  });

  it("pins the package.json whose scope holds each file (self-reference by name, `imports`, `type`), and a package committed in a node_modules folder inside the repository", () => {
    const files = {
      "scripts/deploy/migrate-cli.ts": 'import { z } from "zod";\n',
      "scripts/deploy/package.json":
        '{ "name": "zod", "exports": "./shim.mjs" }',
      "packages/pipeline/bin/typed-cicd.js": 'await import("tsx/esm/api");\n',
      "packages/pipeline/package.json": '{ "name": "@typed-cicd/pipeline" }',
      "packages/pipeline/node_modules/tsx/package.json": '{ "name": "tsx" }',
      "package.json": '{ "name": "app" }',
    };
    expect(
      importClosure(
        [
          "scripts/deploy/migrate-cli.ts",
          "packages/pipeline/bin/typed-cicd.js",
        ],
        repo(files),
      ),
    ).toEqual([
      "packages/pipeline/bin/typed-cicd.js",
      "packages/pipeline/node_modules/tsx/package.json",
      "packages/pipeline/package.json",
      "scripts/deploy/migrate-cli.ts",
      "scripts/deploy/package.json",
    ]);
    // Without the nested package.json, the root's scope is pinned.
    const { ["scripts/deploy/package.json"]: _, ...root } = files;
    expect(
      importClosure(["scripts/deploy/migrate-cli.ts"], repo(root)),
    ).toEqual(["package.json", "scripts/deploy/migrate-cli.ts"]);
  });

  it("pins a package committed without a package.json (Node loads its index.js, or the subpath's file, all the same)", () => {
    const files = {
      "scripts/workflows/preload.mjs": 'await import("zod");\n',
      "scripts/workflows/node_modules/zod/index.js": "module.exports = {};\n",
      "packages/pipeline/bin/typed-cicd.js": 'await import("tsx/esm/api");\n',
      "packages/node_modules/tsx/esm/api": "exports.register = () => {};\n",
      "package.json": "{}",
    };
    expect(
      importClosure(
        [
          "scripts/workflows/preload.mjs",
          "packages/pipeline/bin/typed-cicd.js",
        ],
        repo(files),
      ),
    ).toEqual(
      expect.arrayContaining([
        "scripts/workflows/node_modules/zod/index.js",
        "packages/node_modules/tsx/esm/api",
      ]),
    );
  });

  it("pins a package.json by the fields that decide what loads: a dependency bump is not a change of what runs, a name or exports is", () => {
    const base =
      '{ "name": "app", "type": "module", "dependencies": { "zod": "4.0.0" } }';
    const bumped =
      '{ "name": "app", "type": "module", "dependencies": { "zod": "4.1.0" } }';
    const renamed =
      '{ "name": "zod", "type": "module", "exports": "./x.mjs", "dependencies": { "zod": "4.0.0" } }';
    expect(pinnedText("package.json", bumped)).toBe(
      pinnedText("package.json", base),
    );
    expect(pinnedText("package.json", renamed)).not.toBe(
      pinnedText("package.json", base),
    );
    expect(pinnedText("scripts/x.ts", base)).toBe(base);
  });
});

describe("readFileIn: a symbolic link reads as the link", () => {
  it("so a pinned file replaced by a link to an identical copy (whose imports then load from the copy's folder) no longer matches its pin", () => {
    const root = mkdtempSync(path.join(tmpdir(), "pins-symlink-"));
    try {
      mkdirSync(path.join(root, "scripts/deploy"), { recursive: true });
      mkdirSync(path.join(root, "evil/d"), { recursive: true });
      writeFileSync(path.join(root, "evil/d/commit-order.ts"), "export {};\n");
      writeFileSync(path.join(root, "scripts/deploy/plain.ts"), "export {};\n");
      symlinkSync(
        "../../evil/d/commit-order.ts",
        path.join(root, "scripts/deploy/commit-order.ts"),
      );
      const read = readFileIn(root);
      expect(read("scripts/deploy/plain.ts")).toBe("export {};\n");
      expect(read("scripts/deploy/commit-order.ts")).toBe(
        "symlink → evil/d/commit-order.ts",
      );
      expect(read("scripts/deploy/missing.ts")).toBeUndefined();
      // Mirroring the path inside the checkout is still a link to another file.
      mkdirSync(path.join(root, "evil/scripts/deploy"), { recursive: true });
      writeFileSync(
        path.join(root, "evil/scripts/deploy/mirror.ts"),
        "export {};\n",
      );
      symlinkSync(
        "../../evil/scripts/deploy/mirror.ts",
        path.join(root, "scripts/deploy/mirror.ts"),
      );
      expect(read("scripts/deploy/mirror.ts")).toBe(
        "symlink → evil/scripts/deploy/mirror.ts",
      );
      // A scratch root linking another checkout's folder reads that checkout's same file.
      const scratch = mkdtempSync(path.join(tmpdir(), "pins-scratch-"));
      try {
        symlinkSync(path.join(root, "scripts"), path.join(scratch, "scripts"));
        expect(readFileIn(scratch)("scripts/deploy/plain.ts")).toBe(
          "export {};\n",
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
