/**
 * npm run rehearse — the deploy path end to end on this machine, offline: regenerate and check the
 * workflows, lint and apply migrations to a fresh local D1, build the worker for HEAD, bundle it
 * exactly as the upload would, serve the built worker and require /api/health to report HEAD.
 * Stage timings are printed as a table; everything started is stopped, also on failure or Ctrl-C.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
} from "node:fs";
import { join } from "node:path";
import { serveBuiltWorker, type ServedWorker } from "./serve-worker";
import {
  buildWorkerContract,
  contractEnv,
} from "../../workflows-src/contracts";
import { environments } from "../../workflows-src/environments";
import { installSignalHandlers } from "./child-process";
import { npmScript, StageFailure } from "./npm-script";
import { defineCli, runMain } from "../cli/define-cli";
import { createCloudflareClient } from "./cloudflare";
import { createDeployLog } from "./deploy-log";
import { appendSummary } from "./github-io";
import { currentSha } from "./git-sha";
import { describePoll, pollHealth } from "./health-poll";
import { describeMigrate, migrate } from "./migrate";
import { assertSucceeded, createWrangler, REPO_ROOT } from "./wrangler";
import { local, localScope, versionsUpload } from "./wrangler-args";
import { readVersionUpload } from "./wrangler-output";
import { createStageRunner, timingTable } from "./stages";

const cli = defineCli({
  usage: "npm run rehearse [-- options]",
  description: `Rehearses the deploy pipeline locally (offline, local D1): workflows regenerate + check, migration
lint, migrations on a fresh local D1, build (app version = git HEAD), upload dry run (bundle),
serve the built worker, health check requiring version = git rev-parse HEAD. Prints stage timings.`,
  options: {
    "skip-build": {
      type: "boolean",
      description:
        "reuse the existing .open-next (must have been built from HEAD)",
    },
    keep: {
      type: "boolean",
      description: "keep the rehearsal's D1 state under .rehearsal/ afterwards",
    },
    deadline: {
      type: "string",
      value: "<ms>",
      default: "25000",
      description: "health-check deadline in ms",
    },
  },
  run: ({ values }) => rehearse(values),
});

await runMain(cli);

async function rehearse(values: {
  readonly "skip-build": boolean;
  readonly keep: boolean;
  readonly deadline: string;
}): Promise<number> {
  installSignalHandlers();
  const sha = currentSha({}, REPO_ROOT);
  mkdirSync(join(REPO_ROOT, ".rehearsal"), { recursive: true });
  const runDir = mkdtempSync(join(REPO_ROOT, ".rehearsal", "run-"));
  const persistTo = join(runDir, "state");
  const log = createDeployLog(
    join(REPO_ROOT, "reports", "deploy", "rehearse.log"),
  );
  const quietLog = log.quiet();
  const wrangler = createWrangler({ log: quietLog });
  const stages = createStageRunner();
  const stage = stages.run;
  let served: ServedWorker | undefined;

  log.info(
    `rehearsing ${sha} (logs: reports/deploy/rehearse.log, D1 state: ${persistTo})`,
  );
  try {
    await stage("workflows: generate", () => npmScript("gen:workflows", log));
    await stage("workflows: check", () => npmScript("check:workflows", log));
    await stage("migrations: lint", () => npmScript("lint:migrations", log));
    await stage("migrations: apply (local D1)", async () => {
      const report = await migrate(
        {
          label: "local",
          scope: localScope(),
          target: local(persistTo),
          requiredSecrets: [],
        },
        {
          cloudflare: createCloudflareClient({ wrangler }),
          env: process.env,
          log: quietLog,
        },
      );
      if (!report.ok) throw new StageFailure(describeMigrate(report));
      return `${report.applied.length} applied`;
    });
    await stage(
      values["skip-build"]
        ? "build (skipped: reusing .open-next)"
        : "build (build:worker)",
      async () => {
        if (!values["skip-build"])
          await npmScript(
            buildWorkerContract.script,
            log,
            contractEnv(buildWorkerContract, { APP_VERSION: sha }),
          );
        const worker = join(REPO_ROOT, ".open-next", "worker.js");
        if (!existsSync(worker))
          throw new StageFailure(
            `${worker} missing — run without --skip-build`,
          );
        const recordedFile = join(REPO_ROOT, ".open-next", "app-version.txt");
        const recorded = existsSync(recordedFile)
          ? readFileSync(recordedFile, "utf8").trim()
          : "unknown";
        if (recorded !== sha)
          throw new StageFailure(
            `.open-next was built from ${recorded}, HEAD is ${sha} — run without --skip-build`,
          );
        return `version ${sha.slice(0, 12)}`;
      },
    );
    await stage("bundle (production versions upload --dry-run)", async () => {
      const run = assertSucceeded(
        await wrangler(
          // The production upload command, with --dry-run: same env config, same bundle.
          versionsUpload(environments.production, local(), {
            tag: sha,
            message: `rehearse ${sha}`,
            dryRunOutdir: join(runDir, "bundle"),
          }),
        ),
      );
      const gzip = readVersionUpload(run.entries).bundleGzipBytes;
      return gzip === null ? "" : `${(gzip / 1024 / 1024).toFixed(2)} MiB gzip`;
    });
    await stage("serve built worker (wrangler dev --local)", async () => {
      served = await serveBuiltWorker({
        cwd: REPO_ROOT,
        persistDir: persistTo,
        applyMigrations: false,
      });
      return served.url;
    });
    await stage("health check (version = HEAD)", async () => {
      const result = await pollHealth({
        url: (served as ServedWorker).url,
        expected: { version: sha },
        deadlineMs: Number(values.deadline),
        requestTimeoutMs: 5000,
      });
      if (!result.ok) throw new StageFailure(describePoll(result));
      return `${result.attempts} attempt(s)`;
    });
  } finally {
    if (served !== undefined) {
      const stopStarted = performance.now();
      await served.stop();
      stages.record({
        name: "stop everything",
        status: "ok",
        ms: performance.now() - stopStarted,
        note: `pid ${served.pid} group`,
      });
    }
    if (!values.keep && !stages.failed)
      rmSync(runDir, { recursive: true, force: true });
  }

  const table = timingTable(stages.results);
  console.log(`\n${table}\n`);
  log.quiet().info(table);
  appendSummary(
    `### Rehearsal ${stages.failed ? "❌" : "✅"} (${sha.slice(0, 12)})\n\n${table}\n`,
  );
  if (stages.failed) {
    console.error(
      `rehearsal failed — details in reports/deploy/rehearse.log; D1 state kept in ${runDir}`,
    );
    return 1;
  }
  console.log(
    `rehearsal passed: ${sha} migrated, built, bundled, served and healthy`,
  );
  return 0;
}
