/**
 * Files a commit must not carry into a job that holds the Cloudflare token, because the tools that
 * job runs read them without being asked: wrangler follows `.wrangler/deploy/config.json` to another
 * config (whose `build.command` it runs) and loads `.env` / `.env.<env>` into its environment
 * (a `CLOUDFLARE_API_BASE_URL` there sends the token elsewhere); OpenNext loads `.env*` and
 * `.dev.vars*`; Node loads a package from any `node_modules` above a module first. Examples
 * (`.env.example`) are read by nobody. Found by the red team on the deploy jobs (workflow-policy.md).
 */
import { execFileSync } from "node:child_process";

const PATHSPECS = [
  ".wrangler",
  "node_modules",
  ":(glob)**/node_modules/**",
  ".env",
  ".env.*",
  ".dev.vars",
  ".dev.vars.*",
];

const EXAMPLE = /\.(example|sample|template|dist)$/;

/** The tracked files of `files` the deploy jobs refuse (pure: the list comes from git). */
export function refusedFiles(files: readonly string[]): string[] {
  return files.filter((file) => file !== "" && !EXAMPLE.test(file));
}

/** One line naming the committed files and the fix, or undefined (none, or not a git checkout). */
export function committedRedirects(root: string): string | undefined {
  let listed: string;
  try {
    listed = execFileSync("git", ["ls-files", "-z", "--", ...PATHSPECS], {
      cwd: root,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
  } catch {
    return undefined;
  }
  const refused = refusedFiles(listed.split("\0"));
  if (refused.length === 0) return undefined;
  const shown = refused.slice(0, 3).join(", ");
  const more = refused.length > 3 ? ` and ${refused.length - 3} more` : "";
  return `committed ${shown}${more}: wrangler, OpenNext or Node would read it in a job holding the Cloudflare token — remove it from git (git rm --cached <file>) and keep it in .gitignore`;
}
