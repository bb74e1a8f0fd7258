import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  managerOf,
  repositoryScript,
  scriptCommand,
  usageIn,
} from "./package-script";

describe("managerOf", () => {
  it("reads package.json's packageManager field as corepack does; npm without one", () => {
    expect(managerOf(JSON.stringify({ packageManager: "pnpm@9.15.0" }))).toBe(
      "pnpm",
    );
    expect(managerOf(JSON.stringify({ packageManager: "npm@11.6.0" }))).toBe(
      "npm",
    );
    expect(managerOf(JSON.stringify({}))).toBe("npm");
    expect(managerOf("{broken")).toBe("npm");
    expect(managerOf(undefined)).toBe("npm");
    // yarn is not supported yet: its repositories get npm's forms (gen refuses the config first).
    expect(managerOf(JSON.stringify({ packageManager: "yarn@4.0.0" }))).toBe(
      "npm",
    );
  });
});

describe("scriptCommand", () => {
  it("gives npm a -- before the script's arguments, and pnpm the arguments as they are", () => {
    const npm = scriptCommand(
      "npm",
      "lint:migrations",
      ["--skip-drizzle-check"],
      {},
    );
    expect([npm.command, ...npm.args]).toEqual([
      "npm",
      "run",
      "--silent",
      "lint:migrations",
      "--",
      "--skip-drizzle-check",
    ]);
    expect(npm.display).toBe("npm run lint:migrations -- --skip-drizzle-check");
    const pnpm = scriptCommand(
      "pnpm",
      "lint:migrations",
      ["--skip-drizzle-check"],
      {},
    );
    expect([pnpm.command, ...pnpm.args]).toEqual([
      "pnpm",
      "run",
      "--silent",
      "lint:migrations",
      "--skip-drizzle-check",
    ]);
    expect(pnpm.display).toBe("pnpm run lint:migrations --skip-drizzle-check");
    expect(scriptCommand("npm", "gen:workflows", [], {}).display).toBe(
      "npm run gen:workflows",
    );
  });

  it("runs through the manager's own CLI that started us, and never another manager's", () => {
    const underPnpm = { npm_execpath: "/opt/pnpm/bin/pnpm.cjs" };
    const pnpm = scriptCommand("pnpm", "lint", [], underPnpm, "/usr/bin/node");
    expect([pnpm.command, ...pnpm.args]).toEqual([
      "/usr/bin/node",
      "/opt/pnpm/bin/pnpm.cjs",
      "run",
      "--silent",
      "lint",
    ]);
    // An npm repository driven from pnpm (or the reverse) runs its own manager from PATH.
    expect(scriptCommand("npm", "lint", [], underPnpm).command).toBe("npm");
    const underNpm = {
      npm_execpath: "/usr/lib/node_modules/npm/bin/npm-cli.js",
    };
    expect(scriptCommand("npm", "lint", [], underNpm, "/n").args[0]).toBe(
      "/usr/lib/node_modules/npm/bin/npm-cli.js",
    );
    expect(scriptCommand("pnpm", "lint", [], underNpm).command).toBe("pnpm");
  });

  it("takes the manager from the repository's package.json", () => {
    const dir = mkdtempSync(join(tmpdir(), "package-script-"));
    try {
      writeFileSync(
        join(dir, "package.json"),
        JSON.stringify({ packageManager: "pnpm@9.15.0" }),
      );
      expect(repositoryScript(dir, "lint", ["-x"], {}).display).toBe(
        "pnpm run lint -x",
      );
      expect(
        repositoryScript(join(dir, "absent"), "lint", [], {}).manager,
      ).toBe("npm");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("usageIn", () => {
  it("writes a CLI's usage line in pnpm's words in a pnpm repository, and leaves npm's alone", () => {
    expect(
      usageIn("npm run deploy:migrate -- --env <name> [options]", "pnpm"),
    ).toBe("pnpm run deploy:migrate --env <name> [options]");
    expect(usageIn("npm run ci:local [WORKFLOW] [-- options]", "pnpm")).toBe(
      "pnpm run ci:local [WORKFLOW] [options]",
    );
    expect(usageIn("npm run ci:local [WORKFLOW] [-- options]", "npm")).toBe(
      "npm run ci:local [WORKFLOW] [-- options]",
    );
    expect(usageIn("npm test [-- --only ids]", "pnpm")).toBe(
      "npm test [-- --only ids]",
    );
  });
});
