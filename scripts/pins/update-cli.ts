/**
 * npm run pins:update [-- --check] — moves every action pin in workflows-src/actions.ts to its
 * repository's newest release tag (the commit it points to) and regenerates the workflows. With
 * --check nothing is written and the exit code says whether any pin is behind.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineCli, UsageError } from "../cli/define-cli";
import { annotation, formatProblem } from "../workflows/problem";
import { applyUpdates, assessCatalog } from "./assess-catalog";
import { CATALOG_FILE } from "./catalog-text";
import { DEFAULT_GIT_BASE, gitLsRemote } from "./ls-remote";
import type { PinStatus } from "./pin-status";
import { alarms, renderMarkdown, renderTable } from "./pins-report";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage:
    "npm run pins:update [-- --check] [--timeout <seconds>] [--root <dir>]",
  description: `For each action in ${CATALOG_FILE}, asks its repository for its tags
(git ls-remote --tags; annotated tags dereferenced), takes the newest release
(semver order, pre-releases ignored), and prints old → new with release notes.
Without --check it writes the new SHA and version into ${CATALOG_FILE} and runs
npm run gen:workflows; exit 1 only when a pin needs a person.

A pin needs a person when its own tag now names another commit (moved) or no
longer exists (gone), or its repository did not answer: such pins are never
changed automatically. Exit 2: bad input.`,
  options: {
    check: {
      type: "boolean",
      description:
        "write nothing; exit 1 when any pin is behind or needs a person",
    },
    timeout: {
      type: "string",
      value: "<seconds>",
      default: "30",
      description: "per repository",
    },
    root: {
      type: "string",
      value: "<dir>",
      description: "the checkout whose catalog to read (default: this one)",
    },
    "git-base": {
      type: "string",
      value: "<url|dir>",
      envVar: "PINS_GIT_BASE",
      default: DEFAULT_GIT_BASE,
      description:
        "a mirror, or a directory of bare repositories <base>/<owner>/<repo>",
    },
  },
  run: ({ values }) =>
    main(values.check, values.timeout, values.root, values["git-base"]),
});

function regenerate(root: string): { ok: boolean; output: string } {
  const run = spawnSync("npm", ["run", "--silent", "gen:workflows"], {
    cwd: root,
    encoding: "utf8",
    timeout: 120_000,
  });
  return {
    ok: run.status === 0,
    output: `${run.stdout ?? ""}${run.stderr ?? ""}`.trim(),
  };
}

function writeSummary(statuses: readonly PinStatus[], updated: boolean): void {
  const problems = alarms(statuses).map((p) => `- **${p.rule}** ${p.message}`);
  const behind = statuses.filter((s) => s.kind === "behind").length;
  const verdict =
    behind === 0
      ? "Every pin is on its newest release."
      : updated
        ? `${behind} pin(s) updated.`
        : `${behind} pin(s) behind — run \`npm run pins:update\` locally, read the release notes, commit ${CATALOG_FILE} with the regenerated YAML.`;
  appendSummary(
    `### Action pins\n\n${renderMarkdown(statuses, updated)}\n\n${verdict}\n${problems.length ? `\n${problems.join("\n")}\n` : ""}\n`,
  );
}

async function main(
  check: boolean,
  timeoutText: string,
  rootOption: string | undefined,
  gitBase: string,
): Promise<number> {
  const timeout = Number(timeoutText);
  if (!Number.isFinite(timeout) || timeout <= 0)
    throw new UsageError(
      `--timeout "${timeoutText}" is not a positive number of seconds`,
    );
  const root = rootOption ?? fileURLToPath(new URL("../../", import.meta.url));
  const catalogPath = path.join(root, CATALOG_FILE);
  const before = readFileSync(catalogPath, "utf8");
  let statuses: PinStatus[];
  try {
    statuses = await assessCatalog(
      before,
      gitBase,
      gitLsRemote(timeout * 1000),
    );
  } catch (error) {
    throw new UsageError(`pins:update: ${(error as Error).message}`, false);
  }
  const behind = statuses.filter((s) => s.kind === "behind");
  const write = !check && behind.length > 0;
  let regenerated: { ok: boolean; output: string } | undefined;
  if (write) {
    writeFileSync(catalogPath, applyUpdates(before, statuses));
    regenerated = regenerate(root);
  }

  console.log(renderTable(statuses, write));
  const problems = alarms(statuses);
  const onGitHub = process.env["GITHUB_ACTIONS"] === "true";
  for (const problem of problems) {
    // Moved and vanished tags are the supply-chain alarms: they must stand out from the rest.
    const loud = problem.rule === "pin-unreachable" ? "" : "\n!!! ";
    console.error(
      onGitHub ? annotation(problem) : `${loud}${formatProblem(problem)}`,
    );
  }
  writeSummary(statuses, write);

  if (regenerated && !regenerated.ok) {
    console.error(regenerated.output);
    console.error(
      `pins:update: ${CATALOG_FILE} was updated but gen:workflows failed — fix the error above and run npm run gen:workflows`,
    );
    return 1;
  }
  if (regenerated) {
    console.log(
      `\npins:update: ${behind.length} pin(s) updated in ${CATALOG_FILE}; ${regenerated.output.split("\n").at(-1) ?? ""}\nReview the diff and the release notes above, then commit the catalog with the regenerated files.`,
    );
  } else if (behind.length > 0) {
    console.log(
      `\npins:update: ${behind.length} pin(s) behind — run npm run pins:update to move them, review the release notes, commit`,
    );
  } else if (problems.length === 0) {
    console.log(`\npins:update: every pin is on its newest release`);
  }
  if (problems.length > 0) {
    console.error(
      `pins:update: ${problems.length} pin(s) need a person (see above) — ${CATALOG_FILE} left unchanged for them`,
    );
    return 1;
  }
  return check && behind.length > 0 ? 1 : 0;
}

process.exitCode = await cli.main();
