import { describe, expect, it } from "vitest";
import { chooseRollbackTarget, describeDeployments } from "./rollback-target";
import { readDeploymentList, type Deployment } from "./wrangler-output";

const V1 = "11111111-1111-4111-8111-111111111111";
const V2 = "22222222-2222-4222-8222-222222222222";
const V3 = "33333333-3333-4333-8333-333333333333";
const V4 = "44444444-4444-4444-8444-444444444444";

interface Row {
  id: string;
  day: number;
  traffic: [string, number][];
  message?: string;
  triggeredBy?: string;
  rollbackFrom?: string;
}

/** Shaped like `wrangler deployments list --json` (oldest first), parsed by the real reader. */
function history(...rows: Row[]): Deployment[] {
  return readDeploymentList(
    JSON.stringify(
      rows.map((r) => ({
        id: r.id,
        source: "wrangler",
        strategy: "percentage",
        author_email: "ci@example.com",
        created_on: `2026-11-${String(r.day).padStart(2, "0")}T10:00:00.000000Z`,
        annotations: {
          "workers/triggered_by": r.triggeredBy ?? "deployment",
          ...(r.message ? { "workers/message": r.message } : {}),
          ...(r.rollbackFrom
            ? { "workers/rollback_from": r.rollbackFrom }
            : {}),
        },
        versions: r.traffic.map(([version_id, percentage]) => ({
          version_id,
          percentage,
        })),
      })),
    ),
  );
}

const d = (
  id: string,
  day: number,
  version: string,
  extra: Partial<Row> = {},
): Row => ({ id, day, traffic: [[version, 100]], ...extra });

describe("chooseRollbackTarget", () => {
  it("normal case: the version that served before the current one", () => {
    expect(
      chooseRollbackTarget(
        history(d("d1", 20, V1), d("d2", 21, V2), d("d3", 22, V3)),
      ),
    ).toEqual({ ok: true, versionId: V2, fromVersionId: V3 });
  });

  it("skips the 0% smoke-test deployment of a release", () => {
    expect(
      chooseRollbackTarget(
        history(
          d("d1", 20, V1),
          d("d2", 21, V2),
          {
            id: "s3",
            day: 22,
            traffic: [
              [V2, 100],
              [V3, 0],
            ],
          },
          d("d3", 23, V3),
        ),
      ),
    ).toMatchObject({ ok: true, versionId: V2 });
  });

  it("after an automatic rollback: never the bad version the release rolled back from", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      {
        id: "s3",
        day: 22,
        traffic: [
          [V2, 100],
          [V3, 0],
        ],
      },
      d("d3", 23, V3, { message: `deploy ${"a".repeat(40)} to production` }),
      d("r4", 24, V2, {
        message: "automatic rollback: https://… does not serve aaaa healthily",
      }),
    );
    // The naive default (newest version other than the serving V2) would be V3, the bad one.
    expect(chooseRollbackTarget(list)).toEqual({
      ok: true,
      versionId: V1,
      fromVersionId: V2,
    });
  });

  it("after a manual rollback: goes further back, not forward to what was rolled back", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      d("d3", 22, V3),
      d("r4", 23, V2, { message: "manual rollback: 500s on /api/notes" }),
    );
    expect(chooseRollbackTarget(list)).toMatchObject({
      ok: true,
      versionId: V1,
    });
  });

  it("recognises a rollback by its shape when nothing annotates it (e.g. a dashboard rollback without annotations)", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      d("d3", 22, V3),
      d("r4", 23, V2, { message: "oops, back" }),
    );
    expect(chooseRollbackTarget(list)).toMatchObject({
      ok: true,
      versionId: V1,
    });
  });

  it("uses Cloudflare's annotation when the shape cannot tell (the rollback's target is older than the list)", () => {
    const list = history(
      d("d2", 20, V1),
      d("d3", 21, V2),
      // A rollback to V4, whose own deployment is no longer listed, away from d3 (V2).
      d("r4", 22, V4, { triggeredBy: "rollback", rollbackFrom: "d3" }),
      d("d5", 23, V3),
    );
    // Unannotated, r4 would look like a fresh deploy of V4 and V4 would be the default.
    expect(chooseRollbackTarget(list)).toMatchObject({
      ok: true,
      versionId: V1,
      fromVersionId: V3,
    });
  });

  it.each([
    "automatic rollback: https://… does not serve aaaa healthily",
    "manual rollback: 500s on /api/notes",
    "Rollback",
  ])(
    "recognises a rollback by its message alone (%s), when neither annotation nor shape tells",
    (message) => {
      // V1's own deployment is older than the list, so only the message marks r4 as a rollback.
      const list = history(
        d("d2", 20, V2),
        d("d3", 21, V3),
        d("r4", 22, V1, { message }),
      );
      expect(chooseRollbackTarget(list)).toEqual({
        ok: true,
        versionId: V2,
        fromVersionId: V1,
      });
    },
  );

  it("excludes the version Cloudflare names as rolled back from, even when it is not the deployment just before", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      d("d3", 22, V3),
      d("d4", 23, V4),
      d("r5", 24, V1, { triggeredBy: "rollback", rollbackFrom: "d3" }),
    );
    expect(chooseRollbackTarget(list)).toEqual({
      ok: true,
      versionId: V2,
      fromVersionId: V1,
    });
  });

  it("after a fix-forward the bad version stays excluded, the fix is the default", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      d("r3", 22, V1, { message: "automatic rollback: …" }),
      d("d4", 23, V3),
      d("d5", 24, V4),
    );
    expect(chooseRollbackTarget(list)).toMatchObject({
      ok: true,
      versionId: V3,
    });
  });

  it("refuses when the source of a rollback is outside the listed history", () => {
    const list = history(
      d("r1", 20, V1, { triggeredBy: "rollback", rollbackFrom: "gone" }),
      d("d2", 21, V2),
      d("d3", 22, V3),
    );
    expect(chooseRollbackTarget(list)).toEqual({
      ok: false,
      fromVersionId: V3,
      reason:
        "deployment r1 (2026-11-20T10:00:00.000000Z) is a rollback, but the deployment it replaced is older than the listed history, so the version it moved away from is unknown",
    });
  });

  it("refuses when every other version was rolled back from", () => {
    const list = history(
      d("d1", 20, V1),
      d("d2", 21, V2),
      d("r3", 22, V1, { message: "automatic rollback: …" }),
    );
    expect(chooseRollbackTarget(list)).toEqual({
      ok: false,
      fromVersionId: V1,
      reason:
        "none of the last 3 deployment(s) serves a version other than the current one that no rollback moved away from",
    });
    expect(chooseRollbackTarget([])).toEqual({
      ok: false,
      reason: "the Worker has no deployments",
    });
  });
});

describe("describeDeployments", () => {
  it("lists newest first with traffic, role and message", () => {
    expect(
      describeDeployments(
        history(
          d("d1", 20, V1),
          d("d2", 21, V2),
          d("r3", 22, V1, { message: "automatic rollback: x" }),
        ),
      ),
    ).toEqual([
      `2026-11-22T10:00:00.000000Z  ${V1}@100%  (serving, rollback)  "automatic rollback: x"`,
      `2026-11-21T10:00:00.000000Z  ${V2}@100%`,
      `2026-11-20T10:00:00.000000Z  ${V1}@100%`,
    ]);
  });
});
