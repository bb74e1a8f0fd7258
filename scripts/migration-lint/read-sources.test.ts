import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import { migrationPaths, readSources } from "./read-sources";

const dir = mkdtempSync(join(tmpdir(), "read-sources-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("migrationPaths", () => {
  it("returns the files given, in the order given", () => {
    expect(
      migrationPaths(["b.sql", "a.sql"], join(dir, "missing.jsonc"), "DB"),
    ).toEqual(["b.sql", "a.sql"]);
  });

  it("lists the configured directory next to the config file, in apply order", () => {
    mkdirSync(join(dir, "db"));
    writeFileSync(join(dir, "db/0002_b.sql"), "");
    writeFileSync(join(dir, "db/0001_a.sql"), "");
    writeFileSync(
      join(dir, "w.jsonc"),
      '{ "d1_databases": [{ "binding": "DB", "migrations_dir": "db" }] }',
    );
    expect(migrationPaths([], join(dir, "w.jsonc"), "DB")).toEqual([
      join(dir, "db/0001_a.sql"),
      join(dir, "db/0002_b.sql"),
    ]);
  });

  it("throws a one-line input error for a missing config", () => {
    const missing = join(dir, "missing.jsonc");
    expect(() => migrationPaths([], missing, "DB")).toThrow(InputError);
    expect(() => migrationPaths([], missing, "DB")).toThrow(
      `${missing}: cannot read the wrangler config (ENOENT) — run from the project root or pass --config <path>`,
    );
  });
});

describe("readSources", () => {
  it("reads each file as UTF-8 text", () => {
    writeFileSync(join(dir, "x.sql"), "SELECT 'é';");
    expect(readSources([join(dir, "x.sql")])).toEqual([
      { file: join(dir, "x.sql"), sql: "SELECT 'é';" },
    ]);
  });

  it("throws a one-line input error for an unreadable file", () => {
    const missing = join(dir, "nope.sql");
    expect(() => readSources([missing])).toThrow(
      `${missing}: cannot read the migration file (ENOENT) — check the path and its permissions`,
    );
    expect(() => readSources([dir])).toThrow(
      /cannot read the migration file \(EISDIR\)/,
    );
  });
});
