/** npm run deploy:migrate -- --env <name> [--local [--persist-to DIR]] — see --help. */
import { migrateContract } from "../../workflows-src/contracts";
import {
  environmentNames,
  getEnvironment,
} from "../../workflows-src/environments";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { npmRunner } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary } from "./github-io";
import {
  describeMigrate,
  migrate,
  migrateSummary,
  type MigrationPlan,
} from "./migrate";
import { local, localScope, REMOTE } from "./wrangler-args";

const cli = defineCli({
  usage: `npm run deploy:migrate -- --env <${environmentNames.join("|")}> [options]`,
  description: `Applies drizzle/migrations to an environment's D1: checks the environment's secrets are present,
runs npm run lint:migrations, records a Time Travel bookmark (remote), applies, and lists what was
applied. "No migrations to apply" is success. Writes ${migrateContract.outputs.join(", ")} to GITHUB_OUTPUT
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
  },
  run: async ({ values, setOutputs }) => {
    if (values["persist-to"] !== undefined && !values.local)
      throw new UsageError("--persist-to needs --local");
    if (values.env === undefined && !values.local)
      throw new UsageError("--env is required for the remote D1");
    const environment =
      values.env === undefined ? undefined : getEnvironment(values.env);
    const label = environment?.name ?? "local";
    const plan: MigrationPlan = {
      label,
      scope: environment ?? localScope(),
      target: values.local ? local(values["persist-to"]) : REMOTE,
      requiredSecrets: environment?.secrets ?? [],
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
    log.info(describeMigrate(report));
    return 0;
  },
});

await runMain(cli);
