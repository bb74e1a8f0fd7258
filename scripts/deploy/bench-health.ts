/**
 * npm run bench:health — how long the real `health:check` CLI (as CI runs it, through tsx, with
 * its default deadline) takes to pass a good deployment and to fail bad ones, played by local
 * servers. Prints the figures against the 30 s target; it measures, it does not assert.
 */
import { join } from "node:path";
import { defineCli } from "../cli/define-cli";
import { spawnRunner } from "./child-process";
import {
  answer,
  hang,
  healthBody,
  startHealthServer,
  type Behaviour,
} from "./scripted-health-server";
import { REPO_ROOT } from "./wrangler";

const benchCli = defineCli({
  usage: "npm run bench:health [-- --deadline 25s]",
  description: `Runs the health:check CLI against local servers answering: the expected version (pass), another
version, 503 with status "error", and no answer at all (each must fail). Prints wall time per
scenario, including tsx start-up, next to the 30 s target.`,
  options: {
    deadline: {
      type: "string",
      value: "<duration>",
      description: "passed to health:check (default: its own, 25s)",
    },
  },
});

const TARGET_MS = 30_000;
const SHA = "0123456789abcdef0123456789abcdef01234567";
const OLD = "fedcba9876543210fedcba9876543210fedcba98";

const { values } = benchCli.parseOrExit();

const scenarios: { name: string; behaviour: Behaviour; shouldPass: boolean }[] =
  [
    {
      name: "healthy, expected version",
      behaviour: answer(200, healthBody(SHA)),
      shouldPass: true,
    },
    {
      name: "wrong version",
      behaviour: answer(200, healthBody(OLD)),
      shouldPass: false,
    },
    {
      name: "503, database unreachable",
      behaviour: answer(503, healthBody(SHA, "error", false)),
      shouldPass: false,
    },
    { name: "no answer (hangs)", behaviour: hang, shouldPass: false },
  ];

const cli = [join(REPO_ROOT, "scripts", "deploy", "health-check-cli.ts")];
const tsx = join(REPO_ROOT, "node_modules", ".bin", "tsx");
const rows: string[][] = [];
let wrong = 0;
for (const s of scenarios) {
  const server = await startHealthServer(s.behaviour);
  try {
    const args = [...cli, "--url", server.url, "--expect-version", SHA];
    if (values.deadline) args.push("--deadline", values.deadline);
    const env = {
      ...process.env,
      GITHUB_ACTIONS: "",
      GITHUB_OUTPUT: "",
      GITHUB_STEP_SUMMARY: "",
    };
    const result = await spawnRunner(tsx, args, {
      cwd: REPO_ROOT,
      env,
      timeoutMs: 120_000,
    });
    const passed = result.code === 0;
    if (passed !== s.shouldPass) wrong += 1;
    const verdict = `${passed ? "passed" : "failed"}${passed === s.shouldPass ? "" : " (UNEXPECTED)"}`;
    const within =
      result.durationMs <= TARGET_MS ? "≤ 30 s: ok" : "> 30 s: over";
    const reason =
      `${result.stdout}\n${result.stderr}`
        .trim()
        .split("\n")
        .filter(Boolean)
        .at(-1) ?? "";
    rows.push([
      s.name,
      verdict,
      `${(result.durationMs / 1000).toFixed(1)} s`,
      within,
      reason.slice(0, 110),
    ]);
    console.log(
      `${s.name}: ${verdict} in ${(result.durationMs / 1000).toFixed(1)} s`,
    );
  } finally {
    await server.close();
  }
}

const widths = rows[0]!.map((_, i) =>
  Math.max(...rows.map((r) => r[i]!.length)),
);
console.log(
  "\nbench:health — health:check CLI wall time, tsx start-up included",
);
for (const r of rows)
  console.log(r.map((c, i) => (i < 4 ? c.padEnd(widths[i]!) : c)).join("  "));
process.exit(wrong === 0 ? 0 : 1);
