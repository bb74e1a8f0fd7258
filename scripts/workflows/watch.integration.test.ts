// The real watcher on a temporary copy of the generator's inputs: a save regenerates, an invalid
// definition names its TS source and the watcher survives, and the next save is imported afresh.
import { spawn, type ChildProcess } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../deploy/wrangler";
import { linkAuditInputs } from "./scratch-checkout";

const COPIED = [
  "workflows-src",
  "scripts/workflows",
  // gen.ts's CLI (defineCli) and what it reports errors through
  "scripts/cli",
  "scripts/deploy",
  "package.json",
  "tsconfig.json",
  ".github/workflows",
  "docs/deployment/diagrams",
];
// The mutation schedule lives in the workflow factories the definition files call.
const SOURCE = "workflows-src/builders/pipeline-workflows.ts";
const CRON = '"17 3 * * 1"';

let root: string;
let watcher: ChildProcess;
let output = "";

/** Resolves once the watcher's output (since `from`) matches, or fails naming what it printed. */
async function waitFor(pattern: RegExp, from: number): Promise<number> {
  const deadline = Date.now() + 45_000;
  while (Date.now() < deadline) {
    const match = pattern.exec(output.slice(from));
    if (match) return from + match.index + match[0].length;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`watcher never printed ${pattern}; it printed:\n${output}`);
}

function editSource(transform: (text: string) => string): number {
  const mark = output.length;
  const path = join(root, SOURCE);
  writeFileSync(path, transform(readFileSync(path, "utf8")));
  return mark;
}

const yaml = (): string =>
  readFileSync(join(root, ".github/workflows/mutation.yml"), "utf8");

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "gen-watch-"));
  for (const path of COPIED) {
    cpSync(join(REPO_ROOT, path), join(root, path), { recursive: true });
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
  linkAuditInputs(root);
  watcher = spawn(
    process.execPath,
    [
      "--import",
      "./scripts/workflows/preload.mjs?zod",
      "--import",
      "tsx",
      "scripts/workflows/gen.ts",
      "--watch",
    ],
    { cwd: root, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  watcher.stdout?.setEncoding("utf8").on("data", (c: string) => (output += c));
  watcher.stderr?.setEncoding("utf8").on("data", (c: string) => (output += c));
});

afterAll(() => {
  // Its own process group: the watcher and a generation it may be running.
  if (watcher.pid !== undefined && watcher.exitCode === null) {
    process.kill(-watcher.pid, "SIGTERM");
  }
  rmSync(root, { recursive: true, force: true });
});

describe("npm run gen:workflows -- --watch", () => {
  it("regenerates on save, reports an error with its source, keeps watching, re-imports", async () => {
    await waitFor(/watching workflows-src\//, 0);

    let at = editSource((text) => text.replace(CRON, '"42 3 * * 1"'));
    at = await waitFor(
      /changed {2}workflows-src\/builders\/pipeline-workflows\.ts\n(?:.*\n)*?wrote {4}\.github\/workflows\/mutation\.yml/,
      at,
    );
    await waitFor(/1 written|2 written/, at);
    expect(yaml()).toContain("42 3 * * 1");

    at = editSource((text) => `${text}\nthrow new Error("watch-test boom");\n`);
    at = await waitFor(
      /gen:workflows: workflows-src\/builders\/pipeline-workflows\.ts:\d+:\d+: watch-test boom/,
      at,
    );
    await waitFor(/still watching/, at);
    expect(yaml()).toContain("42 3 * * 1"); // nothing written on error

    // A cached module would still throw, or still say 42: the new cron proves a fresh import.
    at = editSource((text) =>
      text
        .replace('\nthrow new Error("watch-test boom");\n', "")
        .replace('"42 3 * * 1"', '"43 3 * * 1"'),
    );
    await waitFor(/wrote {4}\.github\/workflows\/mutation\.yml/, at);
    expect(yaml()).toContain("43 3 * * 1");
    expect(watcher.exitCode).toBeNull();
  }, 120_000);
});
