import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "audit-cli-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function audit(...files: string[]) {
  return spawnSync(
    process.execPath,
    ["--import", "tsx", "scripts/workflows/audit-cli.ts", ...files],
    {
      cwd: REPO,
      encoding: "utf8",
      env: { ...process.env, GITHUB_ACTIONS: "", GITHUB_STEP_SUMMARY: "" },
    },
  );
}

it("exits 0 on the committed workflows, 1 with file:line rule-id message, 2 on bad input", () => {
  const clean = audit(
    ".github/workflows/deploy.yml",
    ".github/workflows/quality.yml",
  );
  expect(clean.stderr).toBe("");
  expect(clean.status).toBe(0);

  const attack = path.join(dir, "attack.yml");
  writeFileSync(
    attack,
    "name: x\non: pull_request_target\npermissions: {}\njobs: {}\n",
  );
  const found = audit(attack);
  expect(found.status).toBe(1);
  expect(found.stderr).toContain(
    `${attack}:2 trigger-allowed trigger pull_request_target is not allowed — `,
  );

  const broken = path.join(dir, "broken.yml");
  writeFileSync(broken, "name: x\non: [push\njobs: {}\n");
  const bad = audit(broken, path.join(dir, "missing.yml"), attack);
  expect(bad.status).toBe(2);
  expect(bad.stderr).toContain(`${broken}:3 yaml not valid YAML: `);
  expect(bad.stderr).toContain(
    `${path.join(dir, "missing.yml")} unreadable cannot read the file (ENOENT)`,
  );
}, 60_000); // spawns the real CLI several times; a loaded 2-core machine needs the margin
