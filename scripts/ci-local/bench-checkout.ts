/**
 * Where a benchmark runs: this repository's root, and a throw-away clone at one commit — its own
 * workflow files and code, unaffected by commits made while a long run goes on.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";

export function repositoryRoot(): string {
  return execFileSync("git", ["rev-parse", "--show-toplevel"], {
    encoding: "utf8",
  }).trim();
}

export interface Checkout {
  readonly dir: string;
  remove(): void;
}

export function checkoutAt(
  root: string,
  commit: string,
  prefix: string,
): Checkout {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  execFileSync("git", [
    "clone",
    "--local",
    "--quiet",
    "--no-checkout",
    root,
    dir,
  ]);
  execFileSync("git", ["-C", dir, "checkout", "--quiet", "--detach", commit]);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
