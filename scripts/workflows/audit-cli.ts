/**
 * npm run audit:workflows -- FILE… — the workflow policy on any workflow YAML or
 * .github/actions/<name>/action.yml, generated or not. One `file:line rule-id message` per finding.
 * Exit 0 clean, 1 findings, 2 bad input (unreadable file, invalid YAML with its line).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { defineCli, UsageError } from "../cli/define-cli";
import { repoRoot } from "../cli/repo-root";
import { auditFiles, formatFinding } from "./policy/audit-files";
import { policyContext } from "./policy/context";
import { loadEnvironmentsModule } from "../init/load-environments";
import { annotation } from "./problem";
import { appendSummary } from "../deploy/github-io";

const cli = defineCli({
  usage: "npm run audit:workflows -- [--root <dir>] FILE…",
  description: `Audits workflow files and composite actions (action.yml) against the policy in
scripts/workflows/policy/ (allow-lists for triggers, uses:, run:, secrets,
runners and images; rules for jobs bound to an environment). Local actions
(./.github/actions/<name>), package.json scripts and environments are read
from --root (default: this checkout). Prints file:line rule-id message.
Exit 0 clean, 1 findings, 2 unreadable file or invalid YAML.`,
  options: {
    root: {
      type: "string",
      value: "<dir>",
      description:
        "checkout whose actions, package.json and environments to read",
    },
  },
  positionals: true,
  errorPrefix: "audit:workflows",
  run: ({ values, positionals }) => audit(values.root, positionals),
});

async function audit(
  rootOption: string | undefined,
  positionals: readonly string[],
): Promise<number> {
  if (positionals.length === 0) {
    throw new UsageError(
      "no file given — npm run audit:workflows -- .github/workflows/*.yml",
    );
  }
  const root = path.resolve(rootOption ?? repoRoot());
  const inputs = positionals.map((file) => {
    try {
      return { file, content: readFileSync(file, "utf8") };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
      return { file, error: `cannot read the file (${code}) — check the path` };
    }
  });
  const outcome = auditFiles(
    inputs,
    policyContext(root, await loadEnvironmentsModule(root)),
  );
  const onGitHub = process.env["GITHUB_ACTIONS"] === "true";
  for (const problem of [...outcome.bad, ...outcome.findings]) {
    console.error(onGitHub ? annotation(problem) : formatFinding(problem));
  }
  {
    const lines = [...outcome.bad, ...outcome.findings].map(
      (p) => `- \`${formatFinding(p)}\``,
    );
    appendSummary(
      `### audit:workflows\n\n${lines.join("\n") || "No findings."}\n`,
    );
  }
  if (outcome.bad.length > 0) {
    console.error(
      `audit:workflows: ${outcome.bad.length} file(s) could not be audited`,
    );
    return 2;
  }
  if (outcome.findings.length > 0) {
    console.error(
      `audit:workflows: ${outcome.findings.length} finding(s) in ${positionals.length} file(s)`,
    );
    return 1;
  }
  console.log(`audit:workflows: ${positionals.length} file(s) clean`);
  return 0;
}

process.exitCode = await cli.main();
