/**
 * npm run bench:pre-commit — wall time of the installed pre-commit hook on three kinds of commit,
 * in a scratch repository made from this checkout (nothing is committed here). The target is under
 * 3 s for a typical commit; the figure is printed, never asserted.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { appendFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { defineCli } from "../cli/define-cli";
import { REPO_ROOT } from "../deploy/wrangler";
import { median } from "../workflows/bench-stats";
import { createScratchRepo, developerEnv } from "./scratch-repo";

const cli = defineCli({
  usage: "npm run bench:pre-commit [-- --runs N]",
  description: `Times .git/hooks/pre-commit (as installed by npm ci) in a scratch copy of this checkout for:
  typical     two staged app files (Prettier only)
  workflows   a workflows-src edit with its regenerated YAML (Prettier + check:workflows)
  migration   a new migration file (Prettier + the migration gate)
Prints the median and the fastest run of each, in seconds.`,
  options: {
    runs: {
      type: "string",
      value: "<n>",
      description: "runs per commit kind",
      default: "5",
    },
  },
});

interface Scenario {
  readonly name: string;
  /** Stages the change in the scratch repo. */
  readonly stage: (repo: string) => void;
}

const git = (repo: string, ...args: string[]): string =>
  execFileSync("git", args, { cwd: repo, encoding: "utf8" });

const scenarios: readonly Scenario[] = [
  {
    name: "typical",
    stage: (repo) => {
      appendFileSync(join(repo, "src/notes/note-input.ts"), "// bench\n");
      appendFileSync(join(repo, "src/notes/note-input.test.ts"), "// bench\n");
      git(repo, "add", "src/notes");
    },
  },
  {
    name: "workflows",
    stage: (repo) => {
      const path = join(repo, "workflows-src/workflows/mutation.ts");
      const text = readFileSync(path, "utf8");
      writeFileSync(path, text.replace(/cron: "[^"]+"/, 'cron: "41 3 * * 1"'));
      execFileSync("npm", ["run", "--silent", "gen:workflows"], { cwd: repo });
      git(repo, "add", "-A");
    },
  },
  {
    name: "migration",
    stage: (repo) => {
      writeFileSync(
        join(repo, "drizzle/migrations/0001_bench.sql"),
        "CREATE INDEX `notes_author_idx` ON `notes` (`author`);\n",
      );
      git(repo, "add", "-A");
    },
  },
];

/** Node's own start-up now, so a figure taken on a busy machine can be read against it. */
function timeFloor(): number {
  const started = performance.now();
  spawnSync(process.execPath, ["-e", "0"]);
  return (performance.now() - started) / 1000;
}

function timeHook(repo: string): { seconds: number; ok: boolean } {
  const started = performance.now();
  const result = spawnSync("sh", [".git/hooks/pre-commit"], {
    cwd: repo,
    env: developerEnv(),
    encoding: "utf8",
  });
  return {
    seconds: (performance.now() - started) / 1000,
    ok: result.status === 0,
  };
}

const { values } = cli.parseOrExit();
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) {
  console.error(
    `bench:pre-commit: --runs "${values.runs}" is not a positive whole number`,
  );
  process.exit(2);
}

const repo = createScratchRepo(REPO_ROOT);
try {
  execFileSync("npm", ["run", "--silent", "prepare"], {
    cwd: repo,
    env: developerEnv(),
    stdio: "ignore",
  });
  const lines: string[] = [];
  const floor: number[] = [];
  for (const scenario of scenarios) {
    git(repo, "reset", "-q", "--hard");
    git(repo, "clean", "-qfd");
    scenario.stage(repo);
    const samples = Array.from({ length: runs }, () => {
      floor.push(timeFloor());
      return timeHook(repo);
    });
    const seconds = samples.map((s) => s.seconds);
    const verdict = samples.every((s) => s.ok) ? "passed" : "FAILED";
    lines.push(
      `${scenario.name.padEnd(10)} median ${median(seconds).toFixed(2)} s  fastest ${Math.min(...seconds).toFixed(2)} s  (hook ${verdict})`,
    );
  }
  lines.push(
    `${"floor".padEnd(10)} median ${median(floor).toFixed(2)} s  (node -e 0, interleaved: how busy the machine is)`,
  );
  console.log(
    `bench:pre-commit — ${runs} runs per commit kind, target < 3 s for a typical commit\n${lines.join("\n")}`,
  );
} finally {
  rmSync(repo, { recursive: true, force: true });
}
