/**
 * The N−1 compatibility check: the build that serves now, on the schema this change will leave
 * behind. Migrations run before the new Worker is promoted, so the previous build meets the new
 * schema for minutes (longer during a gradual rollout or after a Worker rollback). This runs that
 * build on workerd against a local D1 with every migration of this checkout applied over seeded
 * rows, and runs the serving commit's own E2E suite against it.
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  serveBuiltWorker,
  type ServedWorker,
} from "../../e2e/support/serve-worker";
import type { Runner } from "../deploy/child-process";
import { createStageRunner, type StageResult } from "../deploy/stages";
import { scanMigrations } from "./allow-breaking";
import { checkoutMigrations } from "./checkout-migrations";
import { migrationsNewSince, migrationsRemovedSince } from "./new-migrations";
import {
  prepareNewSchemaDatabase,
  type PreparedDatabase,
} from "./new-schema-database";
import {
  addWorktree,
  buildOldWorker,
  provideNodeModules,
  removeWorktree,
  resolveCommit,
  useArtifact,
  type NodeModulesSource,
} from "./old-checkout";
import type { SuiteOutcome } from "./playwright-report";
import { runOldSuite } from "./run-old-suite";
import { browserFault } from "./browser-fault";
import { decide, type Verdict } from "./verdict";
import { workerErrors } from "./worker-log";

export interface CompatRequest {
  /** The checkout whose migrations the serving build must survive. */
  readonly root: string;
  /** The serving commit (any git revision); undefined when nothing serves yet. */
  readonly serving: string | undefined;
  /** Where `serving` came from, for messages ("staging", "--against"). */
  readonly servingFrom: string;
  /** The serving commit's unpacked build (contents of .open-next); built from source when absent. */
  readonly artifact?: string | undefined;
  /** Keep the worktree, D1 state and report afterwards (for debugging). */
  readonly keep?: boolean;
  readonly run: Runner;
  readonly say: (line: string) => void;
}

export type CompatResult =
  | { readonly kind: "skipped"; readonly reason: string }
  | {
      readonly kind: "checked";
      readonly commit: string;
      readonly migrations: readonly string[];
      readonly verdict: Verdict;
      readonly stages: readonly StageResult[];
    }
  | {
      readonly kind: "failed";
      readonly error: string;
      readonly stages: readonly StageResult[];
    };

const short = (sha: string) => sha.slice(0, 12);

