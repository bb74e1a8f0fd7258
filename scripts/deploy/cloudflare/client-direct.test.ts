/**
 * The client's direct reads, branch by branch, with a recorded request function: which account and
 * path each read asks, and how Cloudflare's answers map to the states the deploy steps branch on.
 * (wrangler-contract.test.ts compares the same reads with wrangler's against the double.)
 */
import { describe, expect, it } from "vitest";
import type { CloudflareAnswer } from "./api";
import { createCloudflareClient } from "./client";
import { CloudflareError } from "./cloudflare-error";
import type { ScopeResources } from "./scope-resources";
import { REMOTE } from "../wrangler-args";

const scope = { wranglerEnv: "staging", d1Binding: "DB" };
const ok = (result: unknown): CloudflareAnswer => ({
  status: 200,
  success: true,
  result,
  error: "",
  notes: [],
});
const refused = (status: number, code: number, message: string) => ({
  status,
  success: false,
  result: null,
  error: `${message} [code: ${code}]`,
  notes: [`${message} [code: ${code}]`],
  code,
});

function client(
  answer: (path: string, body?: unknown) => CloudflareAnswer,
  resources: ScopeResources,
) {
  const asked: string[] = [];
  const started: string[] = [];
  const cloudflare = createCloudflareClient({
    wrangler: async (args) => {
      started.push(args.join(" "));
      throw new Error("no wrangler in this test");
    },
    api: {
      get: async (path, send) => {
        asked.push(`${send === undefined ? "GET" : "POST"} ${path}`);
        return answer(path, send?.body);
      },
      accountId: "env-account",
      resources: () => resources,
    },
  });
  return { cloudflare, asked, started };
}

const deployment = (id: string, createdOn: string) => ({
  id,
  created_on: createdOn,
  source: "wrangler",
  strategy: "percentage",
  annotations: { "workers/triggered_by": "deployment" },
  versions: [{ version_id: `v-${id}`, percentage: 100 }],
});

describe("the client's direct reads", () => {
  it("ask the Worker the config names, in the account wrangler would use (the config's account_id first)", async () => {
    const newest = deployment("b", "2026-12-02T00:00:00Z");
    const older = deployment("a", "2026-12-01T00:00:00Z");
    const { cloudflare, asked, started } = client(
      () => ok({ deployments: [newest, older] }),
      { workerName: "site-staging", accountId: "config-account" },
    );
    expect(await cloudflare.deploymentState(scope)).toEqual({
      kind: "serving",
      deployment: newest,
    });
    expect((await cloudflare.listDeployments(scope)).map((d) => d.id)).toEqual([
      "a",
      "b",
    ]);
    expect(asked).toEqual([
      "GET /accounts/config-account/workers/scripts/site-staging/deployments",
      "GET /accounts/config-account/workers/scripts/site-staging/deployments",
    ]);
    expect(started).toEqual([]);
  });

  it("tell a Worker without deployments from one Cloudflare does not have", async () => {
    const empty = client(() => ok({ deployments: [] }), { workerName: "w" });
    expect(await empty.cloudflare.deploymentState(scope)).toEqual({
      kind: "no-deployments",
    });
    const missing = client(
      () => refused(404, 10007, "This Worker does not exist on your account."),
      { workerName: "w" },
    );
    expect(await missing.cloudflare.deploymentState(scope)).toEqual({
      kind: "no-worker",
    });
    expect(empty.asked[0]).toBe(
      "GET /accounts/env-account/workers/scripts/w/deployments",
    );
  });

  it("send D1 queries as wrangler d1 execute --remote does, and raise SQL errors with the API's code and note", async () => {
    const bodies: unknown[] = [];
    const { cloudflare, asked } = client(
      (path, body) => {
        bodies.push(body);
        return String((body as { sql: string }).sql).includes("missing")
          ? refused(400, 7500, "no such table: missing: SQLITE_ERROR")
          : ok([
              { results: [{ n: 1 }], success: true, meta: {} },
              { results: [], success: true, meta: {} },
            ]);
      },
      { databaseId: "db-uuid" },
    );
    expect(
      await cloudflare.queries(scope, REMOTE, [
        "SELECT 1 AS n",
        "DELETE FROM x\r\nWHERE 0",
      ]),
    ).toEqual([[{ n: 1 }], []]);
    expect(bodies[0]).toEqual({ sql: "SELECT 1 AS n; DELETE FROM x\nWHERE 0" });
    expect(asked[0]).toBe(
      "POST /accounts/env-account/d1/database/db-uuid/query",
    );
    const error = await cloudflare
      .query(scope, REMOTE, "SELECT * FROM missing")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CloudflareError);
    expect((error as CloudflareError).code).toBe(7500);
    expect((error as CloudflareError).message).toBe(
      "POST /accounts/…/d1/database/db-uuid/query failed: no such table: missing: SQLITE_ERROR [code: 7500] (Cloudflare answered HTTP 400)",
    );
    // A missing d1_migrations table is "nothing applied yet", as through wrangler.
    const fresh = client(
      () => refused(400, 7500, "no such table: d1_migrations: SQLITE_ERROR"),
      { databaseId: "db-uuid" },
    );
    expect(await fresh.cloudflare.appliedMigrations(scope, REMOTE)).toEqual([]);
  });

  it("read the bookmark and a version's tag; an answer of another shape names the request", async () => {
    const { cloudflare, asked } = client(
      (path) =>
        path.endsWith("/time_travel/bookmark")
          ? ok({ bookmark: "0000001a-00000002-00004f6d-8b3c" })
          : ok({ id: "v1", annotations: { "workers/tag": "abc123" } }),
      { workerName: "w", databaseId: "db" },
    );
    expect(await cloudflare.bookmark(scope)).toBe(
      "0000001a-00000002-00004f6d-8b3c",
    );
    expect(await cloudflare.versionTag(scope, "v1")).toBe("abc123");
    expect(asked).toEqual([
      "GET /accounts/env-account/d1/database/db/time_travel/bookmark",
      "GET /accounts/env-account/workers/scripts/w/versions/v1",
    ]);
    const odd = client(() => ok({ bookmarks: [] }), { databaseId: "db" });
    await expect(odd.cloudflare.bookmark(scope)).rejects.toThrow(
      "GET /accounts/…/d1/database/db/time_travel/bookmark: unexpected answer at bookmark",
    );
  });

  it("leave to wrangler what the config does not name, and a bookmark by timestamp", async () => {
    const { cloudflare, asked, started } = client(() => ok({}), {});
    await expect(cloudflare.deploymentState(scope)).rejects.toThrow(
      "no wrangler in this test",
    );
    const withDb = client(() => ok({}), { databaseId: "db" });
    await expect(
      withDb.cloudflare.bookmark(scope, { timestamp: "2026-12-01T00:00:00Z" }),
    ).rejects.toThrow("no wrangler in this test");
    expect(asked).toEqual([]);
    expect(withDb.asked).toEqual([]);
    expect(started).toEqual(["deployments status --env staging --json"]);
    expect(withDb.started[0]).toContain("d1 time-travel info DB");
  });
});
