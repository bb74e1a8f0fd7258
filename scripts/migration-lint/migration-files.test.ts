import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import {
  compareMigrationNames,
  globToRegExp,
  listConfiguredMigrations,
  listMigrationFiles,
} from "./migration-files";

describe("compareMigrationNames", () => {
  it("orders like wrangler: by leading number, numbered names first, then by name", () => {
    const names = [
      "b.sql",
      "10_x.sql",
      "0002_b.sql",
      "2_a.sql",
      "a.sql",
      "0001_z.sql",
      "0001_a.sql",
    ];
    expect([...names].sort(compareMigrationNames)).toEqual([
      "0001_a.sql",
      "0001_z.sql",
      "0002_b.sql",
      "2_a.sql",
      "10_x.sql",
      "a.sql",
      "b.sql",
    ]);
    expect(compareMigrationNames("1_a.sql", "1_a.sql")).toBe(0);
    expect(compareMigrationNames("a.sql", "1_a.sql")).toBe(1);
    expect(compareMigrationNames("1_a.sql", "a.sql")).toBe(-1);
    expect(compareMigrationNames("1_b.sql", "01_a.sql")).toBe(1);
    expect(compareMigrationNames("01_a.sql", "1_b.sql")).toBe(-1);
  });
});

describe("listMigrationFiles", () => {
  const dir = mkdtempSync(join(tmpdir(), "migration-files-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("lists only .sql files directly in the directory, in apply order", () => {
    for (const name of [
      "0010_c.sql",
      "0002_b.sql",
      "notes.md",
      "0001_a.sql.bak",
    ])
      writeFileSync(join(dir, name), "");
    mkdirSync(join(dir, "meta.sql"));
    expect(listMigrationFiles(dir)).toEqual([
      join(dir, "0002_b.sql"),
      join(dir, "0010_c.sql"),
    ]);
  });

  it("throws an input error for a missing directory", () => {
    const missing = join(dir, "nope");
    expect(() => listMigrationFiles(missing)).toThrow(InputError);
    expect(() => listMigrationFiles(missing)).toThrow(
      `${missing}: cannot read the migrations directory (ENOENT) — create it, or fix migrations_dir in wrangler.jsonc`,
    );
  });
});

describe("globToRegExp", () => {
  it("matches * and ? within one path segment and ** across segments", () => {
    expect(
      globToRegExp("m/*/migration.sql").test("m/0001_x/migration.sql"),
    ).toBe(true);
    expect(globToRegExp("m/*/migration.sql").test("m/a/b/migration.sql")).toBe(
      false,
    );
    expect(globToRegExp("m/**/*.sql").test("m/a/b/c.sql")).toBe(true);
    expect(globToRegExp("m/**/*.sql").test("m/c.sql")).toBe(true);
    expect(globToRegExp("m/000?_a.sql").test("m/0001_a.sql")).toBe(true);
    expect(globToRegExp("m/*.sql").test("m/x.sqlite")).toBe(false);
  });
});

describe("listConfiguredMigrations", () => {
  const root = mkdtempSync(join(tmpdir(), "migration-pattern-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  for (const name of ["0010_b", "0002_a"]) {
    mkdirSync(join(root, "drizzle", name), { recursive: true });
    writeFileSync(join(root, "drizzle", name, "migration.sql"), "");
  }

  it("applies migrations_pattern relative to the config's folder, in wrangler's order", () => {
    expect(
      listConfiguredMigrations(root, "drizzle", "drizzle/*/migration.sql"),
    ).toEqual([
      join(root, "drizzle/0002_a/migration.sql"),
      join(root, "drizzle/0010_b/migration.sql"),
    ]);
  });

  it("refuses a folder of .sql files that nothing matches, with or without a pattern", () => {
    expect(() => listConfiguredMigrations(root, "drizzle", undefined)).toThrow(
      /2 \.sql file\(s\) in sub-folders .* set "migrations_pattern" \(e\.g\. "drizzle\/\*\/migration\.sql"\)/,
    );
    expect(() =>
      listConfiguredMigrations(root, "drizzle", "drizzle/*.sql"),
    ).toThrow(InputError);
  });
});
