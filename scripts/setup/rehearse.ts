/**
 * npm run setup:rehearse — first-time setup from an empty repository and account, against the
 * GitHub API double (in this process) and the Cloudflare API double (scripts/cloudflare-double,
 * its own process, stopped by PID): plan → apply → apply again → check, with the real Octokit and
 * the real wrangler. Files setup writes go to a scratch copy, never this checkout. Prints one row per
 * run: exit code, last line, seconds.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { environments as shipped } from "../../workflows-src/environments";
import { parseEnvironments } from "../../workflows-src/builders/environment-model";
import { createStageRunner, timingTable } from "../deploy/stages";
import { createWrangler, REPO_ROOT } from "../deploy/wrangler";
import { startGitHubDouble } from "./github-double/server";
import { ACCOUNT_FILE } from "./cloudflare/subdomain";
import type { SetupMode } from "./report";
import { runSetup, type SetupPart } from "./run-setup";

const DOUBLE = join(REPO_ROOT, "scripts/cloudflare-double/start.ts");

interface CloudflareDouble {
  readonly env: Record<string, string>;
  control(method: string, path: string, body?: unknown): Promise<unknown>;
  stop(): Promise<void>;
}

/** The shipped reviewers are placeholders setup --apply refuses: rehearse with two real-looking ones. */
const environments = parseEnvironments({
  ...structuredClone(shipped),
  production: {
    ...shipped.production,
    reviewers: ["rehearsal-approver", "rehearsal-second"],
  },
});

async function startCloudflare(): Promise<CloudflareDouble | undefined> {
  if (!existsSync(DOUBLE)) return undefined;
  const module = (await import(DOUBLE)) as {
    startCloudflareDouble: (o: {
      subdomain: string;
    }) => Promise<CloudflareDouble>;
  };
  return module.startCloudflareDouble({ subdomain: "acme" });
}

const github = await startGitHubDouble({
  users: environments.production.reviewers.filter((r) => !r.includes("/")),
});
const cloudflare = await startCloudflare();
// Each environment's token is preflighted before anything is written: the double must know them.
await cloudflare?.control("PUT", "/__double/tokens", {
  tokens: [
    cloudflare.env["CLOUDFLARE_API_TOKEN"],
    "rehearsal-staging-token",
    "rehearsal-production-token",
  ],
});
const root = mkdtempSync(join(tmpdir(), "setup-rehearsal-"));
// The same stage runner as the deploy rehearsal: timed, and after a failure the rest is skipped.
const stages = createStageRunner();
try {
  cpSync(join(REPO_ROOT, "wrangler.jsonc"), join(root, "wrangler.jsonc"));
  mkdirSync(join(root, "workflows-src"));
  cpSync(join(REPO_ROOT, ACCOUNT_FILE), join(root, ACCOUNT_FILE));
  const env = {
    ...process.env,
    ...(cloudflare?.env ?? {}),
    GITHUB_TOKEN: github.state.token,
    GITHUB_API_URL: github.url,
    CLOUDFLARE_API_TOKEN: cloudflare?.env["CLOUDFLARE_API_TOKEN"] ?? "",
    STAGING_CLOUDFLARE_API_TOKEN: "rehearsal-staging-token",
    PRODUCTION_CLOUDFLARE_API_TOKEN: "rehearsal-production-token",
    CLOUDFLARE_ACCOUNT_ID:
      cloudflare?.env["CLOUDFLARE_ACCOUNT_ID"] ?? "0".repeat(32),
  };
  const only: SetupPart | undefined = cloudflare ? undefined : "github";
  if (!cloudflare) {
    console.log(
      "Cloudflare double not found (scripts/cloudflare-double/start.ts): rehearsing the GitHub half only",
    );
  }
  const steps: [SetupMode, number][] = [
    ["plan", 0],
    ["apply", 0],
    ["apply", 0],
    ["check", 0],
  ];
  for (const [mode, expected] of steps) {
    await stages.run(`setup --${mode}`, async () => {
      const lines: string[] = [];
      const code = await runSetup({
        mode,
        acceptUngated: false,
        only,
        environments,
        preview: null,
        repo: `${github.state.owner}/${github.state.repo}`,
        env,
        ask: () => Promise.resolve(undefined),
        print: (line) => lines.push(line),
        repoRoot: root,
        wrangler: createWrangler({ env, cwd: root }),
        // The scratch root has no workflows-src to regenerate; the real apply runs gen:workflows.
        regenerate: async () => {},
      });
      if (code !== expected)
        throw new Error(
          `exit ${code}, expected ${expected}:\n${lines.join("\n")}`,
        );
      return lines.at(-1) ?? "";
    });
  }
  console.log(timingTable(stages.results));
} finally {
  await cloudflare?.stop();
  await github.close();
  rmSync(root, { recursive: true, force: true });
}
process.exit(stages.failed ? 1 : 0);
