/**
 * What a run knows before its first job: the event and ref it simulates, the workflow_dispatch
 * inputs (defaults, then --input), the secrets (only with --with-environments, only from
 * CI_LOCAL_SECRET_* variables) and the runner's clean environment — not this shell's: npm_config_*
 * and node_modules/.bin from `npm run ci:local` must not leak into a job.
 * Default variables: https://docs.github.com/en/actions/reference/workflows-and-actions/variables
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { Value, ValueMap } from "./expression";
import { inputsOf, type Workflow } from "./workflow-model";

export class UsageError extends Error {}

const PASS_THROUGH = [
  "LANG",
  "LC_ALL",
  "TZ",
  "TERM",
  "USER",
  "LOGNAME",
  "SHELL",
  "TMPDIR",
  "CHROMIUM_PATH",
  // The machine's trust store, as a runner image has its own: where the registry is reached
  // through an intercepting proxy, npm ci in a job needs the same CAs as this shell.
  "SSL_CERT_FILE",
  "SSL_CERT_DIR",
  "NODE_EXTRA_CA_CERTS",
];

/** The event a run simulates when --event is not given: the workflow's first trigger. */
export function defaultEvent(workflow: Workflow): string {
  const first = Object.keys(workflow.on).find((e) => e !== "workflow_call");
  return first ?? "workflow_call";
}

export function resolveInputs(
  workflow: Workflow,
  event: string,
  given: Readonly<Record<string, string>>,
): ValueMap {
  const spec = {
    ...inputsOf(workflow, "workflow_call"),
    ...inputsOf(workflow, event),
  };
  const values: Record<string, Value> = {};
  for (const name of Object.keys(given)) {
    if (!(name in spec)) {
      throw new UsageError(
        `--input ${name}: not an input of this workflow — known: ${Object.keys(spec).join(", ") || "none"}`,
      );
    }
  }
  for (const [name, input] of Object.entries(spec)) {
    const raw =
      given[name] ??
      (input.default === undefined ? undefined : String(input.default));
    if (raw === undefined) {
      if (input.required)
        throw new UsageError(`--input ${name}=…: required by the workflow`);
      values[name] = input.type === "boolean" ? false : "";
      continue;
    }
    if (
      input.type === "choice" &&
      input.options &&
      !input.options.includes(raw)
    ) {
      throw new UsageError(
        `--input ${name}=${raw}: choose from ${input.options.join(", ")}`,
      );
    }
    values[name] =
      input.type === "boolean"
        ? raw === "true"
        : input.type === "number"
          ? Number(raw)
          : raw;
  }
  return values;
}

export interface RunIdentity {
  readonly repoRoot: string;
  readonly sha: string;
  readonly branch: string;
  readonly event: string;
  /** refs/heads/<branch> for push/dispatch, refs/pull/1/merge for pull_request, unless given. */
  readonly ref: string;
  readonly baseRef: string;
  readonly workflowName: string;
  readonly runId: string;
}

export function gitIdentity(repoRoot: string): {
  sha: string;
  branch: string;
  dirty: boolean;
} {
  const git = (...args: string[]): string =>
    execFileSync("git", ["-C", repoRoot, ...args], { encoding: "utf8" }).trim();
  return {
    sha: git("rev-parse", "HEAD"),
    branch: git("rev-parse", "--abbrev-ref", "HEAD"),
    dirty: git("status", "--porcelain", "--untracked-files=no") !== "",
  };
}

