/**
 * Runs the serving commit's own Playwright suite, from its worktree, against a worker that is
 * already up: a config written next to its playwright.config.ts drops its global setup (which
 * would start a worker of its own) and adds a JSON report for the verdict.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Runner } from "../deploy/child-process";
import { readSuiteOutcome, type SuiteOutcome } from "./playwright-report";
import { compatSuite } from "./suite";

export const COMPAT_CONFIG = "playwright.compat.config.ts";
const BASE_CONFIG = "playwright.config.ts";

/**
 * `traces`: keep the suite's own trace/screenshot settings. Off unless the check keeps its folder:
 * without --keep the worktree (and test-results/ in it) is deleted right after the suite, so a
 * trace recorded for every test would only cost the browser a screencast nobody opens.
 */
export function compatConfigSource(reportFile: string, traces = true): string {
  const use = traces
    ? ""
    : `\n  use: { ...base.use, trace: "off", screenshot: "off", video: "off" },`;
  return `// Written by scripts/compat/run-old-suite.ts: the serving commit's suite against an external worker.
import base from "./${BASE_CONFIG.replace(/\.ts$/, "")}";

export default {
  ...base,
  globalSetup: undefined,
  globalTeardown: undefined,
  testIgnore: ${JSON.stringify(compatSuite.testIgnore)},
  grepInvert: new RegExp(${JSON.stringify(compatSuite.grepInvert)}),
  // The first failure is the verdict: the rest of the suite would mostly wait out timeouts.
  maxFailures: 1,
  timeout: Math.min(base.timeout ?? 30_000, ${compatSuite.maxTestTimeoutMs}),
  expect: { ...base.expect, timeout: Math.min(base.expect?.timeout ?? 5_000, ${compatSuite.maxExpectTimeoutMs}) },
  reporter: [["list"], ["json", { outputFile: ${JSON.stringify(reportFile)} }]],${use}
};
`;
}

export async function runOldSuite(options: {
  readonly worktree: string;
  readonly baseUrl: string;
  readonly reportFile: string;
  /** Record traces/screenshots as the suite's config says (only worth it when the folder is kept). */
  readonly traces?: boolean;
  readonly run: Runner;
}): Promise<SuiteOutcome & { readonly output: string }> {
  const { worktree, reportFile } = options;
  if (!existsSync(join(worktree, BASE_CONFIG)))
    throw new Error(
      `${worktree}: no ${BASE_CONFIG} in the serving commit — the check runs that commit's Playwright suite; pass --against a commit that has one`,
    );
  writeFileSync(
    join(worktree, COMPAT_CONFIG),
    compatConfigSource(reportFile, options.traces ?? true),
  );
  const cli = join(worktree, "node_modules", "@playwright", "test", "cli.js");
  const result = await options.run(
    process.execPath,
    [cli, "test", "--config", COMPAT_CONFIG],
    {
      cwd: worktree,
      env: { ...process.env, E2E_BASE_URL: options.baseUrl },
      timeoutMs: 600_000,
    },
  );
  const output = `${result.stdout}\n${result.stderr}`;
  if (!existsSync(reportFile))
    throw new Error(
      `the serving commit's Playwright suite wrote no report (exit ${result.code}): ${output.trim().split("\n").slice(-5).join(" | ")}`,
    );
  return { ...readSuiteOutcome(readFileSync(reportFile, "utf8")), output };
}
