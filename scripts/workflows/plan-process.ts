/**
 * Plans the generated files in a child process (plan-child.ts) and hands back only data: the
 * definitions in workflows-src/ are code of the pull request being checked, and anything they do
 * (patch a prototype, replace a module's export) stays in that child. Its answer is read with the
 * JSON parser captured when this module loaded, before any of that code could run anywhere.
 */
import { spawn } from "node:child_process";
import { childArgs } from "../cli/child-module";
import { repoRoot } from "../cli/repo-root";
import { DefinitionError } from "./load-definitions";
import type { PlannedFile } from "./locations";

const CHILD = childArgs({
  source: new URL("./plan-child.ts", import.meta.url),
  name: "plan-child",
  preload: new URL("./preload.mjs?zod", import.meta.url),
  loadsTypeScript: true,
});
const parse = JSON.parse;

type Answer =
  | { readonly ok: true; readonly planned: readonly PlannedFile[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * Throws DefinitionError (one line per problem) when a definition is invalid. `entry` replaces
 * workflows-src/index.ts (tests); `root` is the repository whose definitions are planned (the
 * child's working directory).
 */
export function planInChild(
  entry?: string,
  root: string = repoRoot(),
): Promise<readonly PlannedFile[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [...CHILD, ...(entry ? [entry] : [])],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.once("error", reject);
    child.once("close", (code) => {
      let answer: Answer;
      try {
        answer = parse(Buffer.concat(out).toString("utf8")) as Answer;
      } catch {
        const stderr = Buffer.concat(err).toString("utf8").trim();
        reject(
          new DefinitionError(
            `workflows-src/index.ts: planning exited ${code} without an answer${stderr ? `: ${stderr.split("\n")[0]}` : ""} — run \`node --import tsx workflows-src/index.ts\` to see why`,
          ),
        );
        return;
      }
      if (answer.ok) resolve(answer.planned);
      else reject(new DefinitionError(answer.errors.join("\n")));
    });
  });
}