export async function checkCompat(
  request: CompatRequest,
): Promise<CompatResult> {
  const { root, run, say } = request;
  if (request.serving === undefined)
    return {
      kind: "skipped",
      reason: `nothing serves ${request.servingFrom} yet (first deploy): no previous build can meet the new schema`,
    };
  const commit = await resolveCommit(root, request.serving, run);
  if (commit === undefined)
    return {
      kind: "failed",
      stages: [],
      error: `serving commit ${request.serving} (${request.servingFrom}): its source is not in this clone and \`git fetch origin ${request.serving}\` failed${request.artifact === undefined ? ", and no artifact was given" : ""}, so its E2E suite cannot run — fetch the commit (git fetch origin <sha>, or a full clone), or redeploy ${request.servingFrom} from an available commit first`,
    };

  const workDir = mkdtempSync(join(tmpdir(), "compat-"));
  const worktree = join(workDir, "serving");
  const persistDir = join(workDir, "d1");
  mkdirSync(persistDir);
  const stages = createStageRunner(say);
  let served: ServedWorker | undefined;
  let migrations: string[] = [];
  let oldCount = 0;
  let oldDir = "";
  let newDir = "";
  let skip: string | undefined;
  let allows = scanMigrations([]);
  let suite: SuiteOutcome | undefined;
  let logged: string[] = [];
  try {
    await stages.run("serving commit: worktree", async () => {
      await addWorktree(root, commit, worktree, run);
      const old = checkoutMigrations(worktree);
      const current = checkoutMigrations(root);
      const added = migrationsNewSince(old.files, current.files);
      const removed = migrationsRemovedSince(old.files, current.files);
      if (removed.length > 0)
        say(
          `notice: ${removed.join(", ")} left the migrations folder since ${short(commit)}; databases that applied them keep their effect`,
        );
      migrations = added.map((m) => m.file);
      allows = scanMigrations(added);
      oldCount = old.files.length;
      oldDir = old.dir;
      newDir = current.dir;
      if (added.length === 0)
        skip = `no migration is new since the serving commit ${short(commit)} (${request.servingFrom}): it serves on the schema its own E2E suite passed on`;
      return `${short(commit)}, ${added.length} new migration(s)`;
    });
    if (skip !== undefined) return { kind: "skipped", reason: skip };

    let nodeModules: NodeModulesSource | undefined;
    await stages.run("serving commit: node_modules", async () => {
      nodeModules = await provideNodeModules({
        root,
        dir: worktree,
        forBuild: request.artifact === undefined,
        run,
        say,
      });
      return nodeModules;
    });
    await stages.run(
      request.artifact === undefined
        ? "serving commit: build (its own build:worker)"
        : "serving commit: artifact",
      async () => {
        if (request.artifact === undefined)
          await buildOldWorker(worktree, commit, run);
        else useArtifact(request.artifact, worktree);
        return request.artifact ?? `version ${short(commit)}`;
      },
    );
    let database: PreparedDatabase | undefined;
    await stages.run(
      "local D1: old migrations, seed, new migrations",
      async () => {
        database = prepareNewSchemaDatabase({
          checkout: root,
          checkoutDir: newDir,
          worktree,
          worktreeDir: oldDir,
          persistDir,
          oldHasMigrations: oldCount > 0,
        });
        for (const u of database.unseeded)
          say(`notice: table ${u.table} has no generated rows (${u.reason})`);
        return `${oldCount} + ${migrations.length} applied; rows in ${database.seeded.join(", ") || "no table"}`;
      },
    );
    await stages.run(
      "serve the serving build (wrangler dev --local)",
      async () => {
        served = await serveBuiltWorker({
          cwd: worktree,
          persistDir,
          applyMigrations: false,
          // Its log is read after the suite, then removed with workDir.
          keepTempDir: true,
        });
        // The first render of a page loads and compiles its code in workerd: seconds on a busy
        // machine. Paid here, it does not eat into the suite's ceilings (suite.ts), which are for
        // a broken page, not a cold one. Any answer will do; the suite judges the page.
        const warm = await fetch(served.url, {
          signal: AbortSignal.timeout(120_000),
        }).then(
          async (response) => {
            await response.arrayBuffer();
            return `GET / ${response.status}`;
          },
          (error: unknown) => `GET / failed (${String(error)})`,
        );
        return `${served.url} (warmed: ${warm})`;
      },
    );
    await stages.run("the serving commit's E2E suite", async () => {
      const runSuite = () =>
        runOldSuite({
          worktree,
          baseUrl: (served as ServedWorker).url,
          reportFile: join(workDir, "e2e-report.json"),
          traces: request.keep ?? false,
          run,
        });
      let outcome = await runSuite();
      const fault = browserFault(outcome);
      if (fault !== undefined) {
        say(
          `the browser failed, not the build (${fault}): running the suite once more`,
        );
        outcome = await runSuite();
      }
      suite = outcome;
      return `${outcome.passed} passed, ${outcome.failed.length} failed${fault === undefined ? "" : " (second run: the first lost its browser page)"}`;
    });
  } finally {
    if (served !== undefined) {
      await served.stop();
      const log = readFileSync(served.logFile, "utf8");
      logged = workerErrors(log);
      // One folder holds everything --keep keeps: the log moves into workDir.
      if (request.keep) writeFileSync(join(workDir, "wrangler-dev.log"), log);
      rmSync(dirname(served.logFile), { recursive: true, force: true });
    }
    // A skip has nothing worth keeping.
    if (request.keep && skip === undefined) say(`kept: ${workDir}`);
    else {
      await removeWorktree(root, worktree, run);
      rmSync(workDir, { recursive: true, force: true });
    }
  }

  const failedStage = stages.results.find((s) => s.status === "failed");
  if (failedStage !== undefined || suite === undefined)
    return {
      kind: "failed",
      stages: stages.results,
      error: `N−1 check of ${short(commit)} (${request.servingFrom}) could not run: ${failedStage?.name ?? "suite"}: ${failedStage?.note ?? "no result"}`,
    };
  return {
    kind: "checked",
    commit,
    migrations,
    stages: stages.results,
    verdict: decide({
      commit,
      migrations,
      suite,
      allows,
      workerErrors: logged,
    }),
  };
}
