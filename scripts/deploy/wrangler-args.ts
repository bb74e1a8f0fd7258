/**
 * Every wrangler command the deploy pipeline runs is composed here, for local and remote alike, so
 * the only difference between a rehearsal and production is the `Target` switch (and the secrets).
 * Builders return argv arrays (no shell), which keeps commit messages and inputs from being parsed
 * as shell syntax.
 */
import { D1_BINDING } from "../../workflows-src/builders/environment-model";

/** Which D1/Worker a command addresses: an environment from environments.ts, or the top-level config. */
export interface WranglerScope {
  /** Key under `env` in wrangler.jsonc; undefined selects the top-level (local) config. */
  readonly wranglerEnv?: string | undefined;
  readonly d1Binding: string;
}

/** The top-level (local) config of wrangler.jsonc, or one of its envs, with the app's D1 binding. */
export function localScope(wranglerEnv?: string): WranglerScope {
  return { wranglerEnv, d1Binding: D1_BINDING };
}

export type Target =
  | { readonly kind: "remote" }
  | { readonly kind: "local"; readonly persistTo?: string };

export const REMOTE: Target = { kind: "remote" };

export function local(persistTo?: string): Target {
  return persistTo === undefined
    ? { kind: "local" }
    : { kind: "local", persistTo };
}

export type RecoveryPoint =
  { readonly bookmark: string } | { readonly timestamp: string };

export interface VersionTraffic {
  readonly versionId: string;
  readonly percentage: number;
}

/**
 * wrangler asks for rollback messages of at most 120 characters; Cloudflare's limit for deployment
 * messages is not documented. An automatic rollback must never fail on its own message, so every
 * message is folded to one line and cut well within wrangler's 120 (the full reason stays in the
 * deploy log and the step summary).
 */
export const MAX_MESSAGE_LENGTH = 100;

function messageArgs(raw: string): string[] {
  const oneLine = raw.replace(/\s+/g, " ").trim();
  const short =
    oneLine.length <= MAX_MESSAGE_LENGTH
      ? oneLine
      : `${oneLine.slice(0, MAX_MESSAGE_LENGTH - 1)}…`;
  return ["--message", value("--message", short)];
}

/** Values that start with "-" would be read as flags by wrangler's argument parser. */
function value(name: string, raw: string): string {
  if (raw.length === 0 || raw.startsWith("-")) {
    throw new Error(
      `wrangler argument ${name}: invalid value ${JSON.stringify(raw)} — pass a non-empty value not starting with "-"`,
    );
  }
  return raw;
}

function envArgs(scope: WranglerScope): string[] {
  return scope.wranglerEnv === undefined
    ? []
    : ["--env", value("--env", scope.wranglerEnv)];
}

function targetArgs(target: Target): string[] {
  if (target.kind === "remote") return ["--remote"];
  return target.persistTo === undefined
    ? ["--local"]
    : ["--local", "--persist-to", value("--persist-to", target.persistTo)];
}

/**
 * Time Travel, versions, deployments and rollback exist only on Cloudflare's API: wrangler has no
 * local emulation for them, so asking for one is a programming error, reported as such.
 */
function requireRemote(target: Target, command: string): void {
  if (target.kind !== "remote") {
    throw new Error(
      `wrangler ${command}: no local mode exists (Cloudflare API only) — use the remote target; rehearse it with unit tests of the composed argv`,
    );
  }
}

function d1Migrations(
  subcommand: "apply" | "list",
  scope: WranglerScope,
  target: Target,
): string[] {
  return [
    "d1",
    "migrations",
    subcommand,
    scope.d1Binding,
    ...targetArgs(target),
    ...envArgs(scope),
  ];
}

export function d1MigrationsApply(
  scope: WranglerScope,
  target: Target,
): string[] {
  return d1Migrations("apply", scope, target);
}

export function d1MigrationsList(
  scope: WranglerScope,
  target: Target,
): string[] {
  return d1Migrations("list", scope, target);
}

export function d1ExecuteJson(
  scope: WranglerScope,
  target: Target,
  sql: string,
): string[] {
  return [
    "d1",
    "execute",
    scope.d1Binding,
    ...targetArgs(target),
    ...envArgs(scope),
    "--json",
    "--command",
    value("--command", sql),
  ];
}

export function timeTravelInfo(
  scope: WranglerScope,
  target: Target,
  at?: { timestamp: string },
): string[] {
  requireRemote(target, "d1 time-travel info");
  const timestamp =
    at === undefined ? [] : ["--timestamp", value("--timestamp", at.timestamp)];
  return [
    "d1",
    "time-travel",
    "info",
    scope.d1Binding,
    ...envArgs(scope),
    ...timestamp,
    "--json",
  ];
}

/** `--json` also skips wrangler's interactive confirmation, and returns the undo bookmark as data. */
export function timeTravelRestore(
  scope: WranglerScope,
  target: Target,
  point: RecoveryPoint,
): string[] {
  requireRemote(target, "d1 time-travel restore");
  const pointArgs =
    "bookmark" in point
      ? ["--bookmark", value("--bookmark", point.bookmark)]
      : ["--timestamp", value("--timestamp", point.timestamp)];
  return [
    "d1",
    "time-travel",
    "restore",
    scope.d1Binding,
    ...envArgs(scope),
    ...pointArgs,
    "--json",
  ];
}

