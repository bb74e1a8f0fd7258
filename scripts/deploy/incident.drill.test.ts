/**
 * Drill: the RUNBOOK's incident section walked end to end against the Cloudflare API double, with
 * the deploy CLIs as the workflows run them (npm run deploy:migrate / deploy:release /
 * deploy:rollback, real wrangler). Bad version B plus a destructive migration M, then:
 * step 0 collect → step 3 Worker + D1 restore "before migration M" (export saved first) →
 * re-running B's deploy stops before migrating and names M → revert M, and the deploy goes on →
 * a later re-run of B's old run is skipped as superseded before its migrate step touches D1.
 */
import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  createWorld,
  ENV_NAME,
  type World,
} from "../cloudflare-double/scenarios/world";
import { cleanEnv, type CliRun } from "../cloudflare-double/scenarios/run-cli";
import { D1_EXPORT_RECIPIENT, unseal } from "./d1-export/seal-export";

const M = "0001_delete_notes.sql";
const env = ["--env", ENV_NAME];
/** A CLI run that must pass; on failure the message names the command and its verdict line. */
function succeeded(run: CliRun): void {
  expect(run.code, `${run.command}: ${run.lastError}`).toBe(0);
}

const HEALTH = ["--deadline", "4s", "--request-timeout", "2s"];

