import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import type { MigrationState } from "./cloudflare/durable-object-migrations";
import {
  checkRollbackMigrations,
  crossesMigration,
  fileAtCommit,
} from "./rollback-migration-guard";

const staging = environments.staging;

/** The repository's wrangler.jsonc with these Durable Object migration tags (top level, inherited). */
function config(tags: readonly string[]): string {
  return `// blog
{
  "name": "blog",
  "main": ".open-next/worker.js",
  "compatibility_date": "2025-01-01",
  "durable_objects": { "bindings": [{ "name": "VIEWS", "class_name": "Views" }] },
  "migrations": [${tags.map((tag) => `{ "tag": "${tag}", "new_sqlite_classes": ["C${tag}"] }`).join(", ")}],
  "env": { "staging": { "name": "blog-staging" } },
}
`;
}

let repo: string;
const commits: Record<string, string> = {};
function commit(name: string, text: string): void {
  writeFileSync(join(repo, "wrangler.jsonc"), text);
  const git = (...args: string[]) =>
    execFileSync("git", args, { cwd: repo, encoding: "utf8" }).trim();
  git("add", "-A");
  git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", name);
  commits[name] = git("rev-parse", "HEAD");
}

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "rollback-guard-"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  commit("before-v2", config(["v1"]));
  commit("at-v2", config(["v1", "v2"]));
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** Cloudflare's side as the client reports it: the target's tag, the Worker's migration state. */
function cf(target: string | undefined, state: MigrationState) {
  return {
    versionTag: () => Promise.resolve(target),
    durableObjectMigrations: () =>
      Promise.resolve({ workerName: "blog-staging", state }),
  };
}

const guard = (target: string | undefined, workerTag: string) =>
  checkRollbackMigrations({
    cf: cf(target, { kind: "none", tag: workerTag }),
    env: staging,
    versionId: "0b5e…",
    configFile: join(repo, "wrangler.jsonc"),
    configAt: (sha) => fileAtCommit(repo, sha, "wrangler.jsonc"),
  });

describe("a Worker rollback across a Durable Object migration", () => {
  it("compares the target's last tag with the Worker's", () => {
    expect(crossesMigration(["v1"], "v2")).toBe(true);
    expect(crossesMigration(["v1", "v2"], "v2")).toBe(false);
    expect(crossesMigration([], undefined)).toBe(false);
    expect(crossesMigration([], "v1")).toBe(true);
  });

  it("is refused before Cloudflare is asked: the target's commit, read from git with wrangler's own config reader, ends before the Worker's tag", async () => {
    const result = await guard(commits["before-v2"], "v2");
    expect(result).toEqual({
      kind: "crosses",
      reason: expect.stringMatching(
        /^staging: version 0b5e… \(commit [0-9a-f]{12}\) was built at Durable Object migration v1, and the Worker stands at v2: Cloudflare refuses a rollback across a Durable Object migration, so nothing was changed — fix forward .* or pass --version with a version released at v2 or later$/,
      ),
    });
    // The copy wrangler read beside the config is gone.
    expect(readdirSync(repo).filter((f) => f.startsWith(".rollback-"))).toEqual(
      [],
    );
  });

  it("lets a target at the Worker's tag through", async () => {
    expect(await guard(commits["at-v2"], "v2")).toEqual({ kind: "clear" });
  });

  it("says what it could not compare, and lets the rollback go ahead as before", async () => {
    expect(await guard(undefined, "v2")).toMatchObject({
      kind: "unchecked",
      why: expect.stringMatching(/carries no commit tag/),
    });
    expect(await guard("f".repeat(40), "v2")).toMatchObject({
      kind: "unchecked",
      why: expect.stringMatching(
        /^commit ffffffffffff .* is not in this clone/,
      ),
    });
  });
});
