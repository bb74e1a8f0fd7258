import { spawnSync } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { linkAuditInputs } from "./scratch-checkout";
import { afterEach, beforeEach, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
let root: string;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "check-cli-"));
  // .github whole: it holds the generated config files (dependabot.yml) next to the workflows.
  for (const dir of [".github", "docs/deployment/diagrams"]) {
    cpSync(path.join(REPO, dir), path.join(root, dir), { recursive: true });
  }
  // The audit reads the scripts a step's `npm run` reaches from the checkout's package.json.
  cpSync(path.join(REPO, "package.json"), path.join(root, "package.json"));
  linkAuditInputs(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function runCheck(env: Record<string, string> = {}) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/workflows/check-cli.ts", "--root", root],
    {
      cwd: REPO,
      encoding: "utf8",
      env: {
        ...process.env,
        GITHUB_ACTIONS: "",
        GITHUB_STEP_SUMMARY: "",
        ...env,
      },
    },
  );
}

it("exits 0 on a clean copy and 1 with an annotation naming the file when it is edited", () => {
  expect(runCheck().status).toBe(0);
  const file = path.join(root, ".github/workflows/mutation.yml");
  writeFileSync(
    file,
    readFileSync(file, "utf8").replace(
      "timeout-minutes: 45",
      "timeout-minutes: 5",
    ),
  );
  const result = runCheck({ GITHUB_ACTIONS: "true" });
  expect(result.status).toBe(1);
  expect(result.stderr).toContain(
    "::error file=.github/workflows/mutation.yml,title=drift-hand-edited::edited by hand",
  );
  expect(result.stderr).toContain(
    "::group::diff .github/workflows/mutation.yml",
  );
  expect(result.stderr).toContain("+    timeout-minutes: 45");
}, 60_000); // spawns the real CLI several times; a loaded 2-core machine needs the margin
