import {
  cpSync,
  mkdtempSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  drizzleCheckArgv,
  drizzleCheckFindings,
  runDrizzleCheck,
} from "./drizzle-check";
import { InputError } from "./input-error";

describe("drizzleCheckFindings", () => {
  it("finds nothing when drizzle-kit check exits 0", () => {
    expect(
      drizzleCheckFindings(0, "Everything's fine", "drizzle.config.ts"),
    ).toEqual([]);
  });

  it("turns a failing check into one finding without drizzle-kit's banner", () => {
    const output =
      "No config path provided, using default 'drizzle.config.ts'\nReading config file '/x'\n[a, b] are pointing to a parent snapshot\n\n";
    expect(drizzleCheckFindings(1, output, "drizzle.config.ts")).toEqual([
      {
        file: "drizzle.config.ts",
        line: 1,
        rule: "drizzle-kit-check",
        message: "drizzle-kit check: [a, b] are pointing to a parent snapshot",
        fix: expect.stringContaining("drizzle-kit generate"),
      },
    ]);
  });

  it("says how it ended when drizzle-kit printed nothing useful", () => {
    expect(drizzleCheckFindings(3, "", "d.ts")[0]?.message).toBe(
      "drizzle-kit check: drizzle-kit check exited with 3",
    );
    expect(drizzleCheckFindings(null, "", "d.ts")[0]?.message).toBe(
      "drizzle-kit check: drizzle-kit check exited with a signal",
    );
  });

  it("passes the config explicitly", () => {
    expect(drizzleCheckArgv("drizzle.config.ts")).toEqual([
      "check",
      "--config",
      "drizzle.config.ts",
    ]);
  });
});

describe("runDrizzleCheck against real drizzle-kit", () => {
  const repoRoot = resolve(import.meta.dirname, "../..");
  const project = mkdtempSync(join(tmpdir(), "drizzle-check-"));
  afterAll(() => rmSync(project, { recursive: true, force: true }));

  it("passes a linear history and reports a forked one", () => {
    symlinkSync(join(repoRoot, "node_modules"), join(project, "node_modules"));
    cpSync(
      join(import.meta.dirname, "fixtures/rebuild-cascade"),
      join(project, "migrations"),
      { recursive: true },
    );
    writeFileSync(
      join(project, "drizzle.config.ts"),
      'export default { dialect: "sqlite", schema: "./schema.ts", out: "./migrations" };\n',
    );
    expect(runDrizzleCheck(project, "drizzle.config.ts")).toEqual([]);

    // A second branch generated a migration on the same parent: two snapshots share a prevId.
    cpSync(
      join(project, "migrations/meta/0001_snapshot.json"),
      join(project, "migrations/meta/0002_snapshot.json"),
    );
    const [finding] = runDrizzleCheck(project, "drizzle.config.ts");
    expect(finding?.rule).toBe("drizzle-kit-check");
    expect(finding?.message).toMatch(/collision/);
  });

  it("throws an input error when drizzle-kit is not installed", () => {
    const bare = join(project, "bare");
    expect(() => runDrizzleCheck(bare, "drizzle.config.ts")).toThrow(
      InputError,
    );
    expect(() => runDrizzleCheck(bare, "drizzle.config.ts")).toThrow(
      /drizzle-kit is not installed — run npm ci, or pass --skip-drizzle-check$/,
    );
  });
});
