/**
 * npm run setup [-- --apply | --check] [--accept-ungated] [--only github|cloudflare] [--repo o/n]
 *   [--rotate-secrets <env>[,<env>]]
 *
 * Makes GitHub (branches, environments, secrets, rulesets) and Cloudflare (token, workers.dev
 * subdomain, D1 databases) match workflows-src/environments.ts — the repository's own, read when it
 * runs. Default: plan (read-only).
 */
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { npmRunner } from "../deploy/cli-support";
import { createDeployLog } from "../deploy/deploy-log";
import { REPO_ROOT } from "../deploy/wrangler";
import { loadEnvironmentsModule } from "../init/load-environments";
import { askOnTerminal } from "./ask-secret";
import type { SetupPart } from "./run-setup";

const PARTS: readonly SetupPart[] = ["github", "cloudflare"];

function isPart(value: string): value is SetupPart {
  return (PARTS as readonly string[]).includes(value);
}

const cli = defineCli({
  usage: "npm run setup [-- options]",
  description: `Makes GitHub (branches, environments, secrets, rulesets, CODEOWNERS) and Cloudflare (token,
workers.dev subdomain, D1 databases) match workflows-src/environments.ts. Default: plan — print per
resource what exists, what is missing, what would change. Exit: 0 in place / plan printed, 1 drift
or failure, 2 bad arguments.`,
  options: {
    plan: {
      type: "boolean",
      description: "read-only: print what would change (the default)",
    },
    apply: {
      type: "boolean",
      description:
        'create and change what differs; a second --apply prints "no changes"',
    },
    check: {
      type: "boolean",
      description: "read-only; exit 1 when live settings drift from the source",
    },
    "accept-ungated": {
      type: "boolean",
      description:
        "do not fail when GitHub cannot enforce required reviewers/rulesets\n(private repository on a plan without them) — production is then NOT gated",
    },
    only: {
      type: "string",
      value: "<part>",
      description: PARTS.join(" | "),
    },
    repo: {
      type: "string",
      value: "<o/name>",
      description:
        "GitHub repository (default: GITHUB_REPOSITORY, else the origin remote)",
    },
    "rotate-secrets": {
      type: "string",
      value: "<env>[,<env>]",
      description:
        "replace the secrets of these environments only, each from <ENV>_<NAME>\n(e.g. STAGING_CLOUDFLARE_API_TOKEN) or the prompt — never from the bare <NAME>",
    },
  },
  epilog: `Needs GITHUB_TOKEN (or gh auth login), CLOUDFLARE_API_TOKEN and CLOUDFLARE_ACCOUNT_ID.
Secret values come from <ENV>_<NAME> or <NAME> (e.g. PRODUCTION_CLOUDFLARE_API_TOKEN), else a prompt;
while rotating an environment, only from <ENV>_<NAME> or the prompt. Before anything is written,
every token to be used or stored is probed for each permission, placeholder reviewers are refused,
and an environment GitHub cannot gate gets no secrets unless --accept-ungated.`,
  run: async ({ values }) => {
    // The repository's own environments.ts (the package ships the model, no values), loaded inside
    // run: environments.ts refuses a config that cannot work (e.g. one reviewer with
    // preventSelfReview) by throwing while it loads, and here that refusal is the one-line error
    // it was written as, not a stack trace.
    const { environments, preview } = await loadEnvironmentsModule(REPO_ROOT);
    const environmentNames = Object.values(environments).map((e) => e.name);
    const { runSetup } = await import("./run-setup");
    if ([values.apply, values.check, values.plan].filter(Boolean).length > 1)
      throw new UsageError("--plan, --apply and --check exclude each other");
    const only = values.only;
    if (only !== undefined && !isPart(only))
      throw new UsageError(`--only: "${only}" — use ${PARTS.join(" or ")}`);
    const rotate = (values["rotate-secrets"] ?? "")
      .split(",")
      .map((name) => name.trim())
      .filter((name) => name !== "");
    if (values["rotate-secrets"] !== undefined && rotate.length === 0)
      throw new UsageError(
        `--rotate-secrets: name the environment(s) to rotate, e.g. --rotate-secrets staging (one of ${environmentNames.join(", ")})`,
      );
    for (const name of rotate)
      if (!environmentNames.includes(name))
        throw new UsageError(
          `--rotate-secrets: unknown environment "${name}" — use ${environmentNames.join(", ")} (comma-separated)`,
        );
    const log = createDeployLog(undefined);
    return runSetup({
      environments,
      preview: preview ?? null,
      mode: values.apply ? "apply" : values.check ? "check" : "plan",
      acceptUngated: values["accept-ungated"],
      rotateSecrets: rotate,
      only,
      repo: values.repo,
      env: process.env,
      ask: askOnTerminal,
      print: (line) => console.log(line),
      regenerate: npmRunner("gen:workflows", log),
    });
  },
});

await runMain(cli);
