/**
 * npm run setup [-- --apply | --check] [--accept-ungated] [--only github|cloudflare] [--repo o/n]
 *
 * Makes GitHub (branches, environments, secrets, rulesets) and Cloudflare (token, workers.dev
 * subdomain, D1 databases) match workflows-src/environments.ts. Default: plan (read-only).
 */
import { parseArgs } from "node:util";
import { UsageError, npmRunner, runCli } from "../deploy/cli-support";
import { createDeployLog } from "../deploy/deploy-log";
import { askOnTerminal } from "./ask-secret";
import { runSetup, type SetupPart } from "./run-setup";

const HELP = `Usage: npm run setup [-- options]

  (no option)        plan: print per resource what exists, what is missing, what would change
  --apply            create and change what differs; a second --apply prints "no changes"
  --check            read-only; exit 1 when live settings drift from the source
  --accept-ungated   do not fail when GitHub cannot enforce required reviewers/rulesets
                     (private repository on a plan without them) — production is then NOT gated
  --only <part>      github | cloudflare
  --repo <o/name>    GitHub repository (default: GITHUB_REPOSITORY, else the origin remote)
  --rotate-secrets   re-set every environment secret from the environment / prompt

Needs GITHUB_TOKEN (or gh auth login), CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.
Secret values come from <ENV>_<NAME> or <NAME> (e.g. PRODUCTION_CLOUDFLARE_API_TOKEN), else a prompt.
Exit: 0 in place / plan printed, 1 drift or failure, 2 bad arguments.`;

await runCli(HELP, async () => {
  const { values } = parseArgs({
    options: {
      apply: { type: "boolean", default: false },
      check: { type: "boolean", default: false },
      plan: { type: "boolean", default: false },
      "accept-ungated": { type: "boolean", default: false },
      "rotate-secrets": { type: "boolean", default: false },
      only: { type: "string" },
      repo: { type: "string" },
      help: { type: "boolean", default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if ([values.apply, values.check, values.plan].filter(Boolean).length > 1)
    throw new UsageError("--plan, --apply and --check exclude each other");
  if (
    values.only !== undefined &&
    values.only !== "github" &&
    values.only !== "cloudflare"
  )
    throw new UsageError(`--only: "${values.only}" — use github or cloudflare`);
  const log = createDeployLog(undefined);
  return runSetup({
    mode: values.apply ? "apply" : values.check ? "check" : "plan",
    acceptUngated: values["accept-ungated"],
    rotateSecrets: values["rotate-secrets"],
    only: values.only as SetupPart | undefined,
    repo: values.repo,
    env: process.env,
    ask: askOnTerminal,
    print: (line) => console.log(line),
    regenerate: npmRunner("gen:workflows", log),
  });
});
