/**
 * A throw-away copy of this repository for one scenario world: the deploy CLIs resolve REPO_ROOT
 * from their own location, so a copy is where `.open-next/` (the fixture artifact), `reports/`,
 * wrangler.jsonc and a git history of made-up commits can change without touching the checkout.
 * node_modules is a symlink (to the deploy toolset when given, as in the deploy jobs); the copy is a
 * git repository whose commits are the SHAs deployed.
 */
import { execFileSync } from "node:child_process";
import {
  cpSync,
  mkdirSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { join, relative } from "node:path";
import { REPO_ROOT } from "../../deploy/wrangler";
import { writeFixtureArtifact } from "./fixture-artifact";
import type { HealthMode } from "../state";

/** What the CLIs need at run time: their sources, configs, migrations and the app's health code. */
const COPIED = [
  "package.json",
  "tsconfig.json",
  "wrangler.jsonc",
  // With it, lint:migrations inside deploy:migrate takes the path it takes in the deploy job.
  "drizzle.config.ts",
  ".gitignore",
  "scripts",
  // The deploy:* scripts are `typed-cicd <command>`: the launcher runs the copy's own sources.
  "packages/pipeline",
  "workflows-src",
  "src",
  "drizzle",
];
const SKIPPED =
  /(^|\/)(node_modules|\.open-next|\.wrangler|reports|coverage|\.next)(\/|$)|^packages\/pipeline\/dist(\/|$)/;

export interface Sandbox {
  readonly root: string;
  /** Makes a commit (an empty change to CHANGES.txt) and answers its SHA. */
  commit(label: string): string;
  /** Writes `.open-next/` for a commit: worker.js with the double's marker, assets, app-version.txt. */
  artifact(sha: string, health?: HealthMode): void;
  /** Migration names of drizzle/migrations' journal, as wrangler records them. */
  readonly migrations: readonly string[];
}

function git(root: string, args: readonly string[]): string {
  return execFileSync("git", args, {
    cwd: root,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();
}

export function createSandbox(
  root: string,
  nodeModules = join(REPO_ROOT, "node_modules"),
): Sandbox {
  mkdirSync(root, { recursive: true });
  for (const entry of COPIED)
    cpSync(join(REPO_ROOT, entry), join(root, entry), {
      recursive: true,
      filter: (source) => !SKIPPED.test(relative(REPO_ROOT, source)),
    });
  symlinkSync(nodeModules, join(root, "node_modules"), "dir");
  git(root, ["init", "-q", "-b", "main"]);
  git(root, ["config", "user.email", "scenario@cloudflare-double.invalid"]);
  git(root, ["config", "user.name", "cloudflare-double scenario"]);
  git(root, ["config", "commit.gpgsign", "false"]);
  git(root, ["add", "-A"]);
  git(root, ["commit", "-q", "-m", "sandbox: copy of the repository"]);
  const journal = JSON.parse(
    readFileSync(join(root, "drizzle/migrations/meta/_journal.json"), "utf8"),
  ) as {
    entries: { idx: number; tag: string }[];
  };
  const migrations = [...journal.entries]
    .sort((a, b) => a.idx - b.idx)
    .map((e) => `${e.tag}.sql`);
  let n = 0;
  return {
    root,
    migrations,
    commit(label) {
      n += 1;
      writeFileSync(join(root, "CHANGES.txt"), `${n} ${label}\n`);
      git(root, ["add", "CHANGES.txt"]);
      git(root, ["commit", "-q", "-m", label]);
      return git(root, ["rev-parse", "HEAD"]);
    },
    artifact(sha, health = "ok") {
      writeFixtureArtifact(join(root, ".open-next"), {
        sha,
        health,
        migrations,
      });
    },
  };
}
