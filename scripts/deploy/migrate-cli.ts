/** npm run deploy:migrate -- --env <name> [--local [--persist-to DIR]] — see --help. */
import path from "node:path";
import { migrateContract } from "../../workflows-src/contracts";
import { D1_BINDING } from "../../workflows-src/builders/environment-model";
import { environmentNamed, loadEnvironments } from "../init/load-environments";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { npmRunner } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { gitIsAncestor } from "./commit-order";
import { currentSha, SHA_PATTERN } from "./git-sha";
import { appendSummary, reportWarning } from "./github-io";
import {
  describeMigrate,
  migrate,
  migrateSummary,
  type MigrationPlan,
} from "./migrate";
import { migrationsDirIn } from "../migration-lint/wrangler-config";
import { REPO_ROOT } from "./wrangler";
import { local, localScope, REMOTE } from "./wrangler-args";

const cli = defineCli({
  usage: "npm run deploy:migrate -- --env <name> [options]",
  description: `Applies drizzle/migrations to an environment's D1: checks the environment's secrets are present,
runs npm run lint:migrations, skips (exit 0) when the serving version's commit already contains
this one (a re-run of an older deploy run: superseded, checked before migrating; not after a
rollback, whose serving commit is older), refuses a migration a D1 restore undid (revert it, or --reapply it with
a --reason), records a Time Travel bookmark (remote, only when something is pending; kept per
migration in the D1 ledger), applies, and lists what was applied. "No migrations to apply" is success. Writes ${migrateContract.outputs.join(", ")} to GITHUB_OUTPUT
and a step summary when run on GitHub Actions.`,
  contract: migrateContract,
  options: {
    env: {
      type: "string",
      value: "<name>",
      description:
        "environment from workflows-src/environments.ts (optional with --local:\nwithout it the top-level wrangler.jsonc config is used)",
      envVar: "DEPLOY_ENV",
    },
    local: {
      type: "boolean",
      description:
        "apply to the local D1 (wrangler --local) instead of the remote one",
    },
    "persist-to": {
      type: "string",
      value: "<dir>",
      description:
        "local D1 state directory (with --local; default .wrangler/state)",
    },
    sha: {
      type: "string",
      value: "<sha>",
      description:
        "commit being deployed, for the superseded check (default $GITHUB_SHA, else git HEAD)",
    },
    "skip-lint": {
      type: "boolean",
      description: "do not run lint:migrations (the caller has just run it)",
    },
    "log-file": {
      type: "string",
      value: "<path>",
      description:
        "also write the log here (default reports/deploy/migrate-<env>.log)",
    },
    reapply: {
      type: "string",
      value: "<file>[,<file>]",
      description:
        "apply these migrations although a D1 restore undid them (needs --reason;\nrecorded in the D1 ledger) — otherwise revert them in the repository",
    },
    reason: {
      type: "string",
      value: "<text>",
      description: "why re-applying is safe now (with --reapply)",
    },
  },
  run: async ({ values, setOutputs }) => {
    if (values["persist-to"] !== undefined && !values.local)
      throw new UsageError("--persist-to needs --local");
    if (values.env === undefined && !values.local)
      throw new UsageError("--env is required for the remote D1");
    const reapply = (values.reapply ?? "")
      .split(",")
      .map((m) => m.trim())
      .filter((m) => m !== "");
    if (reapply.length > 0 && !values.reason?.trim())
      throw new UsageError(
        '--reapply needs --reason "<why applying it again is safe now>" (it is recorded in the D1 ledger)',
      );
    // The repository's own environments.ts, read now: the package ships the model, no values.
    const environment =
      values.env === undefined
        ? undefined
        : environmentNamed(await loadEnvironments(REPO_ROOT), values.env);
    const label = environment?.name ?? "local";
    // Only the remote D1 has a serving version to compare with.
    const sha = values.local
      ? undefined
      : (values.sha ?? currentSha(process.env, REPO_ROOT));
    if (sha !== undefined && !SHA_PATTERN.test(sha))
      throw new UsageError(
        `--sha: "${sha}" is not a full 40-character commit SHA`,
      );
    const plan: MigrationPlan = {
      label,
      scope: environment ?? localScope(),
      target: values.local ? local(values["persist-to"]) : REMOTE,
      requiredSecrets: environment?.secrets ?? [],
      migrationsDir: path.join(
        REPO_ROOT,
        migrationsDirIn(REPO_ROOT, environment?.d1Binding ?? D1_BINDING),
      ),
      ...(sha === undefined
        ? {}
        : { commit: { sha, isAncestor: gitIsAncestor(REPO_ROOT) } }),
      ...(reapply.length > 0
        ? { reapply: { migrations: reapply, reason: values.reason ?? "" } }
        : {}),
    };
    const { log, cloudflare } = cliCloudflare(
      values["log-file"] ?? `reports/deploy/migrate-${label}.log`,
    );
    const report = await migrate(plan, {
      cloudflare,
      env: process.env,
      log,
      ...(values["skip-lint"]
        ? {}
        : {
            // The SQL rules gate every deploy; drizzle-kit's schema check does not run here: it
            // needs drizzle-kit, which the deploy toolset (tools/deploy) does not hold, and the
            // quality run this deploy needs has just run it on the same commit (job migrations).
            lint: npmRunner("lint:migrations", log, ["--skip-drizzle-check"]),
          }),
    });
    setOutputs({
      bookmark: report.bookmark || undefined,
      applied: report.applied.join(","),
    });
    appendSummary(migrateSummary(report));
    if (!report.ok) throw new Error(describeMigrate(report));
    // Not a failure: the newer code and its migrations stay (the release step skips too).
    if (report.superseded !== undefined) reportWarning(describeMigrate(report));
    log.info(describeMigrate(report));
    return 0;
  },
});

await runMain(cli);
