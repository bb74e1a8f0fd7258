/**
 * npm run test:unit:shard -- --shard I/N (or env UNIT_SHARD) — runs the I-th of N time-balanced
 * parts of the unit suite with coverage (quality.yml's unit-I jobs). `--record REPORT` turns a
 * vitest JSON report (npm test writes reports/unit.json) into the durations the split reads.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { unitShardContract } from "../../workflows-src/contracts";
import { defineCli, UsageError } from "../cli/define-cli";
import {
  ambiguousFilters,
  durationsFromVitestJson,
  parseShard,
  partition,
} from "./unit-shard";
import { closingLine, countsFromVitest } from "./counts";
import { appendSummary } from "../deploy/github-io";

const ROOT = fileURLToPath(new URL("../../", import.meta.url)).replace(
  /\/$/,
  "",
);
const DURATIONS = path.join(ROOT, "scripts/test-runner/unit-durations.json");
const VITEST = path.join(ROOT, "node_modules/.bin/vitest");
const [SHARD_ENV] = unitShardContract.env;

/** The files vitest.config.ts selects: its include/exclude stay the one definition. */
function testFiles(): string[] {
  const listed = spawnSync(VITEST, ["list", "--filesOnly", "--json"], {
    cwd: ROOT,
    encoding: "utf8",
  });
  if (listed.status !== 0)
    throw new Error(`vitest list failed: ${listed.stderr.trim()}`);
  return (JSON.parse(listed.stdout) as { file: string }[])
    .map((f) => path.relative(ROOT, f.file))
    .sort();
}

const cli = defineCli({
  usage: "npm run test:unit:shard -- --shard I/N [-- vitest options]",
  description: `Runs part I of N of the unit suite (vitest run --coverage on its files). The parts are
balanced by recorded time (scripts/test-runner/unit-durations.json); every test file is in
exactly one part. Exit: vitest's.`,
  contract: unitShardContract,
  options: {
    shard: {
      type: "string",
      value: "<i/n>",
      envVar: "UNIT_SHARD",
      description: "which part, e.g. 2/3",
    },
    record: {
      type: "string",
      value: "<report.json>",
      description:
        "write unit-durations.json from a vitest JSON report instead (e.g. reports/unit.json)",
    },
    plan: {
      type: "boolean",
      description: "print every part's files and seconds, run nothing",
    },
  },
  positionals: true,
  run: ({ values, positionals }) => {
    if (values.record !== undefined) {
      if (!existsSync(values.record))
        throw new UsageError(
          `--record ${values.record}: no such file — run npm test (it writes reports/unit.json) first`,
          false,
        );
      const durations = durationsFromVitestJson(
        JSON.parse(readFileSync(values.record, "utf8")),
        testFiles(),
      );
      writeFileSync(DURATIONS, `${JSON.stringify(durations, null, 2)}\n`);
      console.log(
        `test:unit:shard: recorded ${Object.keys(durations).length} files in ${path.relative(ROOT, DURATIONS)}`,
      );
      return 0;
    }
    if (values.shard === undefined)
      throw new UsageError(`--shard I/N (or ${SHARD_ENV}) is required`);
    const spec = parseShard(values.shard, `--shard / ${SHARD_ENV}`);
    const files = testFiles();
    const clashes = ambiguousFilters(files);
    if (clashes.length > 0)
      throw new UsageError(
        `vitest would read ${clashes[0]?.[0]} as a filter that also matches ${clashes[0]?.[1]} — rename one`,
        false,
      );
    const durations = existsSync(DURATIONS)
      ? (JSON.parse(readFileSync(DURATIONS, "utf8")) as Record<string, number>)
      : {};
    const shards = partition(files, durations, spec.count);
    if (values.plan) {
      shards.forEach((s, i) =>
        console.log(
          `part ${i + 1}/${spec.count}: ${s.files.length} files, ~${Math.round(s.seconds)} s recorded\n  ${s.files.join("\n  ")}`,
        ),
      );
      return 0;
    }
    if (files.length === 0)
      throw new UsageError(
        "vitest list found no test files — check vitest.config.ts include/exclude",
        false,
      );
    const mine = shards[spec.index - 1];
    if (mine === undefined || mine.files.length === 0) {
      // More parts than files: this part has nothing to run, and says so in the closing form.
      console.log(`test:unit:shard ${spec.index}/${spec.count}: no files`);
      console.log(closingLine({ passed: 0, failed: 0, skipped: 0 }));
      return 0;
    }
    console.log(
      `test:unit:shard ${spec.index}/${spec.count}: ${mine.files.length} of ${files.length} files, ~${Math.round(mine.seconds)} s recorded`,
    );
    const report = path.join(ROOT, "reports", "unit-shard.json");
    rmSync(report, { force: true });
    const run = spawnSync(
      VITEST,
      [
        "run",
        "--coverage",
        "--reporter=default",
        "--reporter=json",
        `--outputFile.json=${report}`,
        ...positionals,
        ...mine.files,
      ],
      { cwd: ROOT, stdio: "inherit" },
    );
    const code = run.status ?? 1;
    const counts = existsSync(report)
      ? countsFromVitest(JSON.parse(readFileSync(report, "utf8")))
      : { passed: 0, failed: 1, skipped: 0 };
    const failed = code !== 0 && counts.failed === 0 ? 1 : counts.failed;
    const line = closingLine({ ...counts, failed });
    appendSummary(
      `### Unit tests, part ${spec.index}/${spec.count}\n\n${line} (${mine.files.length} files)\n`,
    );
    // Last line, in the closing-line form npm test totals (also when it runs through ci:local).
    console.log(line);
    // vitest green without its report: nothing shows the tests ran, so it is not a pass.
    return code === 0 && !existsSync(report) ? 1 : code;
  },
});

process.exitCode = await cli.main();
