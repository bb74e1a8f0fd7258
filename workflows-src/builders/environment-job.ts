/**
 * Jobs bound to an environment (they hold deploy secrets), built so they cannot hold what the
 * workflow policy refuses there (scripts/workflows/policy/environment-rules.ts): the options have
 * no escape hatch — no job env, no runner, container, services, permissions or concurrency of
 * their own, no `with:` or `env:` spread, no step `if:`, no status function in the job's `if:`.
 * Steps come only from the builders below (a plain step object does not type-check), each passing
 * only what its action or script contract allows. environment-job.types.test.ts holds one
 * `@ts-expect-error` per forbidden shape, compiled by `npm run typecheck`.
 */
import type { ScriptContract, EnvOf, OutputsOf } from "../contracts";
import type { Environment } from "./environment-model";
import { always, type Expr, type StatusExpr, type Value } from "./expr";
import type { PackageManager } from "./package-manager";
import {
  defineJob,
  downloadArtifact,
  prepareDeployToolset,
  runScript,
  uploadArtifact,
  type Artifact,
  type BuiltJob,
  type CheckoutOptions,
  type OutputStep,
  type Step,
} from "./steps";

declare const reviewed: unique symbol;

/** A step made by one of this module's builders (a type-level mark; nothing at run time). */
export type EnvironmentStep<T = Step | OutputStep<string>> = T & {
  readonly [reviewed]: true;
};

const mark = <T>(step: T): EnvironmentStep<T> => step as EnvironmentStep<T>;

/** A path inside the workspace: not absolute, no `..`, no `~` (checked on literal strings). */
export type WorkspacePath<P extends string> = P extends
  `/${string}` | `~${string}` | `..${string}` | `${string}/..${string}`
  ? never
  : P;

/** Checkout of the commit under test (credentials not persisted), Node from .nvmrc, the toolset. */
export function environmentPrologue(
  manager: PackageManager,
  options: CheckoutOptions = {},
): EnvironmentStep<Step>[] {
  return prepareDeployToolset(manager, options).map(mark);
}

type EnvironmentRunOptions<C extends ScriptContract> = {
  /** Display name; defaults to `npm run <script>`. */
  readonly name?: string;
  /**
   * Values reach the script through env, named by its contract and nothing else: an unknown name
   * in the literal does not type-check, and one smuggled in by a spread throws here.
   */
  readonly env: { readonly [K in EnvOf<C>]: Value };
  /** Pass the environment's secrets (environments.ts) as NAME: secrets.NAME; no other names. */
  readonly secrets?: boolean;
} & ([OutputsOf<C>] extends [never]
  ? { readonly id?: never }
  : { readonly id: string });

/**
 * `npm run <script>` of a contract in a job bound to `environment`. No `if:`: every deploy step
 * runs, in order, only after the ones before it succeeded.
 */
export function environmentRun<C extends ScriptContract>(
  manager: PackageManager,
  contract: C,
  environment: Pick<Environment, "secrets">,
  options: EnvironmentRunOptions<C>,
): EnvironmentStep<
  [OutputsOf<C>] extends [never] ? Step : OutputStep<OutputsOf<C>>
> {
  const extra = Object.keys(options.env).filter(
    (name) => !(contract.env as readonly string[]).includes(name),
  );
  if (extra.length > 0) {
    throw new Error(
      `npm run ${contract.script}: env ${extra.join(", ")} is not in its contract (workflows-src/contracts.ts) — a job bound to an environment passes only the contract's names`,
    );
  }
  const step = runScript(manager, contract, {
    ...(options.name === undefined ? {} : { name: options.name }),
    ...(options.id === undefined ? {} : { id: options.id }),
    env: options.env,
    ...(options.secrets ? { secrets: environment.secrets } : {}),
  } as Parameters<typeof runScript<C>>[2]);
  return mark(step) as EnvironmentStep<
    [OutputsOf<C>] extends [never] ? Step : OutputStep<OutputsOf<C>>
  >;
}

/** This run's artifact, into the workspace. */
export function environmentDownload<P extends string>(
  artifact: { readonly name: Expr | string; readonly path: WorkspacePath<P> },
  label: string,
): EnvironmentStep<Step> {
  const { name, path } = artifact;
  return mark(
    downloadArtifact(
      typeof name === "string" ? { name, path } : { name, path },
      label,
    ),
  );
}

/**
 * The job's logs, uploaded even when a step failed (the one `always()` the builders emit, on a
 * step that holds no secret); no hidden files.
 */
export function environmentUpload<P extends string>(
  artifact: Artifact & { readonly path: WorkspacePath<P> },
  options: {
    readonly retentionDays: number;
    readonly ifNoFilesFound?: "error" | "warn" | "ignore";
  },
): EnvironmentStep<Step> {
  return mark(
    uploadArtifact(artifact, {
      retentionDays: options.retentionDays,
      if: always(),
      ...(options.ifNoFilesFound
        ? { ifNoFilesFound: options.ifNoFilesFound }
        : {}),
    }),
  );
}

export interface EnvironmentJobOptions<TOutputs extends string> {
  readonly name: string;
  readonly timeoutMinutes: number;
  /**
   * The environment of environments.ts: its name, URL, and the concurrency group deploy-<name>.
   * A preview passes its own name and the URL its step wrote (that step's rendered output).
   */
  readonly environment: Pick<Environment, "name" | "url">;
  /**
   * Instead of deploy-<name>: a group per pull request for previews (one group for all would let
   * GitHub cancel every pending preview but the newest). Never cancels one in progress.
   */
  readonly concurrencyGroup?: string;
  readonly needs?: readonly BuiltJob[];
  /** No status function (always/failure/cancelled/success): GitHub's implicit success() stays. */
  readonly if?: Expr & {
    readonly [K in keyof Omit<StatusExpr, keyof Expr>]?: never;
  };
  readonly outputs?: { readonly [K in TOutputs]: string | Expr };
  readonly steps: readonly EnvironmentStep[];
}

/** One deploy or rollback at a time per environment; never cancel one that is running. */
export function environmentConcurrency(env: Pick<Environment, "name">) {
  return { group: `deploy-${env.name}`, "cancel-in-progress": false } as const;
}

export function defineEnvironmentJob<TOutputs extends string = never>(
  id: string,
  options: EnvironmentJobOptions<TOutputs>,
): BuiltJob<TOutputs> {
  const built = defineJob<TOutputs>(id, {
    name: options.name,
    timeoutMinutes: options.timeoutMinutes,
    ...(options.needs ? { needs: options.needs } : {}),
    ...(options.if ? { if: options.if } : {}),
    ...(options.outputs ? { outputs: options.outputs } : {}),
    steps: options.steps,
  });
  // The emitter orders job keys (scripts/workflows/key-order.ts), so adding these here is safe.
  return {
    ...built,
    job: {
      ...built.job,
      environment: {
        name: options.environment.name,
        url: options.environment.url,
      },
      concurrency:
        options.concurrencyGroup === undefined
          ? environmentConcurrency(options.environment)
          : { group: options.concurrencyGroup, "cancel-in-progress": false },
    },
  };
}
