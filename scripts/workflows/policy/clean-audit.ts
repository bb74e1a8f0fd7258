/**
 * Runs the audit in a separate, clean Node process (audit-child.ts) over the YAML as written:
 * gen:workflows and check:workflows import workflows-src/ to build the workflows, and code there
 * could patch anything in their process (a prototype, a module's exports). The child starts with
 * no inherited NODE_OPTIONS or loader flags and an environment of PATH and HOME only, and reads
 * the checkout from disk.
 */
import { spawn } from "node:child_process";
import { childArgs } from "../../cli/child-module";
import type { AuditAnswer, AuditRequest, Auditor } from "./audit-request";

const CHILD = childArgs({
  source: new URL("./audit-child.ts", import.meta.url),
  name: "audit-child",
  // yaml through Node's own loader, before tsx's hooks (see scripts/workflows/preload.mjs).
  preload: new URL("../preload.mjs?yaml", import.meta.url),
  // It judges YAML and package.json against the catalog (bundled) and the checkout's own
  // workflows-src/environments.ts, which it imports: TypeScript.
  loadsTypeScript: true,
});

export function cleanAuditor(root: string): Auditor {
  return (request: AuditRequest) =>
    new Promise<AuditAnswer>((resolve, reject) => {
      const child = spawn(process.execPath, CHILD, {
        cwd: root,
        // Only what Node needs to start: nothing from the parent that could load code into it.
        env: {
          PATH: process.env["PATH"] ?? "",
          HOME: process.env["HOME"] ?? "",
        } as unknown as NodeJS.ProcessEnv,
        stdio: ["pipe", "pipe", "pipe"],
      });
      const out: Buffer[] = [];
      const err: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
      child.once("error", reject);
      child.once("close", (code) => {
        if (code !== 0) {
          reject(
            new Error(
              `the audit process exited ${code}: ${auditFailure(Buffer.concat(err).toString("utf8"))}`,
            ),
          );
          return;
        }
        try {
          resolve(
            JSON.parse(Buffer.concat(out).toString("utf8")) as AuditAnswer,
          );
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
      child.stdin.end(JSON.stringify(request));
    });
}

/**
 * The line of a crashed audit's stderr that says why, with the fix: Node's first line is only the
 * frame it threw from ("node:internal/modules/run_main:123"), and a package missing from
 * node_modules (a lockfile newer than the install) is fixed by installing, not by reading the audit.
 */
export function auditFailure(stderr: string): string {
  const lines = stderr.split("\n").map((line) => line.trim());
  const reason =
    lines.find((line) => /^(\w*Error\b|Error \[)/.test(line)) ??
    lines.find((line) => line !== "") ??
    "no output";
  return /ERR_MODULE_NOT_FOUND|Cannot find (package|module)/.test(reason)
    ? `${reason} — node_modules is older than package-lock.json: run npm ci (or ./dev)`
    : `${reason} — run npm run audit:workflows to see why`;
}
