import { describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import {
  REMOTE,
  d1ExecuteJson,
  d1MigrationsApply,
  d1MigrationsList,
  deploymentsList,
  deploymentsStatus,
  deployNewWorker,
  devLocal,
  local,
  MAX_MESSAGE_LENGTH,
  rollback,
  timeTravelInfo,
  timeTravelRestore,
  versionsDeploy,
  versionsUpload,
} from "./wrangler-args";

const { staging, production } = environments;
const topLevel = { d1Binding: "DB" };
const SHA = "0123456789abcdef0123456789abcdef01234567";
const V_NEW = "11111111-2222-4333-8444-555555555555";
const V_OLD = "99999999-8888-4777-8666-555555555555";

describe("D1 migrations: one builder, local or remote by switch", () => {
  it.each([
    [
      "staging",
      staging,
      ["d1", "migrations", "apply", "DB", "--remote", "--env", "staging"],
    ],
    [
      "production",
      production,
      ["d1", "migrations", "apply", "DB", "--remote", "--env", "production"],
    ],
  ])("apply --remote for %s", (_name, env, argv) => {
    expect(d1MigrationsApply(env, REMOTE)).toEqual(argv);
  });

  it("apply --local with a persist dir and no --env for the top-level config", () => {
    expect(d1MigrationsApply(topLevel, local(".rehearsal/d1"))).toEqual([
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--persist-to",
      ".rehearsal/d1",
    ]);
    expect(d1MigrationsApply(staging, local())).toEqual([
      "d1",
      "migrations",
      "apply",
      "DB",
      "--local",
      "--env",
      "staging",
    ]);
  });

  it("list mirrors apply", () => {
    expect(d1MigrationsList(production, REMOTE)).toEqual([
      "d1",
      "migrations",
      "list",
      "DB",
      "--remote",
      "--env",
      "production",
    ]);
    expect(d1MigrationsList(topLevel, local("/tmp/x"))).toEqual([
      "d1",
      "migrations",
      "list",
      "DB",
      "--local",
      "--persist-to",
      "/tmp/x",
    ]);
  });

  it("execute returns JSON", () => {
    expect(d1ExecuteJson(topLevel, local("/p"), "SELECT 1")).toEqual([
      "d1",
      "execute",
      "DB",
      "--local",
      "--persist-to",
      "/p",
      "--json",
      "--command",
      "SELECT 1",
    ]);
  });
});

describe("Time Travel (remote only)", () => {
  it("info asks for JSON, optionally at a timestamp", () => {
    expect(timeTravelInfo(production, REMOTE)).toEqual([
      "d1",
      "time-travel",
      "info",
      "DB",
      "--env",
      "production",
      "--json",
    ]);
    expect(
      timeTravelInfo(staging, REMOTE, { timestamp: "2026-11-25T10:00:00Z" }),
    ).toEqual([
      "d1",
      "time-travel",
      "info",
      "DB",
      "--env",
      "staging",
      "--timestamp",
      "2026-11-25T10:00:00Z",
      "--json",
    ]);
  });

  it("restore by bookmark or timestamp, with --json so no prompt blocks CI", () => {
    expect(
      timeTravelRestore(production, REMOTE, {
        bookmark: "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
      }),
    ).toEqual([
      "d1",
      "time-travel",
      "restore",
      "DB",
      "--env",
      "production",
      "--bookmark",
      "00000085-0000024c-00004c6d-8e61117bf38d7adb71b934ebbf891683",
      "--json",
    ]);
    expect(
      timeTravelRestore(staging, REMOTE, { timestamp: "1732530000" }),
    ).toEqual([
      "d1",
      "time-travel",
      "restore",
      "DB",
      "--env",
      "staging",
      "--timestamp",
      "1732530000",
      "--json",
    ]);
  });

  it("refuses a local target with a reason", () => {
    expect(() => timeTravelInfo(staging, local())).toThrow(
      "wrangler d1 time-travel info: no local mode exists",
    );
    expect(() =>
      timeTravelRestore(staging, local(), { bookmark: "b" }),
    ).toThrow(/no local mode/);
  });
});

describe("Worker versions", () => {
  it("upload tags the version with the commit SHA", () => {
    expect(
      versionsUpload(production, REMOTE, {
        tag: SHA,
        message: "deploy main@0123456",
      }),
    ).toEqual([
      "versions",
      "upload",
      "--env",
      "production",
      "--tag",
      SHA,
      "--message",
      "deploy main@0123456",
    ]);
  });

  it("upload locally is the same command as a dry run", () => {
    expect(
      versionsUpload(staging, local(), {
        tag: SHA,
        message: "m",
        dryRunOutdir: ".rehearsal/bundle",
      }),
    ).toEqual([
      "versions",
      "upload",
      "--env",
      "staging",
      "--tag",
      SHA,
      "--message",
      "m",
      "--dry-run",
      "--outdir",
      ".rehearsal/bundle",
    ]);
  });

  it("deploy promotes to 100% without prompting", () => {
    expect(
      versionsDeploy(
        staging,
        REMOTE,
        [{ versionId: V_NEW, percentage: 100 }],
        "promote",
      ),
    ).toEqual([
      "versions",
      "deploy",
      `${V_NEW}@100%`,
      "--env",
      "staging",
      "--message",
      "promote",
      "--yes",
    ]);
  });

  it("deploy can stage a 0% smoke-test deployment next to the serving version", () => {
    expect(
      versionsDeploy(
        production,
        REMOTE,
        [
          { versionId: V_OLD, percentage: 100 },
          { versionId: V_NEW, percentage: 0 },
        ],
        "smoke",
      ),
    ).toEqual([
      "versions",
      "deploy",
      `${V_OLD}@100%`,
      `${V_NEW}@0%`,
      "--env",
      "production",
      "--message",
      "smoke",
      "--yes",
    ]);
  });

  it("deploy rejects traffic that does not sum to 100", () => {
    expect(() =>
      versionsDeploy(
        staging,
        REMOTE,
        [{ versionId: V_NEW, percentage: 50 }],
        "m",
      ),
    ).toThrow(/summing to 100/);
    expect(() => versionsDeploy(staging, REMOTE, [], "m")).toThrow(
      /summing to 100/,
    );
  });

  it("rollback names the version and the reason", () => {
    expect(rollback(production, REMOTE, V_OLD, "health check failed")).toEqual([
      "rollback",
      V_OLD,
      "--env",
      "production",
      "--message",
      "health check failed",
      "--yes",
    ]);
  });

  it("a Worker that does not exist yet is created by deploy, tagged like an upload, without OpenNext delegation", () => {
    expect(
      deployNewWorker(staging, REMOTE, {
        tag: SHA,
        message: `deploy ${SHA} to staging`,
      }),
    ).toEqual([
      "deploy",
      "--env",
      "staging",
      "--tag",
      SHA,
      "--message",
      `deploy ${SHA} to staging`,
      "--autoconfig=false",
    ]);
    expect(() =>
      deployNewWorker(staging, local(), { tag: SHA, message: "m" }),
    ).toThrow(/wrangler deploy: no local mode/);
  });

  it("deployments status and list return JSON", () => {
    expect(deploymentsStatus(staging, REMOTE)).toEqual([
      "deployments",
      "status",
      "--env",
      "staging",
      "--json",
    ]);
    expect(deploymentsList(production, REMOTE)).toEqual([
      "deployments",
      "list",
      "--env",
      "production",
      "--json",
    ]);
  });

  it("version commands have no local mode", () => {
    expect(() =>
      versionsDeploy(
        staging,
        local(),
        [{ versionId: V_NEW, percentage: 100 }],
        "m",
      ),
    ).toThrow(/versions deploy: no local mode/);
    expect(() => rollback(staging, local(), V_OLD, "m")).toThrow(
      /rollback: no local mode/,
    );
    expect(() => deploymentsStatus(staging, local())).toThrow(/no local mode/);
    expect(() => deploymentsList(staging, local())).toThrow(/no local mode/);
  });

  it("values that wrangler would read as flags are refused", () => {
    expect(() => rollback(staging, REMOTE, "--help", "m")).toThrow(
      'wrangler argument version id: invalid value "--help"',
    );
    expect(() =>
      versionsUpload(staging, REMOTE, { tag: "", message: "m" }),
    ).toThrow(/--tag: invalid value ""/);
  });
});

describe("local serving", () => {
  it("serves on a chosen port with a persist dir and optional vars", () => {
    expect(
      devLocal(topLevel, {
        port: 4321,
        persistTo: "/tmp/d1",
        vars: { APP_ENV: "rehearsal" },
      }),
    ).toEqual([
      "dev",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      "4321",
      "--inspector-port",
      "0",
      "--persist-to",
      "/tmp/d1",
      "--show-interactive-dev-session=false",
      "--live-reload=false",
      "--var",
      "APP_ENV:rehearsal",
    ]);
  });

  it("selects a wrangler env and a fixed inspector port for parallel servers", () => {
    expect(
      devLocal(staging, {
        port: 4321,
        persistTo: "/tmp/d1",
        inspectorPort: 9230,
      }),
    ).toEqual([
      "dev",
      "--env",
      "staging",
      "--local",
      "--ip",
      "127.0.0.1",
      "--port",
      "4321",
      "--inspector-port",
      "9230",
      "--persist-to",
      "/tmp/d1",
      "--show-interactive-dev-session=false",
      "--live-reload=false",
    ]);
  });
});

describe("deployment messages", () => {
  it("fold to one line within wrangler's message budget, so a rollback never fails on its reason", () => {
    const reason = `automatic rollback: ${"https://example.workers.dev does not serve abc\n".repeat(8)}`;
    const argv = rollback(production, REMOTE, V_OLD, reason);
    const message = argv[argv.indexOf("--message") + 1] as string;
    expect(message).toHaveLength(MAX_MESSAGE_LENGTH);
    expect(message).toMatch(
      /^automatic rollback: https:\/\/example\.workers\.dev does not serve abc https:.*…$/,
    );
    expect(message).not.toContain("\n");
    expect(
      versionsDeploy(
        staging,
        REMOTE,
        [{ versionId: V_NEW, percentage: 100 }],
        "deploy abc",
      ),
    ).toContain("deploy abc");
  });
});
