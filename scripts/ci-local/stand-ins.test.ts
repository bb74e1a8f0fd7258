/**
 * The `corepack enable` stand-in, run by bash as a job runs it, with the real pnpm (this
 * repository's devDependency, 9.15.4) on PATH the way corepack would put it there.
 */
import { spawnSync } from "node:child_process";
import {
  chmodSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COREPACK_ENABLE } from "../../workflows-src/builders/package-manager";
import { standInFor } from "./stand-ins";

const PNPM = fileURLToPath(
  new URL("../../node_modules/pnpm/bin/pnpm.cjs", import.meta.url),
);
// Each case starts Node and pnpm (about 1 CPU-second); on a loaded 2-core machine one took 13 s.
const TIMEOUT = 60_000;

let tmp: string;
beforeAll(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "ci-local-stand-ins-"));
  mkdirSync(path.join(tmp, "bin"));
  symlinkSync(PNPM, path.join(tmp, "bin", "pnpm"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** The stand-in in a workspace whose package.json has `packageManager` (none when undefined). */
function corepackEnable(packageManager: string | undefined, withPnpm = true) {
  const work = mkdtempSync(path.join(tmp, "work-"));
  writeFileSync(
    path.join(work, "package.json"),
    JSON.stringify({ name: "app", packageManager }),
  );
  const standIn = standInFor(COREPACK_ENABLE);
  if (standIn === undefined) throw new Error("no corepack enable stand-in");
  const PATH = [
    ...(withPnpm ? [path.join(tmp, "bin")] : []),
    path.dirname(process.execPath),
    "/usr/bin",
    "/bin",
  ].join(":");
  return spawnSync("bash", ["-e", "-c", standIn.script], {
    cwd: work,
    encoding: "utf8",
    env: { ...process.env, PATH, HOME: tmp },
  });
}

describe("the corepack enable stand-in", () => {
  it(
    "passes when the manager on PATH is packageManager's version (a +sha512 suffix aside)",
    () => {
      const run = corepackEnable("pnpm@9.15.4+sha512.0123abcd");
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(
        "pnpm 9.15.4 on PATH, as package.json's packageManager names\n",
      );
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "fails naming both versions when PATH has another one",
    () => {
      const run = corepackEnable("pnpm@9.15.3");
      expect(run.status).toBe(1);
      expect(run.stderr).toBe(
        "pnpm 9.15.4 is first on PATH, package.json's packageManager is pnpm@9.15.3 — put pnpm 9.15.3 first on PATH\n",
      );
    },
    TIMEOUT,
  );

  it(
    "fails when the manager is not on PATH, or package.json names none",
    () => {
      const missing = corepackEnable("pnpm@9.15.4", false);
      expect(missing.status).toBe(1);
      expect(missing.stderr).toMatch(
        /^no pnpm on PATH — install pnpm@9\.15\.4 /,
      );
      const unnamed = corepackEnable(undefined);
      expect(unnamed.status).toBe(1);
      expect(unnamed.stderr).toMatch(
        /^package\.json: no "packageManager" field — /,
      );
    },
    TIMEOUT,
  );
});

/** The install-browser stand-in, in an app whose Playwright expects its browser at `expected`. */
function installBrowser(options: {
  readonly expected?: string;
  readonly chromiumPath: string;
}) {
  const work = mkdtempSync(path.join(tmp, "browser-"));
  if (options.expected !== undefined) {
    // @playwright/test and the playwright-core it requires, as npm or pnpm lays them out.
    const test = path.join(work, "node_modules", "@playwright", "test");
    const core = path.join(work, "node_modules", "playwright-core");
    mkdirSync(test, { recursive: true });
    mkdirSync(core, { recursive: true });
    writeFileSync(path.join(test, "index.js"), "module.exports = {};\n");
    writeFileSync(
      path.join(core, "index.js"),
      `module.exports = { chromium: { executablePath: () => ${JSON.stringify(options.expected)} } };\n`,
    );
  }
  const standIn = standInFor("npm run e2e:install-browser");
  if (standIn === undefined) throw new Error("no install-browser stand-in");
  return spawnSync("bash", ["-e", "-c", standIn.script], {
    cwd: work,
    encoding: "utf8",
    env: {
      ...process.env,
      PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
      CHROMIUM_PATH: options.chromiumPath,
    },
  });
}

describe("the install-browser stand-in", () => {
  it(
    "passes with the browser the app's Playwright downloads, where it expects it",
    () => {
      const browser = path.join(tmp, "ms-playwright", "chrome");
      mkdirSync(path.dirname(browser), { recursive: true });
      writeFileSync(browser, "");
      const run = installBrowser({
        expected: browser,
        chromiumPath: path.join(tmp, "no-debian-chromium"),
      });
      expect(run.stderr).toBe("");
      expect(run.stdout).toBe(
        `Playwright's own Chromium is installed: ${browser}\n`,
      );
      expect(run.status).toBe(0);
    },
    TIMEOUT,
  );

  it(
    "passes with Debian's Chromium for a config that launches it, and fails naming both when neither is there",
    () => {
      const debian = path.join(tmp, "chromium");
      writeFileSync(debian, "#!/bin/sh\n");
      chmodSync(debian, 0o755);
      const missing = path.join(tmp, "ms-playwright", "not-downloaded");
      const withDebian = installBrowser({
        expected: missing,
        chromiumPath: debian,
      });
      expect(withDebian.stdout).toBe(
        `Chromium at ${debian} (for a Playwright config that launches it)\n`,
      );
      expect(withDebian.status).toBe(0);
      const neither = installBrowser({
        chromiumPath: path.join(tmp, "no-debian-chromium"),
      });
      expect(neither.status).toBe(1);
      expect(neither.stderr).toContain(
        "no Chromium for Playwright: neither its own download",
      );
    },
    TIMEOUT,
  );
});
