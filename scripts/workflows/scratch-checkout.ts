/**
 * For tests that must run the real npm scripts against a changed project without touching this
 * one: a copy of the working tree's files (tracked and new, not ignored) in a temporary directory,
 * with node_modules linked rather than copied. The caller removes it.
 */
import { execFileSync, spawnSync } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

export function scratchCheckout(prefix = "scratch-checkout-"): string {
  const files = execFileSync(
    "git",
    ["ls-files", "-z", "--cached", "--others", "--exclude-standard"],
    { cwd: REPO_ROOT, encoding: "utf8" },
  )
    .split("\0")
    .filter((file) => file && existsSync(path.join(REPO_ROOT, file)));
  const root = mkdtempSync(path.join(tmpdir(), prefix));
  for (const file of files) {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, file), path.join(root, file));
  }
  symlinkSync(
    path.join(REPO_ROOT, "node_modules"),
    path.join(root, "node_modules"),
  );
  return root;
}

export interface NpmRunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** `npm run <script> [-- args]` in a checkout, as a person (or CI) would run it. */
export function npmRunIn(
  root: string,
  script: string,
  args: readonly string[] = [],
  env: Record<string, string> = {},
): NpmRunResult {
  const result = spawnSync(
    "npm",
    ["run", "--silent", script, ...(args.length ? ["--", ...args] : [])],
    {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, ...env },
      timeout: 120_000,
    },
  );
  return {
    status: result.status,
    stdout: result.stdout,
    stderr: result.stderr,
  };
}

/**
 * What the audit reads besides the workflow files, linked into a scratch root that holds copies of
 * the generated locations: the files `npm run` scripts execute (scripts/, workflows-src/, src/,
 * packages/ — `prepare` builds the pipeline package),
 * the deploy toolset and the lockfile, and the pins of what environment jobs run.
 */
export function linkAuditInputs(root: string): void {
  // Links what is missing; a directory the scratch root already holds (a partial copy) gets its
  // missing entries linked one by one.
  const link = (entry: string): void => {
    const target = path.join(root, entry);
    if (!existsSync(target)) {
      mkdirSync(path.dirname(target), { recursive: true });
      symlinkSync(path.join(REPO_ROOT, entry), target);
      return;
    }
    if (lstatSync(target).isDirectory()) {
      for (const child of readdirSync(path.join(REPO_ROOT, entry))) {
        link(path.join(entry, child));
      }
    }
  };
  for (const entry of [
    "scripts",
    "workflows-src",
    "src",
    "packages",
    "tools",
    "package-lock.json",
    // Maps @typed-cicd/pipeline, which the definitions import, to its source (as tsx reads it).
    "tsconfig.json",
  ]) {
    link(entry);
  }
  const pins = ".github/workflow-pins.json";
  if (!existsSync(path.join(root, pins))) {
    mkdirSync(path.join(root, ".github"), { recursive: true });
    cpSync(path.join(REPO_ROOT, pins), path.join(root, pins));
  }
}
