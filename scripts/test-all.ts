/**
 * `npm test`: every check a developer runs before pushing, in one command, ending with the
 * `N passed, N failed` line CI reads. Stages keep running after a failure so one run shows them all.
 */
import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { defineCli } from "./cli/define-cli.ts";
import { appendSummary } from "./deploy/github-io.ts";
import { addCounts, closingLine, type Counts } from "./test-runner/counts.ts";
import {
  stageOutcome,
  type StageOutcome,
} from "./test-runner/stage-outcome.ts";
import {
  ciLocalStage,
  REPLACED_BY_CI_LOCAL,
  selectStages,
  stages,
  type Stage,
} from "./test-runner/stages.ts";
import { lanes } from "./test-runner/lanes.ts";

const cli = defineCli({
  usage: "npm test [-- --only ids] [-- --skip ids] [-- --as-workflows]",
  description: `Runs, in order: ${stages.map((s) => s.id).join(", ")}; on request (--only): ${ciLocalStage.id}.
--as-workflows (what .ci/run uses): ${ciLocalStage.id} runs quality.yml's jobs from the committed YAML
in clean clones (ci:local) in place of ${REPLACED_BY_CI_LOCAL.join(", ")}; uncommitted changes are not in them.
With ${ciLocalStage.id}, the other stages run beside it (their output printed whole as each ends).
Ends with one line "N passed, N failed" totalling every suite.`,
  options: {
    "as-workflows": {
      type: "boolean",
      description: `run ${REPLACED_BY_CI_LOCAL.join(", ")} as quality.yml's jobs through ci:local`,
    },
    only: {
      type: "string",
      value: "a,b",
      default: "",
      description: "run only these stages",
    },
    skip: {
      type: "string",
      value: "a,b",
      default: "",
      description:
        "run all but these stages (e.g. --skip build,e2e for a quick pass)",
    },
    summary: {
      type: "string",
      value: "F",
      default: "reports/test-summary.json",
      description: "where to write the JSON totals",
    },
  },
});

const { values } = cli.parseOrExit();

const list = (s: string) =>
  s
    .split(",")
    .map((x) => x.trim())
    .filter(Boolean);
let selected: Stage[];
try {
  // Optional stages run only when named in --only.
  const only = list(values.only);
  const defaults = values["as-workflows"]
    ? [
        ciLocalStage.id,
        ...stages
          .map((s) => s.id)
          .filter((id) => !REPLACED_BY_CI_LOCAL.includes(id)),
      ]
    : stages.map((s) => s.id);
  selected = selectStages(
    [ciLocalStage, ...stages],
    only.length > 0 ? only : defaults,
    list(values.skip),
  );
} catch (e) {
  console.error(`npm test: ${(e as Error).message}`);
  process.exit(2);
}

/**
 * Runs one stage's npm script. The first lane's output streams; a side lane's is kept and printed
 * whole when its stage ends, so two stages' lines never interleave.
 */
