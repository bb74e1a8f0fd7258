/**
 * ./dev takes Node's version from .nvmrc, exactly: the same file actions/setup-node reads on
 * GitHub, so what ships is built by the Node that was tested. Runs the real script in a scratch copy.
 */
import { spawnSync } from "node:child_process";
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../", import.meta.url));
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), "dev-script-"));
  copyFileSync(path.join(REPO, "dev"), path.join(dir, "dev"));
  mkdirSync(path.join(dir, "node_modules"));
  writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify({ scripts: { hello: "node -p process.version" } }),
  );
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (nvmrc: string) => {
  writeFileSync(path.join(dir, ".nvmrc"), nvmrc);
  return spawnSync("bash", [path.join(dir, "dev"), "hello"], {
    cwd: dir,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${path.dirname(process.execPath)}:${process.env["PATH"] ?? ""}`,
    },
  });
};

it("names an exact Node 22 version in .nvmrc that satisfies engines", () => {
  const version = readFileSync(path.join(REPO, ".nvmrc"), "utf8").trim();
  expect(version).toMatch(/^22\.\d+\.\d+$/);
  const [, minor] = version.split(".").map(Number);
  expect(minor).toBeGreaterThanOrEqual(12);
});

it("runs the script with the node .nvmrc names, and refuses a version range", () => {
  const same = run(`${process.version.slice(1)}\n`);
  expect(same.stderr).toBe("");
  expect(same.stdout).toContain(process.version);
  const range = run("22\n");
  expect(range.status).toBe(2);
  expect(range.stderr).toContain(
    '.nvmrc: "22" is not an exact version — write one such as 22.23.5',
  );
});
