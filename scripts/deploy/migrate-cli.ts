/** npm run deploy:migrate -- --env <name> [--local [--persist-to DIR]] — see --help. */
import { parseArgs } from "node:util";
import {
  environmentNames,
  getEnvironment,
} from "../../workflows-src/environments";
import { fromEnv, npmRunner, runCli, UsageError } from "./cli-support";
import { cliCloudflare } from "./cloudflare";
import { appendSummary, setOutput } from "./github-io";
import {
  describeMigrate,
  migrate,
  migrateSummary,
  type MigrationPlan,
} from "./migrate";
import { local, localScope, REMOTE } from "./wrangler-args";

const help = `Usage: npm run deploy:migrate -- --env <${environmentNames.join("|")}> [options]

Applies drizzle/migrations to an environment's D1: checks the environment's secrets are present,
runs npm run lint:migrations, records a Time Travel bookmark (remote), applies, and lists what was
applied. "No migrations to apply" is success. Writes the bookmark to GITHUB_OUTPUT (bookmark=…)
and a step summary when run on GitHub Actions.

Options:
  --env <name>        environment from workflows-src/environments.ts (env DEPLOY_ENV) (optional with --local:
                      without it the top-level wrangler.jsonc config is used)
  --local             apply to the local D1 (wrangler --local) instead of the remote one
  --persist-to <dir>  local D1 state directory (with --local; default .wrangler/state)
  --skip-lint         do not run lint:migrations (the caller has just run it)
  --log-file <path>   also write the log here (default reports/deploy/migrate-<env>.log)
  -h, --help          show this help`;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      env: { type: "string" },
      local: { type: "boolean", default: false },
      "persist-to": { type: "string" },
      "skip-lint": { type: "boolean", default: false },
      "log-file": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  values.env ??= fromEnv("DEPLOY_ENV");
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
    ...(values["skip-lint"] ? {} : { lint: npmRunner("lint:migrations", log) }),
  });
  if (report.bookmark) setOutput("bookmark", report.bookmark);
  setOutput("applied", report.applied.join(","));
  appendSummary(migrateSummary(report));
  if (!report.ok) throw new Error(describeMigrate(report));
  log.info(describeMigrate(report));
  return 0;
});
