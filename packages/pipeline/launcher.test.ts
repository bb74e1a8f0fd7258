/**
 * The launcher (bin/typed-cicd.js) runs a repository's pipeline sources only when it is a
 * checkout's own file: installed under node_modules, it loads the package's dist/ even where the
 * working directory's repository holds packages/pipeline/bin.ts — a pull request adding that file
 * to an adopter's repository must not change what its deploy job runs.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { PIPELINE_SOURCES } from "../../scripts/workflows/policy/pipeline-sources";

const ROOT = path.resolve(import.meta.dirname, "../..");
const LAUNCHER = path.join(ROOT, PIPELINE_SOURCES.launcher);
const repo = mkdtempSync(path.join(tmpdir(), "launcher-"));
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const marker = path.join(repo, "sources-ran");
function place(relative: string): string {
  const file = path.join(repo, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  copyFileSync(LAUNCHER, file);
  return file;
}

describe("bin/typed-cicd.js", () => {
  writeFileSync(path.join(repo, "package.json"), "{}\n");
  mkdirSync(path.join(repo, "packages/pipeline"), { recursive: true });
  // What a hostile pull request would add: it records that it ran.
  writeFileSync(
    path.join(repo, "packages/pipeline/bin.ts"),
    `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker)}, process.argv.slice(2).join(" "));\n`,
  );
  mkdirSync(path.join(repo, "scripts/workflows"), { recursive: true });
  writeFileSync(path.join(repo, "scripts/workflows/preload.mjs"), "");
  // tsx for the checkout's launcher, as the workspace install gives it.
  mkdirSync(path.join(repo, "node_modules"));
  symlinkSync(
    path.join(ROOT, "node_modules/tsx"),
    path.join(repo, "node_modules/tsx"),
  );

  it("installed under node_modules, never runs the repository's packages/pipeline/bin.ts", () => {
    const installed = place(
      "node_modules/@typed-cicd/pipeline/bin/typed-cicd.js",
    );
    const run = spawnSync(process.execPath, [installed, "deploy:release"], {
      cwd: repo,
      encoding: "utf8",
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/the package is not built \(no dist\/bin\.js\)/);
    expect(existsSync(marker)).toBe(false);
  });

  it("a checkout's own launcher (outside node_modules) runs the sources of the working directory's repository", () => {
    const checkout = place("packages/pipeline/bin/typed-cicd.js");
    execFileSync(process.execPath, [checkout, "deploy:release", "--env", "x"], {
      cwd: repo,
    });
    expect(readFileSync(marker, "utf8")).toBe("deploy:release --env x");
  });
});
