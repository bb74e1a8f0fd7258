/**
 * The deploy pipeline's remote paths, end to end: the deploy CLIs (npm run deploy:migrate,
 * deploy:release, deploy:rollback) driving the real wrangler against the Cloudflare API double.
 * Scenarios of one lane share a world and run in order (a Worker's history builds up as in
 * Cloudflare); lanes are independent worlds and run side by side.
 */
import { readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { check, exitsWith, verdict } from "./check";
import type { CliRun } from "./run-cli";
import type { World } from "./world";
import { ENV_NAME } from "./world";

export type Step = <T>(name: string, work: () => Promise<T>) => Promise<T>;

export interface Scenario {
  readonly name: string;
  run(world: World, step: Step, commits: Map<string, string>): Promise<void>;
}

/** Short health deadlines: an unhealthy version is judged in seconds, not the CI default of 25 s. */
const HEALTH = ["--deadline", "4s", "--request-timeout", "2s"];
const env = ["--env", ENV_NAME];

function release(
  world: World,
  sha: string,
  extra: Readonly<Record<string, string | undefined>> = {},
): Promise<CliRun> {
  return world.cli("deploy:release", [...env, "--sha", sha, ...HEALTH], extra);
}

// eslint-disable-next-line no-control-regex -- ANSI escape sequences are what this looks for
const ANSI = /\x1b\[/;

function sha(commits: Map<string, string>, label: string): string {
  const value = commits.get(label);
  if (value === undefined)
    throw new Error(
      `scenario setup: commit ${label} was not made by an earlier scenario of this lane`,
    );
  return value;
}

export const firstEverDeploy: Scenario = {
  name: "first-ever deploy (no Worker, no d1_migrations)",
  async run(world, step, commits) {
    check(
      (await world.worker()) === undefined,
      "the Worker exists before the first deploy",
    );
    const a = world.sandbox.commit("A: first release");
    commits.set("A", a);
    world.sandbox.artifact(a);
    const migrate = await step("deploy:migrate (with lint)", () =>
      world.cli("deploy:migrate", env),
    );
    exitsWith(migrate, 0);
    check(
      /^[0-9a-f]{8}-/.test(migrate.outputs.bookmark ?? ""),
      `migrate output bookmark is "${migrate.outputs.bookmark ?? ""}"`,
    );
    const applied = (
      await world.sql("SELECT name FROM d1_migrations ORDER BY id")
    ).map((r) => r.name);
    check(
      JSON.stringify(applied) === JSON.stringify(world.sandbox.migrations),
      `d1_migrations holds ${JSON.stringify(applied)}`,
    );
    const run = await step("deploy:release", () => release(world, a));
    exitsWith(run, 0);
    check(
      run.outputs.outcome === "promoted",
      `outcome ${run.outputs.outcome ?? "(none)"} — ${verdict(run)}`,
    );
    check(
      (await world.servingTag()) === a,
      "the new Worker does not serve commit A",
    );
    const health = await world.publicHealth();
    check(
      health.status === 200 && health.version === a,
      `public /api/health: ${health.status} ${health.version ?? ""}`,
    );
  },
};

export const routineDeploy: Scenario = {
  name: "routine deploy (preview URL check, promote)",
  async run(world, step, commits) {
    const b = world.sandbox.commit("B: routine change");
    commits.set("B", b);
    world.sandbox.artifact(b);
    const migrate = await step("deploy:migrate --skip-lint", () =>
      world.cli("deploy:migrate", [...env, "--skip-lint"]),
    );
    exitsWith(migrate, 0);
    check(
      migrate.outputs.applied === "",
      `a second migrate applied "${migrate.outputs.applied ?? ""}"`,
    );
    const previous = (await world.worker())?.deployments[0]?.versions[0]
      ?.version_id;
    const run = await step("deploy:release", () => release(world, b));
    exitsWith(run, 0);
    check(
      run.outputs.outcome === "promoted",
      `outcome ${run.outputs.outcome ?? "(none)"}`,
    );
    check(
      /^https:\/\/[0-9a-f]{8}-/.test(run.outputs["preview-url"] ?? ""),
      `preview-url output is "${run.outputs["preview-url"] ?? ""}"`,
    );
    check(
      run.outputs["previous-version-id"] === previous,
      `previous-version-id ${run.outputs["previous-version-id"] ?? ""} ≠ ${previous ?? ""}`,
    );
    check((await world.servingTag()) === b, "commit B is not serving");
  },
};

export const unhealthyBeforeTraffic: Scenario = {
  name: "unhealthy new version refused before traffic",
  async run(world, step, commits) {
    const c = world.sandbox.commit("C: broken build");
    commits.set("C", c);
    world.sandbox.artifact(c, "unhealthy");
    const serving = await world.servingTag();
    const before = (await world.worker())?.deployments.length;
    const run = await step("deploy:release (unhealthy)", () =>
      release(world, c),
    );
    exitsWith(run, 1);
    check(
      run.outputs.outcome === "refused-before-traffic",
      `outcome ${run.outputs.outcome ?? "(none)"}`,
    );
    check(
      (await world.worker())?.deployments.length === before,
      "a deployment was made for a version refused before traffic",
    );
    check(
      serving !== undefined && (await world.servingTag()) === serving,
      `the serving version changed from ${serving?.slice(0, 12) ?? "nothing"}`,
    );
  },
};

export const unhealthyAfterPromotion: Scenario = {
  name: "unhealthy after promotion → automatic rollback + re-check",
  async run(world, step, commits) {
    const d = world.sandbox.commit("D: fails only under production traffic");
    commits.set("D", d);
    world.sandbox.artifact(d, "unhealthy-on-public");
    const serving = await world.servingTag();
    const run = await step("deploy:release (fails after promotion)", () =>
      release(world, d),
    );
    exitsWith(run, 1);
    check(
      run.outputs.outcome === "rolled-back",
      `outcome ${run.outputs.outcome ?? "(none)"} — ${verdict(run)}`,
    );
    const latest = (await world.worker())?.deployments[0];
    check(
      /^automatic rollback:/.test(latest?.annotations["workers/message"] ?? ""),
      `latest deployment message "${latest?.annotations["workers/message"] ?? ""}"`,
    );
    check(
      (await world.servingTag()) === serving,
      `the previously serving commit ${serving?.slice(0, 12) ?? "?"} does not serve after the rollback`,
    );
    check(
      (await world.publicHealth()).status === 200,
      "the public URL is unhealthy after the rollback",
    );
  },
};

export const olderCommitSuperseded: Scenario = {
  name: "an older commit never replaces a newer one",
  async run(world, step, commits) {
    const a = sha(commits, "A");
    world.sandbox.artifact(a);
    const before = await world.worker();
    const run = await step("deploy:release of A while B serves", () =>
      release(world, a),
    );
    exitsWith(run, 0);
    check(
      run.outputs.outcome === "superseded",
      `outcome ${run.outputs.outcome ?? "(none)"} — ${verdict(run)}`,
    );
    check(
      /already|newer|contains|superseded/i.test(run.stdout + run.stderr),
      "no notice explains why nothing was deployed",
    );
    const after = await world.worker();
    check(
      after?.versions.length === before?.versions.length,
      "a version was uploaded for an older commit",
    );
    check(
      after?.deployments.length === before?.deployments.length,
      "a deployment was made for an older commit",
    );
    check(
      (await world.servingTag()) === sha(commits, "B"),
      "commit B no longer serves",
    );
  },
};

/**
 * Lane 3's starting point, without a full first release: the schema through the migrate CLI, and a
 * serving version seeded through the control API (as if deployed earlier by this pipeline).
 */
export const servingWorker: Scenario = {
  name: "(set up: migrated D1 + a serving version)",
  async run(world, step, commits) {
    const migrate = await step("deploy:migrate --skip-lint", () =>
      world.cli("deploy:migrate", [...env, "--skip-lint"]),
    );
    exitsWith(migrate, 0);
    const p = world.sandbox.commit("P: serving before the lane starts");
    commits.set("P", p);
    await world.double.control(
      "POST",
      `/__double/workers/${world.target.workerName}/versions`,
      {
        tag: p,
        message: `deploy ${p}`,
        d1DatabaseId: world.target.databaseId,
        migrations: [...world.sandbox.migrations],
        deploy: true,
      },
    );
    check(
      (await world.publicHealth()).status === 200,
      "the seeded version is not healthy",
    );
  },
};

export const previewsOff: Scenario = {
  name: "previews off → 0 % deployment + override header",
  async run(world, step, commits) {
    await world.double.control(
      "PUT",
      `/__double/workers/${world.target.workerName}/subdomain`,
      { previews_enabled: false },
    );
    const e = world.sandbox.commit("E: released without preview URLs");
    commits.set("E", e);
    world.sandbox.artifact(e);
    const run = await step("deploy:release (previews off)", () =>
      release(world, e),
    );
    exitsWith(run, 0);
    check(
      run.outputs.outcome === "promoted",
      `outcome ${run.outputs.outcome ?? "(none)"}`,
    );
    check(
      (run.outputs["preview-url"] ?? "") === "",
      `preview-url output "${run.outputs["preview-url"] ?? ""}" with previews off`,
    );
    const w = await world.worker();
    const newId = w?.versions.at(-1)?.id;
    const staged = w?.deployments.find((d) =>
      d.versions.some((v) => v.version_id === newId && v.percentage === 0),
    );
    check(staged !== undefined, "no deployment staged the new version at 0 %");
    check((await world.servingTag()) === e, "commit E is not serving");
  },
};

export const migrationFailsHalfway: Scenario = {
  name: "migration failing halfway → nothing of it stays, bookmark reported",
  async run(world, step) {
    // A fresh database: the repository's migrations apply, then 9999 fails on its third statement.
    const file = join(
      world.sandbox.root,
      "drizzle/migrations/9999_half_done.sql",
    );
    writeFileSync(
      file,
      "CREATE TABLE half_done (id INTEGER PRIMARY KEY);\nINSERT INTO half_done (id) VALUES (1);\nINSERT INTO no_such_table (id) VALUES (1);\n",
    );
    try {
      const run = await step("deploy:migrate (last migration broken)", () =>
        world.cli("deploy:migrate", [...env, "--skip-lint"]),
      );
      exitsWith(run, 1);
      check(
        /no such table: no_such_table/.test(run.lastError),
        `the failure line does not name the SQL error: ${run.lastError}`,
      );
      const bookmark = run.outputs.bookmark ?? "";
      check(
        /^[0-9a-f]{8}-/.test(bookmark) &&
          (run.stdout + run.stderr).includes(bookmark),
        `bookmark "${bookmark}" not reported`,
      );
      const tables = await world.sql(
        "SELECT name FROM sqlite_master WHERE name = 'half_done'",
      );
      check(
        tables.length === 0,
        "table half_done stayed after the failed migration",
      );
      const applied = (
        await world.sql("SELECT name FROM d1_migrations ORDER BY id")
      ).map((r) => r.name);
      check(
        JSON.stringify(applied) === JSON.stringify(world.sandbox.migrations),
        `d1_migrations holds ${JSON.stringify(applied)}: the earlier migrations should stay, the failed one not`,
      );
      check(
        (await world.worker()) === undefined,
        "a release ran after the failed migration",
      );
    } finally {
      rmSync(file);
    }
  },
};

export const badToken: Scenario = {
  name: "missing or bad token → one line in Cloudflare's words",
  async run(world, step, commits) {
    const b = world.sandbox.commit("token check");
    commits.set("token", b);
    world.sandbox.artifact(b);
    const bad = await step("deploy:migrate (bad token)", () =>
      world.cli("deploy:migrate", [...env, "--skip-lint"], {
        CLOUDFLARE_API_TOKEN: "wrong-token",
      }),
    );
    exitsWith(bad, 1);
    check(
      /Authentication error \[code: 10000\]/.test(bad.lastError),
      `migrate's failure line: ${bad.lastError}`,
    );
    check(
      !ANSI.test(bad.lastError),
      "the failure line carries ANSI colour codes",
    );
    const rel = await step("deploy:release (bad token)", () =>
      release(world, b, { CLOUDFLARE_API_TOKEN: "wrong-token" }),
    );
    exitsWith(rel, 1);
    check(
      /Authentication error \[code: 10000\]/.test(rel.lastError),
      `release's failure line: ${rel.lastError}`,
    );
    const missing = await step("deploy:release (no token)", () =>
      release(world, b, { CLOUDFLARE_API_TOKEN: undefined }),
    );
    exitsWith(missing, 1);
    check(
      /CLOUDFLARE_API_TOKEN/.test(missing.lastError),
      `release without a token: ${missing.lastError}`,
    );
  },
};

export const manualRollback: Scenario = {
  name: "manual rollback of Worker + D1 restore → rows back, undo bookmark",
  async run(world, step, commits) {
    const name = world.target.workerName;
    const a = world.sandbox.commit("R1: good");
    const b = world.sandbox.commit("R2: bad");
    commits.set("R1", a);
    commits.set("R2", b);
    const seed = {
      d1DatabaseId: world.target.databaseId,
      migrations: [...world.sandbox.migrations],
      deploy: true,
    };
    await world.double.control("POST", `/__double/workers/${name}/versions`, {
      ...seed,
      tag: a,
      message: `deploy ${a}`,
    });
    await world.double.control("POST", `/__double/workers/${name}/versions`, {
      ...seed,
      tag: b,
      message: `deploy ${b}`,
    });
    const bookmark = await world.latestBookmark();
    await world.sql(
      "INSERT INTO notes (author, message, created_at) VALUES ('r2', 'written by the bad release', 1)",
    );
    const run = await step("deploy:rollback --bookmark", () =>
      world.cli("deploy:rollback", [
        ...env,
        "--bookmark",
        bookmark,
        "--deadline",
        "4s",
      ]),
    );
    exitsWith(run, 0);
    check(
      (await world.servingTag()) === a,
      `serving ${(await world.servingTag()) ?? "nothing"} after the rollback, expected R1`,
    );
    const rows = await world.sql(
      "SELECT count(*) AS n FROM notes WHERE author = 'r2'",
    );
    check(
      rows[0]?.n === 0,
      "the rows written after the bookmark are still there",
    );
    const undo = run.outputs["undo-bookmark"] ?? "";
    check(
      /^[0-9a-f]{8}-/.test(undo) && run.stdout.includes(undo),
      `undo bookmark "${undo}" not printed`,
    );
  },
};

/** Run last in each lane: the files that leave a job never carry the token or the account id. */
export const reportsClean: Scenario = {
  name: "token and account id never in reports/deploy/*",
  async run(world) {
    const dir = join(world.sandbox.root, "reports/deploy");
    const files = readdirSync(dir);
    check(files.length > 0, "no report files were written");
    for (const f of files) {
      const text = readFileSync(join(dir, f), "utf8");
      check(
        !text.includes(world.double.token),
        `reports/deploy/${f} contains the API token`,
      );
      check(
        !text.includes(world.double.accountId),
        `reports/deploy/${f} contains the account id`,
      );
    }
  },
};

/** Logs that leave the job are read by people and tools: no terminal colour codes in them. */
export const reportsWithoutAnsi: Scenario = {
  name: "reports/deploy/* free of ANSI colour codes",
  async run(world) {
    const dir = join(world.sandbox.root, "reports/deploy");
    for (const f of readdirSync(dir)) {
      const lines = readFileSync(join(dir, f), "utf8").split("\n");
      const first = lines.findIndex((l) => ANSI.test(l));
      check(
        first === -1,
        `reports/deploy/${f}:${first + 1} has ANSI codes: ${JSON.stringify(lines[first]?.slice(0, 80))}`,
      );
    }
  },
};

/**
 * Three independent worlds, each an ordered story; together every scenario of issue 9. Three, not
 * two: much of a lane's time is waiting (health deadlines, wrangler's network round trips), so a
 * third lane shortens the wall time on 2 cores.
 */
export const lanes: readonly (readonly Scenario[])[] = [
  [
    firstEverDeploy,
    routineDeploy,
    olderCommitSuperseded,
    reportsClean,
    reportsWithoutAnsi,
  ],
  [
    migrationFailsHalfway,
    badToken,
    manualRollback,
    unhealthyBeforeTraffic,
    reportsClean,
    reportsWithoutAnsi,
  ],
  [
    servingWorker,
    previewsOff,
    // With previews off: checked before promotion through the 0 % stage and the override header.
    unhealthyAfterPromotion,
    reportsClean,
    reportsWithoutAnsi,
  ],
];
