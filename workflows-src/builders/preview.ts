/**
 * Pull-request previews (issue 26), as quality.yml jobs after build and E2E — the preview ships
 * the artifact this run built and tested — plus preview-cleanup.yml (close, weekly sweep).
 *
 * Who runs what: `sql` (no secrets) hands the pull request's drizzle/ (migrations, seed:
 * SQL, read as data) to `preview` as an artifact. `preview` holds the preview environment's token
 * and runs only the base branch's code: its checkout is the pull request's base commit, its
 * toolset the base's tools/deploy lockfile, its scripts the base's package.json. Nothing of the
 * pull request is installed or executed there (the policy's preview-pr-code rule). Fork pull
 * requests never reach it (preview-same-repo): they get a notice instead.
 */
import type { PreviewEnvironment } from "./environment-model";
import {
  openPullsContract,
  previewCleanupContract,
  previewContract,
} from "../contracts";
import {
  defineEnvironmentJob,
  environmentDownload,
  environmentPrologue,
  environmentRun,
  environmentUpload,
  type EnvironmentStep,
} from "./environment-job";
import { and, eq, expr, github, ne, render, text, type Expr } from "./expr";
import { runCommand, type PackageManager } from "./package-manager";
import { workerArtifact } from "./quality";
import { DEPLOY_LOG_DIR } from "./deploy";
import {
  checkout,
  defineJob,
  installDeployToolset,
  prepareDeployToolset,
  runScript,
  setupNode,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
  type Step,
} from "./steps";

/** The jobs previewJobs() adds. */
const IDS = {
  sql: "sql",
  preview: "preview",
  forkNotice: "preview-fork-notice",
} as const;
/** Not required checks (scripts/setup/github/required-checks.ts): a preview never blocks a merge. */
export const PREVIEW_JOB_IDS: readonly string[] = Object.values(IDS);

const pullRequest = {
  number: expr("github.event.pull_request.number"),
  headSha: expr("github.event.pull_request.head.sha"),
  headRepo: expr("github.event.pull_request.head.repo.full_name"),
} as const;

/** A pull request from a branch of this repository (only people with write access push there). */
export const SAME_REPOSITORY: Expr = and(
  eq(github.eventName, "pull_request"),
  eq(pullRequest.headRepo, expr("github.repository")),
);
/** A pull request from a fork: no preview (no secrets reach its runs anyway), a notice instead. */
export const FORK: Expr = and(
  eq(github.eventName, "pull_request"),
  ne(pullRequest.headRepo, expr("github.repository")),
);

/** The pull request's drizzle/ (migrations + seed), handed from a job without secrets. */
export const previewDataArtifact = {
  name: "preview-data",
  path: "drizzle",
} as const satisfies Artifact;
/** Where the preview job puts it; deploy:preview reads <dir>/drizzle/…. */
export const PREVIEW_DATA_PATH = ".preview-data";

export function previewDataJob(): BuiltJob {
  // One word: Mermaid ids (docs/deployment/diagrams) keep it as GitHub does.
  return defineJob(IDS.sql, {
    name: "Preview: the pull request's migrations and seed",
    if: SAME_REPOSITORY,
    timeoutMinutes: 5,
    steps: [
      checkout(),
      uploadArtifact(previewDataArtifact, { retentionDays: 3 }),
    ],
  });
}

/** The base branch's checkout, Node from .nvmrc without a cache, the base's deploy toolset. */
function basePrologue(manager: PackageManager): EnvironmentStep[] {
  const steps: Step[] = [
    checkout({ baseOfPullRequest: true }),
    setupNode(manager, { npmCache: false }),
    installDeployToolset(manager),
  ];
  return steps as EnvironmentStep[];
}

export function previewJob(
  manager: PackageManager,
  preview: PreviewEnvironment,
  build: BuiltJob<"artifact-name">,
  tested: readonly BuiltJob[],
  data: BuiltJob,
): BuiltJob<"url"> {
  const deploy = environmentRun(manager, previewContract, preview, {
    id: "preview",
    name: `Database, migrations, upload under ${preview.aliasPrefix}<number>`,
    env: {
      PREVIEW_PR: pullRequest.number,
      PREVIEW_SHA: pullRequest.headSha,
      PREVIEW_DATA_DIR: PREVIEW_DATA_PATH,
    },
    secrets: true,
  });
  return defineEnvironmentJob(IDS.preview, {
    name: "Preview this pull request",
    needs: [build, ...tested, data],
    if: SAME_REPOSITORY,
    environment: {
      name: preview.name,
      // GitHub links it from the pull request ("View deployment").
      url: render(deploy.outputs.url),
    },
    concurrencyGroup: render(text`preview-pr-${pullRequest.number}`),
    timeoutMinutes: 15,
    outputs: { url: deploy.outputs.url },
    steps: [
      ...basePrologue(manager),
      // What quality built and E2E tested in this run is what is previewed: no rebuild here.
      environmentDownload(
        { name: build.outputs["artifact-name"], path: workerArtifact.path },
        "the build artifact",
      ),
      environmentDownload(
        {
          name: previewDataArtifact.name,
          path: `${PREVIEW_DATA_PATH}/drizzle`,
        },
        "the pull request's drizzle/ (SQL only)",
      ),
      deploy,
      environmentUpload(
        { name: "preview-logs", path: DEPLOY_LOG_DIR },
        { retentionDays: 7, ifNoFilesFound: "warn" },
      ),
    ],
  });
}