/**
 * Remote: uploads a new (not yet deployed) version. Local: the same command with `--dry-run`, which
 * bundles and size-checks the worker offline — the closest thing to an upload this machine can do.
 */
export function versionsUpload(
  scope: WranglerScope,
  target: Target,
  options: { tag: string; message: string; dryRunOutdir?: string },
): string[] {
  const base = [
    "versions",
    "upload",
    ...envArgs(scope),
    "--tag",
    value("--tag", options.tag),
    ...messageArgs(options.message),
  ];
  if (target.kind === "remote") return base;
  return [
    ...base,
    "--dry-run",
    "--outdir",
    value("--outdir", options.dryRunOutdir ?? ".wrangler/dry-run"),
  ];
}

/**
 * Creates a Worker that does not exist yet: `versions upload` cannot (Cloudflare answers "not
 * found", code 10007/10090), so the first release of an environment deploys directly, with the
 * same tag and message a versioned upload would carry. The same command releases a version that
 * carries a Durable Object migration: only `wrangler deploy` applies one (`versions upload`
 * refuses). `autoconfigOff` because wrangler otherwise detects this OpenNext project and hands over
 * to `npx opennextjs-cloudflare deploy` (its spelling depends on the version: wrangler-version.ts).
 */
export function deployNewWorker(
  scope: WranglerScope,
  target: Target,
  options: {
    tag: string;
    message: string;
    autoconfigOff?: readonly string[];
  },
): string[] {
  requireRemote(target, "deploy");
  return [
    "deploy",
    ...envArgs(scope),
    "--tag",
    value("--tag", options.tag),
    ...messageArgs(options.message),
    ...(options.autoconfigOff ?? ["--autoconfig=false"]),
  ];
}

export function versionsDeploy(
  scope: WranglerScope,
  target: Target,
  traffic: readonly VersionTraffic[],
  message: string,
): string[] {
  requireRemote(target, "versions deploy");
  const total = traffic.reduce((sum, t) => sum + t.percentage, 0);
  if (
    traffic.length === 0 ||
    total !== 100 ||
    traffic.some((t) => !Number.isInteger(t.percentage) || t.percentage < 0)
  ) {
    throw new Error(
      `wrangler versions deploy: traffic ${JSON.stringify(traffic)} must be whole percentages summing to 100 — e.g. [{ versionId, percentage: 100 }]`,
    );
  }
  const specs = traffic.map(
    (t) => `${value("version id", t.versionId)}@${t.percentage}%`,
  );
  return [
    "versions",
    "deploy",
    ...specs,
    ...envArgs(scope),
    ...messageArgs(message),
    "--yes",
  ];
}

export function rollback(
  scope: WranglerScope,
  target: Target,
  versionId: string,
  message: string,
): string[] {
  requireRemote(target, "rollback");
  return [
    "rollback",
    value("version id", versionId),
    ...envArgs(scope),
    ...messageArgs(message),
    "--yes",
  ];
}

export function deploymentsStatus(
  scope: WranglerScope,
  target: Target,
): string[] {
  requireRemote(target, "deployments status");
  return ["deployments", "status", ...envArgs(scope), "--json"];
}

/** One version's details (annotations carry the tag our releases set to the commit SHA). */
export function versionsView(
  scope: WranglerScope,
  target: Target,
  versionId: string,
): string[] {
  requireRemote(target, "versions view");
  return [
    "versions",
    "view",
    value("version id", versionId),
    ...envArgs(scope),
    "--json",
  ];
}

export function deploymentsList(
  scope: WranglerScope,
  target: Target,
): string[] {
  requireRemote(target, "deployments list");
  return ["deployments", "list", ...envArgs(scope), "--json"];
}

/** Serves the built worker (.open-next/worker.js per wrangler.jsonc) on workerd with a local D1. */
export function devLocal(
  scope: WranglerScope,
  options: {
    port: number;
    persistTo: string;
    /** 0 lets wrangler pick; parallel servers each need their own. */
    inspectorPort?: number;
    vars?: Readonly<Record<string, string>>;
  },
): string[] {
  const vars = Object.entries(options.vars ?? {}).flatMap(([k, v]) => [
    "--var",
    `${k}:${v}`,
  ]);
  return [
    "dev",
    ...envArgs(scope),
    "--local",
    "--ip",
    "127.0.0.1",
    "--port",
    String(options.port),
    "--inspector-port",
    String(options.inspectorPort ?? 0),
    "--persist-to",
    value("--persist-to", options.persistTo),
    "--show-interactive-dev-session=false",
    "--live-reload=false",
    ...vars,
  ];
}

/**
 * `wrangler d1 export DB --remote --output FILE --skip-confirmation`: the whole database as SQL
 * (schema and rows), saved before a Time Travel restore discards what was written since.
 */
export function d1Export(
  scope: WranglerScope,
  target: Target,
  output: string,
): string[] {
  requireRemote(target, "d1 export (before a restore)");
  return [
    "d1",
    "export",
    scope.d1Binding,
    ...envArgs(scope),
    "--remote",
    "--output",
    value("--output", output),
    "--skip-confirmation",
  ];
}