function run(stage: Stage, stream: boolean): Promise<number> {
  const args = [
    "run",
    stage.script,
    ...(stage.args ? ["--", ...stage.args] : []),
  ];
  return new Promise((resolve) => {
    const child = spawn("npm", args, {
      stdio: stream ? "inherit" : ["ignore", "pipe", "pipe"],
    });
    const kept: Buffer[] = [];
    child.stdout?.on("data", (chunk: Buffer) => kept.push(chunk));
    child.stderr?.on("data", (chunk: Buffer) => kept.push(chunk));
    const done = (code: number) => {
      if (!stream) {
        console.log(`\n▶ ${stage.id} (npm run ${stage.script}), its output:`);
        process.stdout.write(Buffer.concat(kept));
      }
      resolve(code);
    };
    child.on("error", () => done(127));
    child.on("exit", (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

function readReport(path: string | undefined): unknown {
  if (!path || !existsSync(path)) return undefined;
  try {
    return JSON.parse(readFileSync(path, "utf8"));
  } catch {
    return undefined;
  }
}

mkdirSync("reports", { recursive: true });
const scripts =
  (
    JSON.parse(readFileSync("package.json", "utf8")) as {
      scripts?: Record<string, string>;
    }
  ).scripts ?? {};
type Row = { stage: Stage; outcome: StageOutcome; seconds: number };
const rows: Row[] = [];
let total: Counts = { passed: 0, failed: 0, skipped: 0 };

async function runLane(lane: readonly Stage[], stream: boolean): Promise<void> {
  for (const stage of lane) {
    const started = performance.now();
    let outcome: StageOutcome;
    const unmet = (stage.needs ?? []).filter((id) =>
      rows.some((r) => r.stage.id === id && r.outcome.problem),
    );
    if (!(stage.script in scripts)) {
      outcome = {
        counts: { passed: 0, failed: 1, skipped: 0 },
        problem: `package.json has no "${stage.script}" script`,
      };
    } else if (unmet.length > 0) {
      outcome = {
        counts: { passed: 0, failed: 1, skipped: 0 },
        problem: `not run: ${unmet.join(", ")} failed first`,
      };
    } else {
      console.log(
        stream
          ? `\n▶ ${stage.id} (npm run ${stage.script})`
          : `\n▶ ${stage.id} (npm run ${stage.script}) runs beside ${ciLocalStage.id}; its output follows when it ends`,
      );
      if (stage.report) rmSync(stage.report, { force: true });
      outcome = stageOutcome(
        stage,
        await run(stage, stream),
        readReport(stage.report),
      );
    }
    const seconds = (performance.now() - started) / 1000;
    rows.push({ stage, outcome, seconds });
    total = addCounts(total, outcome.counts);
    const mark = outcome.problem ? "✗" : "✓";
    console.log(
      `${mark} ${stage.id}: ${closingLine(outcome.counts)} in ${seconds.toFixed(1)} s${outcome.problem ? ` — ${outcome.problem}` : ""}`,
    );
  }
}

let laneList: Stage[][];
try {
  laneList = lanes(selected, ciLocalStage.id);
} catch (e) {
  console.error(`npm test: ${(e as Error).message}`);
  process.exit(2);
}
const started = performance.now();
await Promise.all(laneList.map((lane, i) => runLane(lane, i === 0)));
const wallSeconds = (performance.now() - started) / 1000;
// Rows in the order the stages were selected, not the order they ended.
rows.sort((a, b) => selected.indexOf(a.stage) - selected.indexOf(b.stage));

console.log("\nstage        result                         time");
for (const { stage, outcome, seconds } of rows) {
  console.log(
    `${stage.id.padEnd(12)} ${closingLine(outcome.counts).padEnd(30)} ${seconds.toFixed(1).padStart(6)} s${outcome.problem ? `  ✗ ${outcome.problem}` : ""}`,
  );
}
writeFileSync(
  values.summary,
  JSON.stringify(
    {
      ...total,
      wallSeconds,
      stages: rows.map((r) => ({
        id: r.stage.id,
        ...r.outcome.counts,
        seconds: r.seconds,
        problem: r.outcome.problem ?? null,
      })),
    },
    null,
    2,
  ) + "\n",
);
{
  const md = [
    "| stage | passed | failed | skipped | time |",
    "|---|---|---|---|---|",
    ...rows.map(
      (r) =>
        `| ${r.outcome.problem ? "✗" : "✓"} ${r.stage.id} | ${r.outcome.counts.passed} | ${r.outcome.counts.failed} | ${r.outcome.counts.skipped} | ${r.seconds.toFixed(1)} s |`,
    ),
  ];
  appendSummary(md.join("\n") + "\n");
}
console.log(`wall time ${wallSeconds.toFixed(1)} s`);
console.log(closingLine(total));
process.exit(total.failed > 0 ? 1 : 0);