/** Fork pull requests: why there is no preview, where reviewers see it (no install, no secrets). */
export function forkNoticeJob(manager: PackageManager): BuiltJob {
  return defineJob(IDS.forkNotice, {
    name: "Preview: none for forks",
    if: FORK,
    timeoutMinutes: 5,
    steps: [
      checkout({ baseOfPullRequest: true }),
      // Node from .nvmrc runs the notice's TypeScript as is (type stripping): nothing to install.
      setupNode(manager, { npmCache: false }),
      { name: "Explain", run: runCommand(manager, "preview:fork-notice") },
    ],
  });
}

/** The jobs quality.yml appends for previews. */
export function previewJobs(
  manager: PackageManager,
  preview: PreviewEnvironment,
  build: BuiltJob<"artifact-name">,
  tested: readonly BuiltJob[],
): BuiltJob[] {
  const data = previewDataJob();
  return [
    data,
    previewJob(manager, preview, build, tested, data),
    forkNoticeJob(manager),
  ];
}

/**
 * Where the cleanup jobs' environment links: they remove databases, so there is no deployment URL to
 * show, and the dashboard is where a maintainer checks what is left.
 */
const CLOUDFLARE_DASHBOARD = "https://dash.cloudflare.com/";

/** Closing or merging a same-repository pull request deletes its database. */
export function previewCleanupJob(
  manager: PackageManager,
  preview: PreviewEnvironment,
): BuiltJob {
  return defineEnvironmentJob("remove", {
    name: "Remove this pull request's preview database",
    if: SAME_REPOSITORY,
    environment: { name: preview.name, url: CLOUDFLARE_DASHBOARD },
    // The preview job of the same pull request: a close waits for a running preview to finish.
    concurrencyGroup: render(text`preview-pr-${pullRequest.number}`),
    timeoutMinutes: 10,
    steps: [
      ...basePrologue(manager),
      environmentRun(manager, previewCleanupContract, preview, {
        name: "Delete the database",
        id: "remove",
        env: {
          PREVIEW_PR: pullRequest.number,
          PREVIEW_SWEEP: "",
          PREVIEW_OPEN: "",
        },
        secrets: true,
      }),
    ],
  });
}

/** The weekly sweep, step 1: which pull requests are open (GitHub token, no deploy secret). */
export function openPullsJob(manager: PackageManager): BuiltJob<"open"> {
  const list = runScript(manager, openPullsContract, {
    id: "open",
    name: "List open pull requests",
    env: {},
    secrets: ["GITHUB_TOKEN"],
  });
  return defineJob("open-pulls", {
    name: "Open pull requests",
    if: ne(github.eventName, "pull_request"),
    timeoutMinutes: 5,
    permissions: { contents: "read", "pull-requests": "read" },
    outputs: { open: list.outputs.open },
    steps: [...prepareDeployToolset(manager), list],
  });
}

/** Step 2: delete every preview database whose pull request is not in that list. */
export function sweepJob(
  manager: PackageManager,
  preview: PreviewEnvironment,
  open: BuiltJob<"open">,
): BuiltJob {
  return defineEnvironmentJob("sweep", {
    name: "Remove databases of pull requests no longer open",
    needs: [open],
    if: ne(github.eventName, "pull_request"),
    environment: { name: preview.name, url: CLOUDFLARE_DASHBOARD },
    concurrencyGroup: "preview-sweep",
    timeoutMinutes: 15,
    steps: [
      ...environmentPrologue(manager),
      environmentRun(manager, previewCleanupContract, preview, {
        name: "Delete stale preview databases",
        id: "sweep",
        env: {
          PREVIEW_PR: "",
          PREVIEW_SWEEP: "true",
          PREVIEW_OPEN: open.outputs.open,
        },
        secrets: true,
      }),
    ],
  });
}
