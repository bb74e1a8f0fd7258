import { describe, expect, it } from "vitest";
import { judgeRun } from "./npm-scripts";
import { configuredManager } from "./package-manager";

const scripts = {
  lint: "pnpm run lint:ts",
  "lint:ts": "eslint .",
  fetch: "pnpm dlx cowsay",
  deploy: "typed-cicd deploy:migrate",
  prepare: "husky && simple-git-hooks",
};
const rules = (run: string, manager: "npm" | "pnpm") =>
  judgeRun(run, scripts, () => true, manager).findings.map((f) => f.rule);

describe("the configured package manager's forms, and only those", () => {
  it("reads the manager from package.json's packageManager field (npm without one)", () => {
    const read = (pkg: object) => () => JSON.stringify(pkg);
    expect(configuredManager(read({ packageManager: "pnpm@9.15.0" }))).toBe(
      "pnpm",
    );
    expect(configuredManager(read({}))).toBe("npm");
    expect(configuredManager(() => "{broken")).toBe("npm");
    expect(configuredManager(read({ packageManager: "yarn@4.0.0" }))).toBe(
      "npm",
    );
  });

  it("pnpm: allows its frozen install, corepack enable and pnpm run <script> (and pnpm run inside scripts)", () => {
    expect(rules("corepack enable", "pnpm")).toEqual([]);
    expect(rules("pnpm run lint", "pnpm")).toEqual([]);
    expect(rules("pnpm run deploy", "pnpm")).toEqual([]);
  });

  it("pnpm: walks the lifecycle scripts its install runs (prepare: simple-git-hooks is not an allowed command)", () => {
    expect(rules("pnpm install --frozen-lockfile", "pnpm")).toEqual([
      "script-command",
    ]);
  });

  it("pnpm: refuses npm's forms, a non-frozen install and pnpm's downloads", () => {
    expect(rules("npm ci", "pnpm")).toEqual(["run-allowed"]);
    expect(rules("npm run lint", "pnpm")).toEqual(["run-allowed"]);
    expect(rules("pnpm install", "pnpm")).toEqual(["run-allowed"]);
    expect(rules("pnpm run fetch", "pnpm")).toEqual(["script-install"]);
  });

  it("npm: pnpm and corepack stay what they were (another manager, a download)", () => {
    expect(rules("pnpm run lint", "npm")).toEqual(["run-allowed"]);
    expect(rules("corepack enable", "npm")).toEqual(["run-allowed"]);
    expect(rules("npm run lint", "npm")).toEqual(["script-install"]);
  });
});
