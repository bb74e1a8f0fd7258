import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "./input-error";
import {
  migrationsConfig,
  migrationsDirFromConfig,
  migrationsDirIn,
} from "./wrangler-config";

const read = (text: string, binding = "DB") =>
  migrationsDirFromConfig(text, "wrangler.jsonc", binding);

describe("migrationsDirFromConfig", () => {
  it("reads the top-level binding's migrations_dir from JSONC", () => {
    const text = `{
      // local
      "d1_databases": [
        { "binding": "OTHER", "migrations_dir": "other" },
        { "binding": "DB", "migrations_dir": "drizzle/migrations", },
      ],
      "env": { "production": { "d1_databases": [{ "binding": "DB", "migrations_dir": "prod" }] } },
    }`;
    expect(read(text)).toBe("drizzle/migrations");
    expect(read(text, "OTHER")).toBe("other");
    expect(read(text, "MISSING")).toBe("other");
  });

  it("uses wrangler's default directory when migrations_dir is not set", () => {
    expect(read('{ "d1_databases": [{ "binding": "DB" }] }')).toBe(
      "migrations",
    );
  });

  it("throws one-line input errors for malformed or incomplete config", () => {
    expect(() => read("{ nope }")).toThrow(InputError);
    expect(() => read("{ nope }")).toThrow(
      /^wrangler\.jsonc: not valid JSONC \(.+\) — fix the syntax, e\.g\. a missing comma or quote$/,
    );
    expect(() => read("{}")).toThrow(
      'wrangler.jsonc: d1_databases: no D1 database configured — add one with "migrations_dir", or pass migration files as arguments',
    );
    expect(() =>
      read('{ "d1_databases": [{ "binding": "DB", "migrations_dir": 3 }] }'),
    ).toThrow(
      /^wrangler\.jsonc: d1_databases\.0\.migrations_dir: .+ — see https:\/\/developers\.cloudflare\.com/,
    );
    expect(() => read("[]")).toThrow(/^wrangler\.jsonc: top level: /);
  });
});

describe("migrationsConfig", () => {
  it("reads migrations_pattern next to migrations_dir", () => {
    const text =
      '{ "d1_databases": [{ "binding": "DB", "migrations_dir": "drizzle", "migrations_pattern": "drizzle/*/migration.sql" }] }';
    expect(migrationsConfig(text, "wrangler.jsonc", "DB")).toEqual({
      dir: "drizzle",
      pattern: "drizzle/*/migration.sql",
    });
    expect(
      migrationsConfig(
        '{ "d1_databases": [{ "binding": "DB" }] }',
        "w.jsonc",
        "DB",
      ),
    ).toEqual({
      dir: "migrations",
    });
  });
});

describe("migrationsDirIn (what deploy:migrate applies from)", () => {
  it("reads an app's wrangler.json, as wrangler does when there is no wrangler.jsonc", () => {
    const root = mkdtempSync(path.join(os.tmpdir(), "wrangler-json-"));
    try {
      writeFileSync(
        path.join(root, "wrangler.json"),
        JSON.stringify({
          d1_databases: [{ binding: "DB", migrations_dir: "db/migrations" }],
        }),
      );
      expect(migrationsDirIn(root, "DB")).toBe("db/migrations");
    } finally {
      rmSync(root, { recursive: true });
    }
  });
});
