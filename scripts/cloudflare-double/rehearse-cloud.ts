/**
 * npm run rehearse:cloud — every remote path of the deploy pipeline, end to end: the deploy CLIs
 * with the real wrangler against the Cloudflare API double (scenarios/scenarios.ts). Lanes run
 * side by side, each in its own sandbox + double; prints a table per scenario and a summary,
 * writes them to GITHUB_STEP_SUMMARY on Actions, exits 1 when any scenario fails.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineCli } from "../cli/define-cli";
import { appendSummary, markdownTable } from "../deploy/github-io";
import { lanes, type Scenario } from "./scenarios/scenarios";
import { createWorld, type World } from "./scenarios/world";
import { ensureToolset } from "../deploy-toolset/ensure-toolset";
import { cloudRehearsalContract } from "../../workflows-src/contracts";
import { parseShard } from "../test-runner/unit-shard";
import { lanesOfPart } from "./scenarios/lane-part";

const rehearseCli = defineCli({
  usage: "npm run rehearse:cloud [-- options]",
  description: `Runs the deploy scenarios of issue 9 through npm run deploy:migrate / deploy:release /
deploy:rollback with the real wrangler against a local Cloudflare API double (no network).
--part I/N runs every N-th lane from lane I (quality.yml's cloud-I jobs); default: all lanes.`,
  contract: cloudRehearsalContract,
  options: {
    part: {
      type: "string",
      value: "<i/n>",
      envVar: "CLOUD_PART",
      description: "run only part I of N of the lanes, e.g. 2/3",
    },
    only: {
      type: "string",
      value: "<text>",
      description:
        "run only scenarios whose name contains <text> (their lane's earlier ones still run)",
    },
    keep: {
      type: "boolean",
      description:
        "keep the sandboxes, doubles' state and reports (path printed at the end)",
    },
  },
});

interface ScenarioResult {
  readonly lane: number;
  readonly name: string;
  readonly ok: boolean;
  readonly error?: string;
  readonly ms: number;
  readonly steps: readonly { readonly name: string; readonly ms: number }[];
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * CPU seconds used by this process and every child it waited for (wrangler, the CLIs, the
 * doubles), from /proc (Linux): on a shared machine the wall time says more about the neighbours
 * than about the rehearsal; this figure says what it costs. undefined where /proc is absent.
 */
function cpuSeconds(): number | undefined {
  try {
    const fields =
      readFileSync("/proc/self/stat", "utf8").split(") ")[1]?.split(" ") ?? [];
    // After "pid (comm) ": state is field 3, so utime..cstime (fields 14–17) sit at 11–14.
    const ticks = [11, 12, 13, 14].reduce(
      (sum, i) => sum + Number(fields[i] ?? 0),
      0,
    );
    return ticks / 100;
  } catch {
    return undefined;
  }
}

async function runLane(
  index: number,
  scenarios: readonly Scenario[],
  base: string,
  nodeModules: string,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  let world: World | undefined;
  try {
    const started = performance.now();
    world = await createWorld(join(base, `lane-${index + 1}`), nodeModules);
    results.push({
      lane: index + 1,
      name: "(set up sandbox + double)",
      ok: true,
      ms: performance.now() - started,
      steps: [],
    });
    const commits = new Map<string, string>();
    for (const scenario of scenarios) {
      const steps: { name: string; ms: number }[] = [];
      const step = async <T>(
        name: string,
        work: () => Promise<T>,
      ): Promise<T> => {
        const t = performance.now();
        try {
          return await work();
        } finally {
          steps.push({ name, ms: performance.now() - t });
        }
      };
      const t = performance.now();
      try {
        await scenario.run(world, step, commits);
        results.push({
          lane: index + 1,
          name: scenario.name,
          ok: true,
          ms: performance.now() - t,
          steps,
        });
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        results.push({
          lane: index + 1,
          name: scenario.name,
          ok: false,
          error: message,
          ms: performance.now() - t,
          steps,
        });
      }
    }
  } catch (error) {
    results.push({
      lane: index + 1,
      name: "(set up sandbox + double)",
      ok: false,
      error: String(error),
      ms: 0,
      steps: [],
    });
  } finally {
    await world?.stop();
  }
  return results;
}

const { values } = rehearseCli.parseOrExit();
let part = { index: 1, count: 1 };
try {
  if (values.part !== undefined) part = parseShard(values.part, "--part");
} catch (error) {
  console.error((error as Error).message);
  process.exit(2);
}
const base = mkdtempSync(join(tmpdir(), "rehearse-cloud-"));
const started = performance.now();
const selected = lanesOfPart(lanes, part)
  .map(({ lane, index }) => {
    if (values.only === undefined) return { lane, index };
    const last = lane.findLastIndex((s) =>
      s.name.includes(values.only as string),
    );
    return { lane: last === -1 ? [] : lane.slice(0, last + 1), index };
  })
  .filter(({ lane }) => lane.length > 0);
if (selected.length === 0) {
  console.error(
    values.only === undefined
      ? `--part ${part.index}/${part.count}: no lane falls in this part (there are ${lanes.length})`
      : `--only: no scenario name contains "${values.only}" in part ${part.index}/${part.count}`,
  );
  process.exit(2);
}
// The CLIs run on the deploy toolset (tools/deploy), as in the deploy and rollback jobs: a
// package they need and it lacks fails here, not in the first real deploy.
const toolsetStarted = performance.now();
const nodeModules = await ensureToolset();
console.log(
  `deploy toolset: ${nodeModules} (${seconds(performance.now() - toolsetStarted)} s)`,
);
const results = (
  await Promise.all(
    selected.map(({ lane, index }) => runLane(index, lane, base, nodeModules)),
  )
).flat();
const wall = performance.now() - started;
const cpu = cpuSeconds();

const blocks: string[] = [];
for (const r of results) {
  if (r.steps.length === 0 && r.ok) continue;
  blocks.push(
    [
      `#### ${r.ok ? "✅" : "❌"} ${r.name} (lane ${r.lane}, ${seconds(r.ms)} s)`,
      "",
      ...(r.error === undefined ? [] : [`FAILED: ${r.error}`, ""]),
      markdownTable(
        ["step", "seconds"],
        [
          ...r.steps.map((s) => [s.name, seconds(s.ms)]),
          ["scenario total", seconds(r.ms)],
        ],
      ),
      "",
    ].join("\n"),
  );
}
const failed = results.filter((r) => !r.ok);
const summary = [
  `### Cloud rehearsal — ${failed.length === 0 ? "✅ all scenarios passed" : `❌ ${failed.length} of ${results.length} failed`} in ${seconds(wall)} s`,
  "",
  markdownTable(
    ["lane", "scenario", "result", "seconds"],
    results.map((r) => [
      String(r.lane),
      r.name,
      r.ok ? "ok" : `FAILED: ${r.error ?? ""}`,
      seconds(r.ms),
    ]),
  ),
  "",
  `wall time ${seconds(wall)} s (lanes run in parallel); CPU time ${cpu === undefined ? "unknown" : `${cpu.toFixed(1)} s`} (this process and all children)`,
  "",
].join("\n");
console.log([...blocks, summary].join("\n"));
appendSummary(summary);
if (values.keep) console.log(`kept: ${base}`);
else rmSync(base, { recursive: true, force: true });
process.exit(failed.length === 0 ? 0 : 1);
