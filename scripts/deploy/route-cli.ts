/** npm run deploy:route — which environment this deploy.yml run deploys; see --help. */
import { routeContract } from "../../workflows-src/contracts";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { loadEnvironments } from "../init/load-environments";
import { appendSummary } from "./github-io";
import { routeDeploy } from "./route";
import { REPO_ROOT } from "./wrangler";

const cli = defineCli({
  usage:
    "npm run deploy:route [-- --event <name> --ref <ref> --environment <name>]",
  description: `Decides which environment a deploy.yml run deploys to: a push deploys its branch's environment
(each environment's \`branch\` in workflows-src/environments.ts); a dispatch deploys the chosen environment only from that environment's branch.
Writes ${routeContract.outputs.join(", ")}=<name> to GITHUB_OUTPUT and a line to the step summary; on a mismatch prints
an error saying what to run instead and exits 1, so the run fails instead of skipping every deploy.
Each option defaults to the variable GitHub Actions sets, or the workflow passes.`,
  contract: routeContract,
  options: {
    event: {
      type: "string",
      value: "<name>",
      description: "event name",
      envVar: "GITHUB_EVENT_NAME",
    },
    ref: {
      type: "string",
      value: "<ref>",
      description: "git ref, e.g. refs/heads/main",
      envVar: "GITHUB_REF",
    },
    environment: {
      type: "string",
      value: "<name>",
      description: "the dispatch input",
      envVar: "DEPLOY_INPUT_ENVIRONMENT",
    },
  },
  run: async ({ values, setOutputs }) => {
    const { event: eventName, ref } = values;
    if (eventName === undefined)
      throw new UsageError("--event (or GITHUB_EVENT_NAME) is required");
    if (ref === undefined)
      throw new UsageError("--ref (or GITHUB_REF) is required");
    const route = routeDeploy(
      { eventName, ref, requested: values.environment },
      // The repository's own environments.ts, read now: the package ships the model, no values.
      Object.values(await loadEnvironments(REPO_ROOT)),
    );
    if (!route.ok) {
      appendSummary(`### Deploy route ❌\n\n${route.error}\n`);
      throw new Error(route.error);
    }
    const { name, branch, url } = route.environment;
    setOutputs({ environment: name });
    appendSummary(
      `### Deploy route\n\n${eventName} on \`${branch}\` → **${name}** (${url})\n`,
    );
    console.log(`${eventName} on ${branch} → ${name} (${url})`);
    return 0;
  },
});

await runMain(cli);
