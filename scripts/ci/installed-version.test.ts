import { execFileSync, spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { installedVersion } from "./installed-version";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CLI = fileURLToPath(
  new URL("./installed-version-cli.ts", import.meta.url),
);
const TSX = path.join(REPO, "node_modules/.bin/tsx");

let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "installed-version-"));
  writeFileSync(path.join(root, "package.json"), '{"name":"scratch"}');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function install(name: string, manifest: object): void {
  const dir = path.join(root, "node_modules", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify(manifest));
}

describe("installedVersion", () => {
  it("reads the version from node_modules, not from package.json's range", () => {
    writeFileSync(
      path.join(root, "package.json"),
      '{"devDependencies":{"@scope/pkg":"^1.0.0"}}',
    );
    install("@scope/pkg", { name: "@scope/pkg", version: "1.4.2" });
    expect(installedVersion(root, "@scope/pkg")).toBe("1.4.2");
  });

  it("names the package and the fix when it is missing or broken", () => {
    expect(() => installedVersion(root, "absent")).toThrow(
      /^absent: not installed under .* — run npm ci first$/,
    );
    install("broken", { name: "broken", version: "latest" });
    expect(() => installedVersion(root, "broken")).toThrow(
      /broken\/package\.json: version "latest" is not a semantic version/,
    );
  });
});

describe("npm run ci:installed-version", () => {
  it("writes version=<x.y.z> to GITHUB_OUTPUT and prints it", () => {
    install("pkg", { name: "pkg", version: "3.2.1" });
    const output = path.join(root, "github-output");
    const stdout = execFileSync(TSX, [CLI, "pkg", "--root", root], {
      env: { ...process.env, GITHUB_OUTPUT: output },
      encoding: "utf8",
    });
    expect(stdout).toBe("pkg 3.2.1\n");
    expect(readFileSync(output, "utf8")).toBe("version=3.2.1\n");
  });

  it("reads the package from INSTALLED_PACKAGE, as the e2e job passes it", () => {
    install("pkg", { name: "pkg", version: "3.2.1" });
    const output = path.join(root, "github-output-env");
    const stdout = execFileSync(TSX, [CLI, "--root", root], {
      env: { ...process.env, GITHUB_OUTPUT: output, INSTALLED_PACKAGE: "pkg" },
      encoding: "utf8",
    });
    expect(stdout).toBe("pkg 3.2.1\n");
    expect(readFileSync(output, "utf8")).toBe("version=3.2.1\n");
  });

  it("exits 1 for a package that is not installed and 2 without a package", () => {
    const missing = spawnSync(TSX, [CLI, "nope", "--root", root], {
      encoding: "utf8",
    });
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/nope: not installed/);
    expect(spawnSync(TSX, [CLI], { encoding: "utf8" }).status).toBe(2);
  });
});