export function buildContexts(
  id: RunIdentity,
  inputs: ValueMap,
  secrets: ValueMap,
  runDir: string,
): ValueMap {
  const refName = id.ref.replace(/^refs\/(heads|tags)\//, "");
  const pr = id.event === "pull_request";
  return {
    github: {
      sha: id.sha,
      ref: id.ref,
      ref_name: pr ? "1/merge" : refName,
      event_name: id.event,
      event: pr ? { pull_request: { number: 1 } } : { inputs },
      base_ref: pr ? id.baseRef : "",
      head_ref: pr ? id.branch : "",
      repository: `local/${path.basename(id.repoRoot)}`,
      run_id: id.runId,
      run_number: "1",
      run_attempt: "1",
      actor: "ci-local",
      workflow: id.workflowName,
    },
    runner: {
      os: "Linux",
      arch: "X64",
      name: "ci-local",
      environment: "github-hosted",
      tool_cache: path.join(runDir, "tool-cache"),
    },
    inputs,
    secrets,
    vars: {},
    matrix: {},
    strategy: {},
  };
}

export function buildBaseEnv(
  id: RunIdentity,
  runDir: string,
  source: NodeJS.ProcessEnv,
): Record<string, string> {
  const env: Record<string, string> = {};
  for (const name of PASS_THROUGH) {
    const value = source[name];
    if (value !== undefined) env[name] = value;
  }
  // npm run puts <repo>/node_modules/.bin first on PATH: a job must find only what it installed.
  env["PATH"] = (source["PATH"] ?? "/usr/bin:/bin")
    .split(":")
    .filter(
      (dir) =>
        !dir.includes("node_modules/.bin") && !dir.includes("node-gyp-bin"),
    )
    .join(":");
  const eventFile = path.join(runDir, "event.json");
  mkdirSync(runDir, { recursive: true });
  writeFileSync(
    eventFile,
    JSON.stringify(
      id.event === "pull_request" ? { pull_request: { number: 1 } } : {},
    ),
  );
  const pr = id.event === "pull_request";
  return {
    ...env,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_SHA: id.sha,
    GITHUB_REF: id.ref,
    GITHUB_REF_NAME: pr
      ? "1/merge"
      : id.ref.replace(/^refs\/(heads|tags)\//, ""),
    GITHUB_EVENT_NAME: id.event,
    GITHUB_EVENT_PATH: eventFile,
    GITHUB_BASE_REF: pr ? id.baseRef : "",
    GITHUB_HEAD_REF: pr ? id.branch : "",
    GITHUB_REPOSITORY: `local/${path.basename(id.repoRoot)}`,
    GITHUB_RUN_ID: id.runId,
    GITHUB_RUN_NUMBER: "1",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_WORKFLOW: id.workflowName,
    GITHUB_ACTOR: "ci-local",
    RUNNER_OS: "Linux",
    RUNNER_ARCH: "X64",
    RUNNER_NAME: "ci-local",
    RUNNER_TOOL_CACHE: path.join(runDir, "tool-cache"),
  };
}

/** Secrets for environment jobs: CI_LOCAL_SECRET_<NAME> → secrets.<NAME>, never real ones by default. */
export function secretsFrom(source: NodeJS.ProcessEnv): ValueMap {
  const secrets: Record<string, string> = {};
  for (const [name, value] of Object.entries(source)) {
    if (name.startsWith("CI_LOCAL_SECRET_") && value !== undefined)
      secrets[name.slice("CI_LOCAL_SECRET_".length)] = value;
  }
  return secrets;
}

const LOOPBACK_URL = /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?(\/|$)/;

/**
 * --with-environments talks to the Cloudflare API double only: a loopback CLOUDFLARE_API_BASE_URL,
 * and for the health checks of `*.workers.dev` the double as HTTPS proxy (HTTPS_PROXY, loopback
 * too) trusted through CLOUDFLARE_DOUBLE_CA — added to the machine's CAs, not in their place, so
 * npm ci in the same job still reaches the registry (which bypasses the proxy).
 */
export function environmentEnv(
  source: NodeJS.ProcessEnv,
  runDir: string,
): Record<string, string> {
  const url = source["CLOUDFLARE_API_BASE_URL"] ?? "";
  if (!LOOPBACK_URL.test(url)) {
    throw new UsageError(
      "--with-environments: set CLOUDFLARE_API_BASE_URL to the local Cloudflare API double (http://127.0.0.1:PORT/client/v4) — ci:local never talks to a real account",
    );
  }
  const env: Record<string, string> = { CLOUDFLARE_API_BASE_URL: url };
  const proxy = source["HTTPS_PROXY"];
  if (proxy === undefined || proxy === "") return env;
  if (!LOOPBACK_URL.test(proxy))
    throw new UsageError(
      `--with-environments: HTTPS_PROXY "${proxy}" is not the local Cloudflare API double (http://127.0.0.1:PORT) — unset it or point it at the double`,
    );
  const doubleCa = source["CLOUDFLARE_DOUBLE_CA"];
  if (doubleCa === undefined || !existsSync(doubleCa))
    throw new UsageError(
      "--with-environments: HTTPS_PROXY is the double, so set CLOUDFLARE_DOUBLE_CA to its CA file (the caFile its JSON line prints)",
    );
  const bundle = path.join(runDir, "ca-bundle.pem");
  mkdirSync(runDir, { recursive: true });
  const machineCa = source["NODE_EXTRA_CA_CERTS"];
  writeFileSync(
    bundle,
    [machineCa, doubleCa]
      .filter((f): f is string => f !== undefined && existsSync(f))
      .map((f) => readFileSync(f, "utf8").trim())
      .join("\n") + "\n",
  );
  const registryHost = new URL(
    source["npm_config_registry"] ?? "https://registry.npmjs.org/",
  ).hostname;
  return {
    ...env,
    HTTPS_PROXY: proxy,
    HTTP_PROXY: proxy,
    NODE_USE_ENV_PROXY: "1",
    // Only workers.dev goes through the double; the API is on loopback, the registry is real.
    NO_PROXY: `127.0.0.1,localhost,::1,${registryHost}`,
    NODE_EXTRA_CA_CERTS: bundle,
  };
}
