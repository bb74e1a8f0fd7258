/**
 * Jobs bound to the pull-request preview environment (environments.ts `preview`) hold a Cloudflare
 * token on `pull_request` runs, next to a change nobody has merged yet. What keeps the pull
 * request's code away from that token (docs/deployment/decisions.md, "Pull-request previews"):
 * - preview-pr-code: the job checks out the pull request's base commit (never the pull request:
 *   its package.json, lockfile and scripts would run next), and installs nothing — no `npm ci`,
 *   `npm install`, `pnpm install`, `yarn`, `npx`… in a step or in a script a step reaches. The
 *   deploy toolset comes from the base's tools/deploy lockfile through `npm run deploy:toolset`.
 * - preview-same-repo: the job runs only for a pull request from this repository (a fork's gets
 *   no preview), or never on pull requests at all (the weekly sweep).
 */
import { scriptOf } from "./script-of";
import { report, type JobScope } from "./scope";
import { child, entry, items, text, type Node } from "./yaml-tree";

const BASE_SHA = /^\$\{\{\s*github\.event\.pull_request\.base\.sha\s*\}\}$/;

/** `${{ github.event.pull_request.base.sha }}`: the one ref a checkout may name. */
export function isBaseShaRef(value: string | undefined): boolean {
  return value !== undefined && BASE_SHA.test(value.trim());
}

/** Commands that install or fetch and run packages (what a preview job must never do). */
const INSTALL =
  /(?:^|[\s;&|(])(?:npm\s+(?:ci|install|i|add|exec|x)|pnpm\s+(?:install|i|add|dlx|exec)|yarn(?:\s|$)|bun\s+(?:install|i|add|x)|npx|corepack\s+\S+)(?=$|[\s;&|)])/m;

export function installsPackages(command: string): boolean {
  return INSTALL.test(command);
}

const SAME_REPO =
  "github.event.pull_request.head.repo.full_name == github.repository";
const NOT_PULL_REQUEST = "github.event_name != 'pull_request'";

/** The top-level `&&` terms of a condition, whitespace normalised; undefined when it has `||`. */
function conjuncts(condition: string): string[] | undefined {
  const body = condition
    .trim()
    .replace(/^\$\{\{([\s\S]*)\}\}$/, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (body.includes("||") || body.startsWith("!")) return undefined;
  return body
    .split("&&")
    .map((term) => term.trim().replace(/^\((.*)\)$/, "$1"));
}

export function isPreviewJob(scope: JobScope): boolean {
  return (
    scope.ctx.previewEnvironment !== undefined &&
    scope.environment === scope.ctx.previewEnvironment
  );
}

export function checkPreviewJob(scope: JobScope, job: Node): void {
  const condition = entry(job, "if");
  const terms = conjuncts(text(condition?.value) ?? "") ?? [];
  const onPullRequests = !terms.includes(NOT_PULL_REQUEST);
  if (onPullRequests && !terms.includes(SAME_REPO)) {
    report(
      scope,
      "preview-same-repo",
      condition?.pair ?? scope.at,
      `${scope.where} (environment ${scope.environment}) may run for a fork's pull request — require if: ${SAME_REPO} (&& …, no ||), or ${NOT_PULL_REQUEST} for a job that never runs on pull requests`,
    );
  }
  items(child(job, "steps")).forEach((step, index) => {
    const where = `${scope.where} step ${index + 1}`;
    const uses = text(child(step, "uses")) ?? "";
    if (onPullRequests && /^actions\/checkout@/.test(uses)) {
      const ref = child(child(step, "with"), "ref");
      if (!isBaseShaRef(text(ref))) {
        report(
          scope,
          "preview-pr-code",
          ref ?? child(step, "uses") ?? step,
          `${where} (environment ${scope.environment}) checks out the pull request — its package.json, lockfile and scripts would run next to the token: check out its base (ref: \${{ github.event.pull_request.base.sha }}, checkout({ baseOfPullRequest: true })) and take the pull request's build and SQL as artifacts`,
        );
      }
    }
    const run = text(child(step, "run"));
    if (run === undefined) return;
    const script = scriptOf(step);
    const body = script === undefined ? undefined : scope.ctx.scripts[script];
    for (const [what, command] of [
      ["runs", run],
      [`runs npm script ${script ?? ""}, which runs`, body],
    ] as const) {
      if (command === undefined || !installsPackages(command)) continue;
      report(
        scope,
        "preview-pr-code",
        child(step, "run") ?? step,
        `${where} (environment ${scope.environment}) ${what} "${command.trim().split("\n")[0] ?? ""}" — a preview installs nothing (the pull request's dependencies would run next to the token): use npm run deploy:toolset (the base branch's tools/deploy) and quality's build artifact`,
      );
    }
  });
}
