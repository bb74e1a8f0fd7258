import {
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { deployNewWorker, localScope, REMOTE } from "./wrangler-args";
import {
  autoconfigOff,
  checkWranglerVersion,
  installedWranglerVersion,
} from "./wrangler-version";

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe("the repository's wrangler version", () => {
  it("is read from the package node_modules/wrangler resolves to, through pnpm's link", () => {
    const root = mkdtempSync(join(tmpdir(), "wrangler-version-"));
    dirs.push(root);
    const store = join(
      root,
      "node_modules/.pnpm/wrangler@4.50.0/node_modules/wrangler",
    );
    mkdirSync(store, { recursive: true });
    writeFileSync(
      join(store, "package.json"),
      JSON.stringify({ name: "wrangler", version: "4.50.0" }),
    );
    symlinkSync(store, join(root, "node_modules/wrangler"), "dir");
    expect(installedWranglerVersion(root)).toBe("4.50.0");
    expect(() => installedWranglerVersion(join(root, "nowhere"))).toThrow(
      /node_modules\/wrangler: no wrangler package found — add wrangler to devDependencies/,
    );
  });

  it("is refused below 4.66.0 (deploy --tag/--message) in one line naming the upgrade", () => {
    for (const ok of ["4.66.0", "4.66.1", "4.164.0", "5.0.0"])
      expect(() => checkWranglerVersion(ok), ok).not.toThrow();
    for (const old of ["4.50.0", "4.65.9", "3.114.0", "not-a-version"])
      expect(() => checkWranglerVersion(old), old).toThrow(
        new RegExp(
          `^wrangler ${old.replace(/\./g, "\\.")} is installed; the deploy commands need wrangler ≥ 4\\.66\\.0 .* upgrade the devDependency`,
        ),
      );
  });

  it("turns autoconfig off with the flag that version knows", () => {
    expect(autoconfigOff("4.66.0")).toEqual([]);
    expect(autoconfigOff("4.68.0")).toEqual(["--x-autoconfig=false"]);
    expect(autoconfigOff("4.100.3")).toEqual(["--x-autoconfig=false"]);
    expect(autoconfigOff("4.101.0")).toEqual(["--autoconfig=false"]);
    expect(autoconfigOff("4.164.0")).toEqual(["--autoconfig=false"]);
  });

  it("shapes the first deploy's argv", () => {
    const args = deployNewWorker(localScope("staging"), REMOTE, {
      tag: "a".repeat(40),
      message: "m",
      autoconfigOff: autoconfigOff("4.80.0"),
    });
    expect(args).toContain("--x-autoconfig=false");
    expect(args).not.toContain("--autoconfig=false");
    expect(
      args.slice(args.indexOf("--tag"), args.indexOf("--tag") + 2),
    ).toEqual(["--tag", "a".repeat(40)]);
  });
});