let dir: string;
let world: World;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "incident-drill-"));
  world = await createWorld(dir);
}, 120_000);
afterAll(async () => {
  await world.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The folder rollback.yml uploads as d1-export-<env> (the generated workflow, not a constant). */
function uploadedPath(): string {
  const workflow = parse(
    readFileSync(".github/workflows/rollback.yml", "utf8"),
  ) as {
    jobs: Record<
      string,
      { steps: { with?: { name?: string; path?: string } }[] }
    >;
  };
  const step = Object.values(workflow.jobs)
    .flatMap((job) => job.steps)
    .find((s) => s.with?.name === `d1-export-${ENV_NAME}`);
  return step?.with?.path ?? "(no d1-export upload step)";
}

const notes = async () =>
  (await world.sql("SELECT message FROM notes ORDER BY id")).map(
    (r) => r["message"],
  );

describe("drill: a bad release with a destructive migration, by the runbook", () => {
  it("restores before M, saves the rows first, and keeps M from being applied again", async () => {
    // A good release A, and a row a user wrote.
    const a = world.sandbox.commit("A");
    world.sandbox.artifact(a);
    succeeded(await world.cli("deploy:migrate", [...env, "--skip-lint"]));
    succeeded(
      await world.cli("deploy:release", [...env, "--sha", a, ...HEALTH]),
    );
    await world.sql(
      "INSERT INTO notes (author, message, created_at) VALUES ('u', 'kept', 1)",
    );

    // B ships M, which destroys data (the lint would flag it; the drill is about what follows).
    writeFileSync(
      join(world.sandbox.root, "drizzle/migrations", M),
      "DELETE FROM notes;\n",
    );
    const b = world.sandbox.commit("B: bad, with M");
    world.sandbox.artifact(b);
    const migrateB = await world.cli("deploy:migrate", [...env, "--skip-lint"]);
    succeeded(migrateB);
    expect(migrateB.outputs["applied"]).toBe(M);
    // Step 0 (collect): the bookmark comes only from the run that applied something.
    const bookmark = migrateB.outputs["bookmark"] ?? "";
    expect(bookmark).toMatch(/^[0-9a-f]{8}-/);
    succeeded(
      await world.cli("deploy:release", [...env, "--sha", b, ...HEALTH]),
    );
    expect(await notes()).toEqual([]);
    // A user writes after M: only the export will hold this row once D1 is restored.
    await world.sql(
      "INSERT INTO notes (author, message, created_at) VALUES ('u', 'written after M', 2)",
    );

    // Re-running the migrate step applies nothing and takes no bookmark (it would name nothing).
    const rerun = await world.cli("deploy:migrate", [...env, "--skip-lint"]);
    succeeded(rerun);
    expect(rerun.outputs["bookmark"] ?? "").toBe("");

    // Step 3: Worker + D1 restore, named as "before migration M" — as rollback.yml runs it on a
    // public repository with a recipient key committed: only the sealed export is uploaded.
    const { publicKey, privateKey } = generateKeyPairSync("rsa", {
      modulusLength: 3072,
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    mkdirSync(join(world.sandbox.root, ".github"), { recursive: true });
    writeFileSync(join(world.sandbox.root, D1_EXPORT_RECIPIENT), publicKey);
    const event = join(dir, "event.json");
    writeFileSync(event, JSON.stringify({ repository: { private: false } }));
    const runnerTemp = join(dir, "runner-temp");
    const rollback = await world.cli(
      "deploy:rollback",
      [
        ...env,
        "--before-migration",
        M,
        "--reason",
        "drill: M deleted notes",
        "--deadline",
        "4s",
      ],
      {
        GITHUB_ACTIONS: "true",
        GITHUB_EVENT_PATH: event,
        RUNNER_TEMP: runnerTemp,
      },
    );
    expect(rollback.code, rollback.stderr).toBe(0);
    expect(rollback.outputs["undo-bookmark"]).toMatch(/^[0-9a-f]{8}-/);
    expect(await notes()).toEqual(["kept"]);
    expect(await world.servingTag()).toBe(a);
    const log = rollback.stdout + rollback.stderr;
    expect(log).toContain(`Undone migrations: \`${M}\``);
    expect(log).toContain(
      `the D1 export is uploaded only sealed to ${D1_EXPORT_RECIPIENT} as artifact d1-export-${ENV_NAME} (kept 7 days)`,
    );
    // The artifact: what rollback.yml uploads holds the export, sealed, and nothing in clear.
    const uploaded = join(world.sandbox.root, uploadedPath());
    const files = readdirSync(uploaded).sort();
    expect(files).toHaveLength(2);
    const [enc, key] = files as [string, string];
    expect(enc).toMatch(/^staging-before-restore-.*\.sql\.enc$/);
    expect(key).toBe(enc.replace(/\.enc$/, ".key"));
    const sql = unseal(
      {
        data: readFileSync(join(uploaded, enc)),
        key: readFileSync(join(uploaded, key)),
      },
      privateKey,
    ).toString();
    // Taken before the restore: M had run, so no note rows, but the schema is there.
    expect(sql).toMatch(/CREATE TABLE .*notes/);
    expect(sql).not.toContain("'kept'");
    // The clear export stayed in the runner's temp folder, which goes with the runner.
    expect(
      readFileSync(
        join(runnerTemp, "d1-export", enc.replace(/\.enc$/, "")),
        "utf8",
      ),
    ).toBe(sql);
    expect(log).toContain("openssl pkeyutl -decrypt -inkey d1-export.key");
    expect(sql).toContain("written after M");

    // The printed re-import, run as printed: the rows are picked where the export was opened, then
    // executed from the repository. The row written after M comes back; M stays unapplied.
    const hint =
      /To put them back: (.*) — then, from the repository: (.*?) \(rows the restore/.exec(
        log,
      );
    const [pick, execute] = [hint?.[1] ?? "", hint?.[2] ?? ""];
    expect(execute).toBe(
      `node_modules/.bin/wrangler d1 execute DB --env ${ENV_NAME} --remote --file rows.sql`,
    );
    const opened = join(runnerTemp, "d1-export");
    execFileSync("sh", ["-c", pick], { cwd: opened });
    cpSync(join(opened, "rows.sql"), join(world.sandbox.root, "rows.sql"));
    execFileSync("sh", ["-c", execute], {
      cwd: world.sandbox.root,
      env: cleanEnv({
        ...world.double.env,
        NODE_NO_WARNINGS: "1",
      }) as NodeJS.ProcessEnv,
      stdio: "ignore",
    });
    expect(await notes()).toEqual(["kept", "written after M"]);

    // The next deploy of B (a re-run, a dispatch, an approval of a waiting run) stops before migrating.
    // Not as superseded: after a rollback the serving commit (A) is older than B.
    const again = await world.cli("deploy:migrate", [
      ...env,
      "--skip-lint",
      "--sha",
      b,
    ]);
    expect(again.code).toBe(1);
    expect(again.stdout + again.stderr).not.toContain("superseded");
    expect(again.lastError).toContain(`refusing to apply ${M} again`);
    expect(again.lastError).toContain("git revert the commit that added");
    expect(await notes()).toEqual(["kept", "written after M"]);

    // A bookmark that is not this database's is refused before anything changes.
    const wrong = await world.cli("deploy:rollback", [
      ...env,
      "--skip-worker",
      "--bookmark",
      "ffffffff-ffffffff-00000000-0000000000000000",
    ]);
    expect(wrong.code).toBe(1);
    expect(wrong.stdout + wrong.stderr).toContain(
      "is newer than the database's current bookmark",
    );

    // Fix: revert M in the repository; the deploy goes on and M stays unapplied.
    const mFile = join(world.sandbox.root, "drizzle/migrations", M);
    unlinkSync(mFile);
    const c = world.sandbox.commit("revert M");
    world.sandbox.artifact(c);
    const fixed = await world.cli("deploy:migrate", [...env, "--skip-lint"]);
    succeeded(fixed);
    expect(await notes()).toEqual(["kept", "written after M"]);
    succeeded(
      await world.cli("deploy:release", [...env, "--sha", c, ...HEALTH]),
    );
    expect(await world.servingTag()).toBe(c);

    // Someone re-runs B's old run (its checkout still holds M): C contains B, so the migrate step
    // skips it as superseded before the ledger or D1 is touched, green, and M stays unapplied.
    writeFileSync(mFile, "DELETE FROM notes;\n");
    const oldRun = await world.cli("deploy:migrate", [
      ...env,
      "--skip-lint",
      "--sha",
      b,
    ]);
    unlinkSync(mFile);
    expect(oldRun.code, oldRun.stderr).toBe(0);
    expect(oldRun.stdout + oldRun.stderr).toContain(
      `skipped, superseded: the serving version's commit ${c.slice(0, 12)} already contains ${b.slice(0, 12)}`,
    );
    expect(oldRun.outputs["applied"] ?? "").toBe("");
    expect(oldRun.outputs["bookmark"] ?? "").toBe("");
    expect(await notes()).toEqual(["kept", "written after M"]);
    expect(
      (await world.sql("SELECT name FROM d1_migrations")).map((r) => r["name"]),
    ).not.toContain(M);

    // The runbook's branch "Restore failed after the Worker went back": the Worker is rolled back
    // to A, then the restore fails (a bookmark older than the database but unknown to it). The
    // failure names the state (old code on the new schema) and the exact command to run next.
    const versionOfA = (await world.worker())?.versions.find(
      (v) => v.annotations["workers/tag"] === a,
    )?.id;
    expect(versionOfA).toBeDefined();
    const lost = "00000000-00000000-00000000-0000000000000000";
    const failed = await world.cli("deploy:rollback", [
      ...env,
      "--version",
      versionOfA ?? "",
      "--bookmark",
      lost,
      "--deadline",
      "4s",
    ]);
    expect(failed.code).toBe(1);
    expect(await world.servingTag()).toBe(a);
    expect(failed.lastError).toContain(`D1 restore to ${lost} failed`);
    expect(failed.lastError).toContain(
      `The Worker already serves ${versionOfA ?? "?"}: old code on the new schema — restore D1 now (RUNBOOK, "Restore failed after the Worker went back"): npm run deploy:rollback -- --env ${ENV_NAME} --skip-worker --bookmark ${lost}`,
    );
    expect(readFileSync("docs/deployment/RUNBOOK.md", "utf8")).toContain(
      "**Restore failed after the Worker went back**",
    );
  }, 600_000); // hang guard: 135 s measured at load 3, 310 s at load 13 (2 cores)
});
