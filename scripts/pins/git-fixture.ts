/**
 * Bare git repositories for tests, laid out like PINS_GIT_BASE expects (<base>/<owner>/<repo>):
 * commits, lightweight and annotated tags, and re-pointed ("moved") tags, made with the real git.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";

const IDENTITY = [
  "-c",
  "user.name=Fixture",
  "-c",
  "user.email=fixture@example.invalid",
  "-c",
  "tag.gpgSign=false",
  "-c",
  "commit.gpgSign=false",
];

export interface FixtureRepo {
  readonly url: string;
  /** A new commit on main; returns its SHA. */
  commit(message: string): string;
  /** A tag on a commit; annotated tags get their own tag object. Returns the tag ref's own SHA. */
  tag(name: string, sha: string, options?: { annotated?: boolean }): string;
  /** Re-points an existing tag, as a compromised or careless maintainer would. */
  moveTag(name: string, sha: string): void;
}

export function createRepo(base: string, repo: string): FixtureRepo {
  const dir = path.join(base, ...repo.split("/").slice(0, 2));
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync("git", [...IDENTITY, "--git-dir", dir, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    }).trim();
  git("init", "--bare", "--quiet");
  let head: string | undefined;
  let counter = 0;
  return {
    url: dir,
    commit(message) {
      const tree = execFileSync("git", ["--git-dir", dir, "mktree"], {
        input: "",
        encoding: "utf8",
      }).trim();
      counter += 1;
      const parent = head ? ["-p", head] : [];
      head = git(
        "commit-tree",
        tree,
        ...parent,
        "-m",
        `${message} (${counter})`,
      );
      git("update-ref", "refs/heads/main", head);
      return head;
    },
    tag(name, sha, options = {}) {
      if (options.annotated)
        git("tag", "-a", "-m", `release ${name}`, name, sha);
      else git("tag", name, sha);
      return git("rev-parse", `refs/tags/${name}`);
    },
    moveTag(name, sha) {
      git("tag", "-f", name, sha);
    },
  };
}
