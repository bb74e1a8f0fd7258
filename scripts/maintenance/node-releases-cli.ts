/**
 * npm run node:releases — compares .nvmrc (what setup-node installs in every job) with nodejs.org's
 * release index and reports newer patch releases, security ones first, in the job summary.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { defineCli, UsageError } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { annotation, appendSummary } from "../deploy/github-io";
import { indexSchema, nodeReport, renderNodeReport } from "./node-releases";
import { readIndex } from "./read-index";

const DEFAULT_INDEX = "https://nodejs.org/dist/index.json";

const cli = defineCli({
  usage: "npm run node:releases [-- --timeout <seconds>] [--root <dir>]",
  description: `Reads .nvmrc and the Node.js release index and prints which release
setup-node installs, newer releases an exact .nvmrc misses (security releases
called out) and any newer LTS line. Writes the same to $GITHUB_STEP_SUMMARY.
Exit 1 when .nvmrc is behind or the index cannot be read, 2 on bad input.`,
  options: {
    timeout: {
      type: "string",
      value: "<seconds>",
      default: "20",
      description: "for the release index",
    },
    root: {
      type: "string",
      value: "<dir>",
      description: "the checkout whose .nvmrc to read (default: this one)",
    },
    "index-url": {
      type: "string",
      value: "<url>",
      envVar: "NODE_DIST_INDEX_URL",
      default: DEFAULT_INDEX,
      description: "the release index (a reachable mirror)",
    },
  },
  run: ({ values }) => main(values.timeout, values.root, values["index-url"]),
});

async function main(
  timeoutText: string,
  rootOption: string | undefined,
  url: string,
): Promise<number> {
  const timeout = Number(timeoutText);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(
      `--timeout "${timeoutText}" is not a positive number of seconds`,
    );
  const root = rootOption ?? repoRoot();
  const spec = readFileSync(path.join(root, ".nvmrc"), "utf8");
  let text: string;
  let behind: boolean;
  try {
    const parsed = indexSchema.safeParse(await readIndex(url, timeout * 1000));
    if (!parsed.success) {
      throw new Error(
        `${url}: not a Node.js release index (${parsed.error.issues[0]?.path.join(".")}: ${parsed.error.issues[0]?.message}) — point NODE_DIST_INDEX_URL at …/dist/index.json`,
      );
    }
    const report = nodeReport(spec, parsed.data);
    behind = report.behind || !report.resolved;
    text = renderNodeReport(report);
  } catch (error) {
    const message = `node:releases: ${(error as Error).message}`;
    console.error(
      process.env["GITHUB_ACTIONS"] === "true"
        ? annotation("error", message)
        : message,
    );
    appendSummary(`### Node.js\n\n- Not checked: ${message}\n\n`);
    return 1;
  }
  console.log(text);
  appendSummary(`${text}\n\n`);
  return behind ? 1 : 0;
}

process.exitCode = await cli.main();
