/** npm run deploy:route — which environment this deploy.yml run deploys; see --help. */
import { parseArgs } from "node:util";
import { environments } from "../../workflows-src/environments";
import { fromEnv, runCli, UsageError } from "./cli-support";
import { appendSummary, setOutput } from "./github-io";
import { routeDeploy } from "./route";

const help = `Usage: npm run deploy:route [-- --event <name> --ref <ref> --environment <name>]

Decides which environment a deploy.yml run deploys to: a push deploys its branch's environment
(${Object.values(environments)
  .map((env) => `${env.branch} → ${env.name}`)
  .join(
    ", ",
  )}); a dispatch deploys the chosen environment only from that environment's branch.
Writes environment=<name> to GITHUB_OUTPUT and a line to the step summary; on a mismatch prints
an error saying what to run instead and exits 1, so the run fails instead of skipping every deploy.

Options (each defaults to the variable GitHub Actions sets, or the workflow passes):
  --event <name>         event name (env GITHUB_EVENT_NAME)
  --ref <ref>            git ref, e.g. refs/heads/main (env GITHUB_REF)
  --environment <name>   the dispatch input (env DEPLOY_INPUT_ENVIRONMENT)
  -h, --help             show this help`;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      event: { type: "string" },
      ref: { type: "string" },
      environment: { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const eventName = values.event ?? fromEnv("GITHUB_EVENT_NAME");
  const ref = values.ref ?? fromEnv("GITHUB_REF");
  if (eventName === undefined)
    throw new UsageError("--event (or GITHUB_EVENT_NAME) is required");
  if (ref === undefined)
    throw new UsageError("--ref (or GITHUB_REF) is required");
  const route = routeDeploy(
    {
      eventName,
      ref,
      requested: values.environment ?? fromEnv("DEPLOY_INPUT_ENVIRONMENT"),
    },
    Object.values(environments),
  );
  if (!route.ok) {
    appendSummary(`### Deploy route ❌\n\n${route.error}\n`);
    throw new Error(route.error);
  }
  const { name, branch, url } = route.environment;
  setOutput("environment", name);
  appendSummary(
    `### Deploy route\n\n${eventName} on \`${branch}\` → **${name}** (${url})\n`,
  );
  console.log(`${eventName} on ${branch} → ${name} (${url})`);
  return 0;
});
