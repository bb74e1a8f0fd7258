/**
 * A throw-away git repository holding this checkout's files (tracked and untracked, not ignored)
 * with node_modules linked, for the hook's test and benchmark: they commit there, never here.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  symlinkSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** A developer's shell: not CI, no skip variables, a git identity. `extra` is applied last. */
export function developerEnv(
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    GIT_AUTHOR_NAME: "scratch",
    GIT_AUTHOR_EMAIL: "scratch@example.com",
    GIT_COMMITTER_NAME: "scratch",
    GIT_COMMITTER_EMAIL: "scratch@example.com",
  };
  delete env.CI;
  delete env.SKIP_SIMPLE_GIT_HOOKS;
  delete env.SKIP_INSTALL_SIMPLE_GIT_HOOKS;
  return { ...env, ...extra };
}

export function createScratchRepo(source: string): string {
  const repo = mkdtempSync(join(tmpdir(), "scratch-repo-"));
  const files = execFileSync(
    "git",
    ["ls-files", "--cached", "--others", "--exclude-standard", "-z"],
    { cwd: source, encoding: "utf8" },
  )
    .split("\0")
    .filter(Boolean);
  for (const file of files) {
    mkdirSync(dirname(join(repo, file)), { recursive: true });
    cpSync(join(source, file), join(repo, file));
  }
  symlinkSync(join(source, "node_modules"), join(repo, "node_modules"));
  execFileSync("git", ["init", "-q"], { cwd: repo });
  // .gitignore's "node_modules/" matches directories only, not this symlink.
  appendFileSync(join(repo, ".git/info/exclude"), "node_modules\n");
  execFileSync("git", ["add", "-A"], { cwd: repo });
  execFileSync("git", ["commit", "-q", "-m", "base"], {
    cwd: repo,
    env: developerEnv(),
  });
  return repo;
}
