import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  isPendingMigrationRefusal,
  migrationState,
  readWorkerMigrations,
  workerMigrationTag,
} from "./durable-object-migrations";

const config = `// comments and trailing commas, as in wrangler.jsonc
{
  "name": "blog",
  "main": "src/worker.js",
  "migrations": [
    { "tag": "v1", "new_sqlite_classes": ["DOQueueHandler"] },
    { "tag": "v2", "new_sqlite_classes": ["ArticleViews"] }, // the next release's
  ],
  "env": {
    "staging": { "name": "blog-staging" },
    "preview": {},
  },
}`;

let dir: string;
let file: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "do-migrations-"));
  file = join(dir, "wrangler.jsonc");
  writeFileSync(file, config);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("readWorkerMigrations (wrangler's own config reader)", () => {
  it("reads the env's Worker name and the inherited migrations", async () => {
    await expect(readWorkerMigrations(file, "staging")).resolves.toEqual({
      workerName: "blog-staging",
      tags: ["v1", "v2"],
    });
  });
  it("names an env's Worker <name>-<env> when the block has no name", async () => {
    expect((await readWorkerMigrations(file, "preview")).workerName).toBe(
      "blog-preview",
    );
    expect((await readWorkerMigrations(file, undefined)).workerName).toBe(
      "blog",
    );
  });
  it("names the file, the problem and the fix when the env block is missing", async () => {
    await expect(readWorkerMigrations(file, "production")).rejects.toThrow(
      `${file}: No environment found in configuration with name "production". — fix the wrangler config`,
    );
  });
}, 30_000);

describe("migrationState (wrangler's getMigrationsToUpload as data)", () => {
  it("nothing pending without migrations or at the last tag", () => {
    expect(migrationState([], "v1")).toEqual({ kind: "none", tag: "v1" });
    expect(migrationState(["v1", "v2"], "v2")).toEqual({
      kind: "none",
      tag: "v2",
    });
  });
  it("every tag is pending for a Worker without one; the rest after the Worker's tag otherwise", () => {
    expect(migrationState(["v1", "v2"], undefined)).toEqual({
      kind: "pending",
      from: undefined,
      tags: ["v1", "v2"],
    });
    expect(migrationState(["v1", "v2", "v3"], "v1")).toEqual({
      kind: "pending",
      from: "v1",
      tags: ["v2", "v3"],
    });
  });
  it("a Worker tag the config does not list is reported, not guessed", () => {
    expect(migrationState(["v1"], "v9")).toEqual({
      kind: "unknown-tag",
      tag: "v9",
    });
  });
});

describe("workerMigrationTag", () => {
  const answer =
    (success: boolean, result: unknown, error = "") =>
    async () => ({
      status: success ? 200 : 404,
      success,
      result,
      error,
      notes: error === "" ? [] : [error],
    });
  it("reads default_environment.script.migration_tag of GET …/workers/services/:name", async () => {
    const paths: string[] = [];
    const tag = await workerMigrationTag(
      async (path) => {
        paths.push(path);
        return answer(true, {
          default_environment: { script: { migration_tag: "v1" } },
        })();
      },
      "acc",
      "blog-staging",
    );
    expect(tag).toBe("v1");
    expect(paths).toEqual(["/accounts/acc/workers/services/blog-staging"]);
  });
  it("a missing Worker has no tag (10090); other failures name the call and the fix", async () => {
    await expect(
      workerMigrationTag(
        answer(
          false,
          null,
          "workers.api.error.service_not_found [code: 10090]",
        ),
        "a",
        "w",
      ),
    ).resolves.toBeUndefined();
    await expect(
      workerMigrationTag(
        answer(false, null, "Authentication error [code: 10000]"),
        "a",
        "w",
      ),
    ).rejects.toThrow(
      /Authentication error \[code: 10000\] — check the token has Workers Scripts: Read/,
    );
  });
});

describe("isPendingMigrationRefusal", () => {
  it("recognises wrangler 4.164's own refusal and the API's 10211", () => {
    expect(
      isPendingMigrationRefusal(
        "This Worker has a pending Durable Object migration, which cannot be applied by `wrangler versions upload`. Durable Object migrations must be applied with `wrangler deploy`.",
      ),
    ).toBe(true);
    expect(
      isPendingMigrationRefusal("Version upload failed. [code: 10211]"),
    ).toBe(true);
    expect(isPendingMigrationRefusal("anything", 10211)).toBe(true);
    expect(
      isPendingMigrationRefusal("Authentication error [code: 10000]", 10000),
    ).toBe(false);
  });
});
