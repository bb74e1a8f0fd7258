/**
 * --seed-node-modules for a pnpm checkout, against what the real pnpm (this repository's
 * devDependency, 9.15.4) writes: an install of a local directory dependency, offline, with its
 * store in the test's folder.
 */
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { unseedable } from "./seedable";

const PNPM = fileURLToPath(
  new URL("../../../node_modules/.bin/pnpm", import.meta.url),
);

let tmp: string;
let app: string;

function pnpm(...args: string[]): void {
  const run = spawnSync(PNPM, [...args, "--offline"], {
    cwd: app,
    encoding: "utf8",
    env: {
      ...process.env,
      npm_config_store_dir: path.join(tmp, "store"),
      XDG_CACHE_HOME: path.join(tmp, "cache"),
      XDG_DATA_HOME: path.join(tmp, "data"),
      npm_config_user_agent: "",
    },
  });
  if (run.status !== 0)
    throw new Error(`pnpm ${args.join(" ")}: ${run.stderr || run.stdout}`);
}

function writeJson(file: string, value: unknown): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "ci-local-seedable-"));
  app = path.join(tmp, "app");
  writeJson(path.join(tmp, "lib", "package.json"), {
    name: "lib",
    version: "1.0.0",
  });
  writeJson(path.join(tmp, "other", "package.json"), {
    name: "other",
    version: "2.0.0",
  });
  writeJson(path.join(app, "package.json"), {
    name: "app",
    version: "0.0.0",
    packageManager: "pnpm@9.15.4",
    dependencies: { lib: "file:../lib" },
  });
  pnpm("install");
}, 60_000);
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

describe("unseedable with pnpm-lock.yaml", () => {
  it("seeds node_modules that pnpm installed from this lockfile", () => {
    expect(unseedable(app)).toBeUndefined();
  });

  it("refuses when the lockfile changed after the install, naming the importer and the fix", () => {
    const pkg = path.join(app, "package.json");
    const before = readFileSync(pkg, "utf8");
    const lock = readFileSync(path.join(app, "pnpm-lock.yaml"), "utf8");
    try {
      writeJson(pkg, {
        ...(JSON.parse(before) as object),
        devDependencies: { other: "file:../other" },
      });
      // The lockfile alone, as a pull from a branch that added a dependency leaves it.
      pnpm("install", "--lockfile-only");
      expect(unseedable(app)).toBe(
        'importers["."] in pnpm-lock.yaml differs from what node_modules holds — run pnpm install --frozen-lockfile',
      );
    } finally {
      writeFileSync(pkg, before);
      writeFileSync(path.join(app, "pnpm-lock.yaml"), lock);
    }
  }, 60_000);

  it("refuses a package the lockfile has and node_modules lacks", () => {
    const current = path.join(app, "node_modules", ".pnpm", "lock.yaml");
    const text = readFileSync(current, "utf8");
    try {
      writeFileSync(
        current,
        text.replace(/\n {2}lib@file:\.\.\/lib:.*$/gm, ""),
      );
      expect(unseedable(app)).toMatch(
        /^lib@file:\.\.\/lib is in pnpm-lock\.yaml but not installed — run pnpm install --frozen-lockfile$/,
      );
    } finally {
      writeFileSync(current, text);
    }
  });

  it("refuses node_modules pnpm did not install, and a checkout without a lockfile", () => {
    const other = path.join(tmp, "unrecorded");
    mkdirSync(path.join(other, "node_modules", "lib"), { recursive: true });
    writeFileSync(
      path.join(other, "pnpm-lock.yaml"),
      readFileSync(path.join(app, "pnpm-lock.yaml")),
    );
    expect(unseedable(other)).toBe(
      "the checkout's node_modules has no .pnpm/lock.yaml (not installed by pnpm) — run pnpm install --frozen-lockfile",
    );
    rmSync(path.join(other, "pnpm-lock.yaml"));
    expect(unseedable(other)).toBe(
      "the checkout has no package-lock.json or pnpm-lock.yaml — commit the lockfile the jobs install from",
    );
  });
});
