/**
 * npm run node:releases — compares .nvmrc (what setup-node installs in every job) with nodejs.org's
 * release index and reports newer patch releases, security ones first, in the job summary.
 */
import { appendFileSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { indexSchema, nodeReport, renderNodeReport } from "./node-releases";

const DEFAULT_INDEX = "https://nodejs.org/dist/index.json";

const HELP = `Usage: npm run node:releases [-- --timeout <seconds>] [--root <dir>]

Reads .nvmrc and ${DEFAULT_INDEX} (NODE_DIST_INDEX_URL replaces it)
and prints which release setup-node installs, newer releases an exact .nvmrc
misses (security releases called out) and any newer LTS line. Writes the same
to $GITHUB_STEP_SUMMARY. Exit 1 when .nvmrc is behind or the index cannot be
read, 2 on bad input.`;

async function readIndex(url: string, timeoutMs: number): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    const reason =
      (error as Error).name === "TimeoutError"
        ? `no answer within ${timeoutMs / 1000} s`
        : `${(error as Error).message}${cause ? ` (${cause})` : ""}`;
    throw new Error(
      `could not read ${url}: ${reason} — retry later, or set NODE_DIST_INDEX_URL to a reachable mirror`,
      { cause: error },
    );
  }
  if (!response.ok) {
    throw new Error(`could not read ${url}: HTTP ${response.status}`);
  }
  return response.json();
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        help: { type: "boolean", short: "h" },
        timeout: { type: "string", default: "20" },
        root: { type: "string" },
      },
    }));
  } catch (error) {
    console.error(`node:releases: ${(error as Error).message} — see --help`);
    return 2;
  }
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const timeout = Number(values.timeout);
  if (!Number.isFinite(timeout) || timeout <= 0) {
    console.error(
      `node:releases: --timeout "${values.timeout}" is not a positive number of seconds`,
    );
    return 2;
  }
  const root = values.root ?? fileURLToPath(new URL("../../", import.meta.url));
  const url = process.env["NODE_DIST_INDEX_URL"] || DEFAULT_INDEX;
  const summary = process.env["GITHUB_STEP_SUMMARY"];
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
        ? `::error::${message}`
        : message,
    );
    if (summary) {
      appendFileSync(summary, `### Node.js\n\n- Not checked: ${message}\n\n`);
    }
    return 1;
  }
  console.log(text);
  if (summary) appendFileSync(summary, `${text}\n\n`);
  return behind ? 1 : 0;
}

process.exitCode = await main();
