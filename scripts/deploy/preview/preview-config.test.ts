import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { environments, preview } from "../../../workflows-src/environments";
import { parsePreviewEnvironment } from "../../../workflows-src/builders/environment-model";
import { REPO_ROOT } from "../wrangler";
import { parseOpenList } from "./open-pull-requests";
import { staleDatabases } from "./preview-cleanup";
import { previewWranglerConfig, readJsonc } from "./preview-config";
import { seedSql } from "./preview-deploy";
import {
  previewAlias,
  previewDatabaseName,
  pullRequestOfDatabase,
} from "./preview-names";

const base = readJsonc(
  readFileSync(join(REPO_ROOT, "wrangler.jsonc"), "utf8"),
) as Record<string, unknown>;

function config(extra: Record<string, unknown> = {}) {
  return previewWranglerConfig({
    preview,
    base: { ...base, ...extra },
    root: "/repo",
    database: { name: "typed-cicd-pr-7", id: "uuid-7" },
    migrationsDir: "/data/drizzle/migrations",
  });
}

describe("preview wrangler config", () => {
  it("binds only the pull request's database, on the preview Worker, with absolute paths", () => {
    const c = config();
    expect(c["name"]).toBe(preview.workerName);
    expect(c["d1_databases"]).toEqual([
      {
        binding: "DB",
        database_name: "typed-cicd-pr-7",
        database_id: "uuid-7",
        migrations_dir: "/data/drizzle/migrations",
      },
    ]);
    expect(c["main"]).toBe("/repo/.open-next/worker.js");
    expect(c["assets"]).toMatchObject({ directory: "/repo/.open-next/assets" });
    expect(c["vars"]).toEqual({ APP_ENV: "preview" });
    expect(c["workers_dev"]).toBe(false);
    expect(c["preview_urls"]).toBe(true);
    // Nothing of staging's or production's env blocks comes along.
    expect(c).not.toHaveProperty("env");
    expect(JSON.stringify(c)).not.toMatch(/typed-cicd-(staging|production)/);
  });

  it("refuses bindings every preview would share", () => {
    expect(() =>
      config({ kv_namespaces: [{ binding: "KV", id: "x" }] }),
    ).toThrow(/kv_namespaces at the top level — a preview would share it/);
  });

  it("reads JSONC: comments out, // inside strings kept, trailing commas", () => {
    expect(
      readJsonc('{\n // c\n "a": "http://x", /* b */ "l": [1, 2,],\n}'),
    ).toEqual({ a: "http://x", l: [1, 2] });
  });
});

describe("preview names", () => {
  it("derives the database and alias from the number, and reads back only that shape", () => {
    expect(previewDatabaseName(preview, 12)).toBe("typed-cicd-pr-12");
    expect(previewAlias(preview, 12)).toBe("pr-12");
    expect(pullRequestOfDatabase(preview, "typed-cicd-pr-12")).toBe(12);
    for (const other of [
      "typed-cicd-pr-",
      "typed-cicd-pr-12x",
      "typed-cicd-pr-012",
      "typed-cicd-staging",
    ])
      expect(pullRequestOfDatabase(preview, other)).toBeUndefined();
    expect(() => previewDatabaseName(preview, 0)).toThrow(/positive integer/);
  });

  it("sweeps only preview databases of pull requests not open, older than the grace period", () => {
    const old = "2026-12-01T00:00:00Z";
    const dbs = [
      { name: "typed-cicd-pr-1", uuid: "a", createdAt: old },
      { name: "typed-cicd-pr-2", uuid: "b", createdAt: old },
      { name: "typed-cicd-staging", uuid: "c", createdAt: old },
      // Opened after the list of open pull requests was taken.
      { name: "typed-cicd-pr-3", uuid: "d", createdAt: "2026-12-05T11:00:00Z" },
    ];
    const now = new Date("2026-12-05T12:00:00Z");
    const stale = (minAgeMs?: number) =>
      staleDatabases(preview, dbs, new Set([2]), now, minAgeMs).map(
        (s) => s.database.name,
      );
    expect(stale()).toEqual(["typed-cicd-pr-1"]);
    expect(stale(0)).toEqual(["typed-cicd-pr-1", "typed-cicd-pr-3"]);
  });

  it("reads the open list strictly: numbers or none, never a guess", () => {
    expect([...parseOpenList("12,15")]).toEqual([12, 15]);
    expect(parseOpenList("none").size).toBe(0);
    for (const bad of ["", " ", "12,", "x"])
      expect(() => parseOpenList(bad)).toThrow(/nothing was deleted/);
  });

  it("refuses a preview prefix an environment's database starts with (the sweep would delete it)", () => {
    expect(() =>
      parsePreviewEnvironment(
        { ...preview, d1DatabasePrefix: "typed-cicd-" },
        environments,
      ),
    ).toThrow(/also starts staging's database typed-cicd-staging/);
  });

  it("gives previews a Worker no wrangler.jsonc environment deploys to", () => {
    const envs = base["env"] as Record<string, { name?: string }>;
    const names = [base["name"], ...Object.values(envs).map((e) => e.name)];
    expect(names).not.toContain(preview.workerName);
  });

  it("sends the seed without comment lines (wrangler reads a leading - as a flag)", () => {
    expect(seedSql("-- why\nINSERT INTO t VALUES (1);\n  -- more\n")).toBe(
      "INSERT INTO t VALUES (1);",
    );
  });
});
