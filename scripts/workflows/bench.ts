/**
 * npm run bench:workflows — median wall time of gen and check next to the floor (`node --import tsx`
 * on an empty file), as ratios. Runs are interleaved (floor, gen, check, floor, …) so load from other
 * processes on a shared machine hits all three alike. A benchmark, not a test: exit 0 unless --strict.
 */
import { spawnSync } from "node:child_process";
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineCli } from "../cli/define-cli";
import { benchTable, median, nodeArgsOf, type BenchRow } from "./bench-stats";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage: "npm run bench:workflows [-- --runs 15] [-- --strict]",
  description: `Times gen:workflows and check:workflows (the node commands in package.json,
without npm's own start-up) against the floor: node --import tsx on an empty file.
Targets: gen ≤ 1.5× floor, check ≤ 4× floor.`,
  options: {
    runs: {
      type: "string",
      value: "<n>",
      default: "15",
      description: "interleaved runs of each command",
    },
    strict: { type: "boolean", description: "exit 1 when over a target" },
  },
  run: ({ values }) => main(values),
});

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function time(args: readonly string[]): number {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, {
    cwd: ROOT,
    stdio: ["ignore", "ignore", "pipe"],
  });
  const elapsed = performance.now() - start;
  if (result.status !== 0) {
    throw new Error(
      `bench: node ${args.join(" ")} exited ${result.status}: ${result.stderr.toString().split("\n")[0]} — fix it before timing`,
    );
  }
  return elapsed;
}

function main(values: {
  readonly runs: string;
  readonly strict: boolean;
}): number {
  const runs = Number(values.runs);
  if (!Number.isInteger(runs) || runs < 1) {
    console.error(
      `bench: --runs ${values.runs}: not a positive integer — e.g. --runs 15`,
    );
    return 1;
  }
  // Inside the repository (.tmp/ is git-ignored) so tsx resolves the same tsconfig as for our scripts.
  mkdirSync(path.join(ROOT, ".tmp"), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, ".tmp", "bench-workflows-"));
  const empty = path.join(dir, "empty.ts");
  writeFileSync(empty, "");
  // Attribution: what importing the definitions alone costs (environments.ts brings zod).
  const definitions = path.join(dir, "definitions.mts");
  const index = new URL("../../workflows-src/index.ts", import.meta.url).href;
  writeFileSync(definitions, `await import(${JSON.stringify(index)});\n`);
  const scripts = (
    JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    }
  ).scripts;
  const commands = {
    floor: ["--import", "tsx", empty],
    definitions: ["--import", "tsx", definitions],
    gen: nodeArgsOf("gen:workflows", scripts["gen:workflows"]),
    check: nodeArgsOf("check:workflows", scripts["check:workflows"]),
  };
  const samples: Record<keyof typeof commands, number[]> = {
    floor: [],
    definitions: [],
    gen: [],
    check: [],
  };
  try {
    // One untimed round warms tsx's transform cache and the OS file cache.
    for (const args of Object.values(commands)) time(args);
    for (let i = 0; i < runs; i++) {
      for (const [name, args] of Object.entries(commands)) {
        samples[name as keyof typeof commands].push(time(args));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const floor = median(samples.floor);
  const rows: BenchRow[] = [
    { name: "floor", medianMs: floor, ratio: 1 },
    {
      name: "(definitions)",
      medianMs: median(samples.definitions),
      ratio: median(samples.definitions) / floor,
    },
    {
      name: "gen:workflows",
      medianMs: median(samples.gen),
      ratio: median(samples.gen) / floor,
      target: 1.5,
    },
    {
      name: "check:workflows",
      medianMs: median(samples.check),
      ratio: median(samples.check) / floor,
      target: 4,
    },
  ];
  const table = benchTable(rows);
  console.log(`bench:workflows — median of ${runs} interleaved runs\n${table}`);
  appendSummary(`### bench:workflows\n\n\`\`\`\n${table}\n\`\`\`\n`);
  const over = rows.some((r) => r.target !== undefined && r.ratio > r.target);
  return values.strict && over ? 1 : 0;
}

process.exitCode = await cli.main();
