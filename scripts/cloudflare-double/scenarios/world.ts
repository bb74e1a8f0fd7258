/**
 * One scenario world: a sandbox copy of the repository and a Cloudflare API double seeded with
 * what its wrangler.jsonc names for staging (the D1 database, the workers.dev subdomain of
 * environments.ts). Scenarios act only through the CLIs and read state through the control API.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getEnvironment } from "../../../workflows-src/environments";
import { type Environment } from "../../../workflows-src/builders/environment-model";
import { startCloudflareDouble, type CloudflareDouble } from "../start";
import { cleanEnv, runCli, type CliRun } from "./run-cli";
import { createSandbox, type Sandbox } from "./sandbox";
import { readEnvTarget, type EnvTarget } from "./wrangler-config";

export interface VersionView {
  readonly id: string;
  readonly annotations: Readonly<Record<string, string>>;
}
export interface DeploymentView {
  readonly id: string;
  readonly annotations: Readonly<Record<string, string>>;
  readonly versions: readonly {
    readonly version_id: string;
    readonly percentage: number;
  }[];
}
interface StateView {
  readonly workers: readonly {
    readonly name: string;
    readonly versions: readonly VersionView[];
    readonly deployments: readonly DeploymentView[];
  }[];
  readonly d1: readonly {
    readonly uuid: string;
    readonly bookmarks: readonly { readonly bookmark: string }[];
  }[];
}

export interface World {
  readonly sandbox: Sandbox;
  readonly double: CloudflareDouble;
  readonly environment: Environment;
  readonly target: EnvTarget;
  /** `npm run <script> -- <args>` in the sandbox against the double; `env` overrides (undefined unsets). */
  cli(
    script: string,
    args: readonly string[],
    env?: Readonly<Record<string, string | undefined>>,
  ): Promise<CliRun>;
  /** The Worker's versions (oldest first) and deployments (newest first). */
  worker(): Promise<
    | {
        versions: readonly VersionView[];
        deployments: readonly DeploymentView[];
      }
    | undefined
  >;
  /** The tag (commit) of the version serving 100 % now, if any. */
  servingTag(): Promise<string | undefined>;
  sql(sql: string): Promise<Record<string, unknown>[]>;
  latestBookmark(): Promise<string>;
  /** GET /api/health on the public URL, as the double routes it. */
  publicHealth(): Promise<{ status: number; version: string | undefined }>;
  stop(): Promise<void>;
}

export const ENV_NAME = "staging";
const COMPILE_CACHE = join(tmpdir(), "cloudflare-double-compile-cache");

/** A double seeded with what an environment names: its workers.dev subdomain and its D1 database. */
export function startEnvironmentDouble(
  environment: Environment,
  target: EnvTarget,
  stateDir: string,
): Promise<CloudflareDouble> {
  return startCloudflareDouble({
    stateDir,
    subdomain: new URL(environment.url).hostname.split(".").at(-3) ?? "example",
    d1: [{ name: target.databaseName, uuid: target.databaseId }],
  });
}

/** `nodeModules`: what the sandbox's CLIs run on (default the full install; rehearse:cloud gives the deploy toolset). */
export async function createWorld(
  dir: string,
  nodeModules?: string,
): Promise<World> {
  const sandbox = createSandbox(join(dir, "repo"), nodeModules);
  const environment = getEnvironment(ENV_NAME);
  const target = readEnvTarget(
    join(sandbox.root, "wrangler.jsonc"),
    environment.wranglerEnv,
  );
  const double = await startEnvironmentDouble(
    environment,
    target,
    join(dir, "double"),
  );
  const state = () => double.control<StateView>("GET", "/__double/state");
  const worker = async () =>
    (await state()).workers.find((w) => w.name === target.workerName);
  return {
    sandbox,
    double,
    environment,
    target,
    cli: (script, args, env = {}) =>
      runCli(
        sandbox.root,
        script,
        args,
        // Node's compile cache roughly halves wrangler's start-up (a 15 MB bundle) from the 2nd run.
        cleanEnv({
          ...double.env,
          NODE_NO_WARNINGS: "1",
          NODE_COMPILE_CACHE: COMPILE_CACHE,
          ...env,
        }),
      ),
    worker,
    async servingTag() {
      const w = await worker();
      const top = w?.deployments[0]?.versions.find(
        (v) => v.percentage === 100,
      )?.version_id;
      return w?.versions.find((v) => v.id === top)?.annotations["workers/tag"];
    },
    async sql(text) {
      const [rows] = await double.control<Record<string, unknown>[][]>(
        "POST",
        `/__double/d1/${target.databaseId}/sql`,
        { sql: text },
      );
      return rows ?? [];
    },
    async latestBookmark() {
      const db = (await state()).d1.find((d) => d.uuid === target.databaseId);
      const latest = db?.bookmarks.at(-1)?.bookmark;
      if (latest === undefined)
        throw new Error(`no bookmark for D1 ${target.databaseId}`);
      return latest;
    },
    async publicHealth() {
      const r = await double.traffic(`${environment.url}/api/health`);
      let version: string | undefined;
      try {
        version = (JSON.parse(r.body) as { version?: string }).version;
      } catch {
        version = undefined;
      }
      return { status: r.status, version };
    },
    stop: () => double.stop(),
  };
}
