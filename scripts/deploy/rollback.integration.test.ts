import { createCloudflareClient } from "./cloudflare";
import { afterEach, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import { silentLog } from "./deploy-log";
import { fakeWrangler } from "./fixtures/fake-wrangler";
import {
  answer,
  healthBody,
  startHealthServer,
  type HealthServer,
} from "./scripted-health-server";
import { rollBack, rollbackSummary, type RollbackPlan } from "./rollback";
import { pollHealth, type PollOptions } from "./health-poll";
import { virtualClock } from "./virtual-clock";

/**
 * The real poll against real servers, with time that passes only when the poll sleeps: deadlines
 * and request timeouts count attempts, not milliseconds.
 */
const virtualPoll = (options: PollOptions) =>
  pollHealth({ ...options, clock: virtualClock() });

const SECRETS = { CLOUDFLARE_API_TOKEN: "t", CLOUDFLARE_ACCOUNT_ID: "a" };
const V1 = "11111111-1111-4111-8111-111111111111";
const V2 = "22222222-2222-4222-8222-222222222222";
const V3 = "33333333-3333-4333-8333-333333333333";
const staging = environments.staging;

const deployments = JSON.stringify(
  [
    [V1, "2026-11-20T10:00:00Z"],
    [V2, "2026-11-21T10:00:00Z"],
    [V3, "2026-11-22T10:00:00Z"],
  ].map(([version_id, created_on], i) => ({
    id: `d${i}`,
    created_on,
    versions: [{ version_id, percentage: 100 }],
  })),
);

let server: HealthServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function plan(
  overrides: Partial<RollbackPlan> = {},
): Promise<RollbackPlan> {
  server = await startHealthServer(
    answer(200, healthBody("fedcba9876543210fedcba9876543210fedcba98")),
  );
  return {
    environment: staging,
    worker: true,
    reason: "manual rollback by octocat",
    publicUrl: server.url,
    healthDeadlineMs: 800,
    // Virtual time (virtualPoll): a real request is never cut short by a busy machine, and a
    // failing check asks exactly 3 times, at 0, 250 and 700 ms.
    requestTimeoutMs: 5000,
    ...overrides,
  };
}

describe("rollBack (remote orchestration: recorded wrangler, real health check)", () => {
  it("defaults to the previous serving version", async () => {
    const fake = fakeWrangler({
      "deployments list": { stdout: deployments },
      rollback: {},
    });
    const report = await rollBack(await plan(), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls).toEqual([
      ["deployments", "list", "--env", "staging", "--json"],
      [
        "rollback",
        V2,
        "--env",
        "staging",
        "--message",
        "manual rollback by octocat",
        "--yes",
      ],
    ]);
    expect(report).toMatchObject({
      ok: true,
      fromVersionId: V3,
      toVersionId: V2,
    });
    expect(rollbackSummary(report)).toContain(
      `- Worker: \`${V3}\` → \`${V2}\``,
    );
  });

  it("stops before wrangler rollback when the target is from before a Durable Object migration, and says why; an unchecked target goes ahead, logged", async () => {
    const fake = fakeWrangler({
      "deployments list": { stdout: deployments },
      rollback: {},
    });
    const asked: string[] = [];
    const refused = await rollBack(await plan(), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
      migrationGuard: (versionId) => {
        asked.push(versionId);
        return Promise.resolve({
          kind: "crosses",
          reason: "staging: version … was built at Durable Object migration v1",
        });
      },
    });
    expect(asked).toEqual([V2]);
    expect(fake.calls.map((c) => c[0])).toEqual(["deployments"]);
    expect(refused).toMatchObject({
      ok: false,
      error: expect.stringContaining("built at Durable Object migration v1"),
    });
    expect(refused.toVersionId).toBeUndefined();

    const lines: string[] = [];
    const unchecked = await rollBack(await plan(), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: { ...silentLog, info: (line: string) => void lines.push(line) },
      poll: virtualPoll,
      migrationGuard: () =>
        Promise.resolve({
          kind: "unchecked",
          why: "commit … is not in this clone",
        }),
    });
    expect(unchecked).toMatchObject({ ok: true, toVersionId: V2 });
    expect(lines).toContain(
      "  Durable Object migrations not compared: commit … is not in this clone",
    );
  });

  it("after an automatic rollback, the default skips the bad version the deploy rolled back from", async () => {
    const afterAutomatic = JSON.stringify(
      [
        [V1, "2026-11-20T10:00:00Z", "deploy v1"],
        [V2, "2026-11-21T10:00:00Z", "deploy v2"],
        [V3, "2026-11-22T10:00:00Z", "deploy v3"],
        [V2, "2026-11-22T10:05:00Z", "automatic rollback: v3 unhealthy"],
      ].map(([version_id, created_on, message], i) => ({
        id: `d${i}`,
        created_on,
        annotations: { "workers/message": message },
        versions: [{ version_id, percentage: 100 }],
      })),
    );
    const fake = fakeWrangler({
      "deployments list": { stdout: afterAutomatic },
      rollback: {},
    });
    const report = await rollBack(await plan({ reason: "v2 too" }), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.calls[1]).toEqual([
      "rollback",
      V1,
      "--env",
      "staging",
      "--message",
      "manual rollback: v2 too",
      "--yes",
    ]);
    expect(report).toMatchObject({
      ok: true,
      fromVersionId: V2,
      toVersionId: V1,
    });
  });

  it("refuses to guess when a rollback's source is outside the history, and lists the deployments", async () => {
    const unknownSource = JSON.stringify([
      {
        id: "r0",
        created_on: "2026-11-20T10:00:00Z",
        annotations: {
          "workers/triggered_by": "rollback",
          "workers/rollback_from": "older",
        },
        versions: [{ version_id: V1, percentage: 100 }],
      },
      {
        id: "d1",
        created_on: "2026-11-21T10:00:00Z",
        versions: [{ version_id: V2, percentage: 100 }],
      },
    ]);
    const fake = fakeWrangler({
      "deployments list": { stdout: unknownSource },
    });
    const report = await rollBack(await plan(), {
      cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
      env: SECRETS,
      log: silentLog,
      poll: virtualPoll,
    });
    expect(fake.commands()).toEqual(["deployments list"]);
    expect(report.ok).toBe(false);
    expect(report.error).toMatch(
      /^staging: no safe default rollback target: deployment r0 .* is a rollback, but the deployment it replaced is older than the listed history.* — pass --version <id> explicitly/,
    );
    const summary = rollbackSummary(report);
    expect(summary).toContain(`2026-11-21T10:00:00Z  ${V2}@100%  (serving)`);
    expect(summary).toContain(`2026-11-20T10:00:00Z  ${V1}@100%  (rollback)`);
  });

  // Worker + D1 restore (validated, exported, recorded in the D1 ledger) runs with the real wrangler
  // against the Cloudflare API double: incident.drill.test.ts.

  it("explains when there is no previous version or nothing to do", async () => {
    const single = JSON.stringify([
      {
        id: "d",
        created_on: "2026-11-20T10:00:00Z",
        versions: [{ version_id: V1, percentage: 100 }],
      },
    ]);
    const fake = fakeWrangler({ "deployments list": { stdout: single } });
    expect(
      await rollBack(await plan(), {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
        poll: virtualPoll,
      }),
    ).toMatchObject({
      ok: false,
      error:
        "staging: no safe default rollback target: none of the last 1 deployment(s) serves a version other than the current one that no rollback moved away from — pass --version <id> explicitly (rollback.yml: version-id), choosing from the recent deployments listed in the log and summary",
    });
    await server?.close();
    expect(
      (
        await rollBack(await plan({ worker: false }), {
          cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
          env: SECRETS,
          log: silentLog,
          poll: virtualPoll,
        })
      ).error,
    ).toMatch(/^nothing to roll back/);
  });

  it("fails when the site is unhealthy after rolling back", async () => {
    const fake = fakeWrangler({
      "deployments list": { stdout: deployments },
      rollback: {},
    });
    const p = await plan();
    await server?.close();
    server = await startHealthServer(
      answer(503, healthBody("x", "error", false)),
    );
    const report = await rollBack(
      { ...p, publicUrl: server.url },
      {
        cloudflare: createCloudflareClient({ wrangler: fake.wrangler }),
        env: SECRETS,
        log: silentLog,
        poll: virtualPoll,
      },
    );
    expect(report).toMatchObject({
      ok: false,
      error: expect.stringMatching(
        /^rolled back, but unhealthy: .*database unreachable/,
      ),
    });
    expect(server?.requests).toHaveLength(3);
  });
});
