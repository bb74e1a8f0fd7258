/**
 * The environments model: the schema an adopter's workflows-src/environments.ts is parsed with,
 * its one-line errors, and the helpers that read a parsed environment. No environment is defined
 * here: the package ships this file, and each repository's own environments.ts holds its values.
 */
import { z } from "zod";

const SOURCE = "environments.ts";

/** The D1 binding the app reads (src/db/client.ts) in every environment, local included. */
export const D1_BINDING = "DB";

/** Where D1 may place a new database (`wrangler d1 create --location`). */
export const D1_LOCATIONS = [
  "wnam",
  "enam",
  "weur",
  "eeur",
  "apac",
  "oc",
] as const;
/** Data-residency jurisdictions (`wrangler d1 create --jurisdiction`); fixed at creation. */
export const D1_JURISDICTIONS = ["eu", "fedramp", "us"] as const;

/** Who must agree before code reaches an environment; see `review` below. */
export const REVIEW_MODES = ["two-person", "single-maintainer"] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

/** An environment's review mode, absent meaning "two-person". */
export function reviewMode(env: { readonly review?: ReviewMode | undefined }) {
  return env.review ?? "two-person";
}

/**
 * Reviewer names that stand for "nobody chosen yet". The shipped config carries them so it
 * parses; `npm run setup -- --apply` refuses them (they would also become the code owners).
 */
export const PLACEHOLDER_REVIEWER = /^replace-me-/i;

/** GitHub allows at most six required reviewers per environment. */
const MAX_REVIEWERS = 6;

/** A GitHub user login ("octocat") or an organization team ("acme/release-managers"). */
const reviewer = z
  .string()
  .regex(/^[A-Za-z0-9](?:-?[A-Za-z0-9])*(?:\/[A-Za-z0-9][A-Za-z0-9_.-]*)?$/, {
    error: "Invalid reviewer",
  });

const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, { error: "Invalid secret name" });

/** An env var name the Worker reads its binding under (`env.NEXT_INC_CACHE_R2_BUCKET`). */
const bindingName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, { error: "Invalid binding name" });

/** R2 bucket names: 3-63 lower-case letters, digits and dashes. */
const bucketName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/, { error: "Invalid bucket name" });

/** `service` of a service binding that means "this environment's own Worker" (workerName). */
export const SELF_SERVICE = "self";

/**
 * The Worker's bindings besides D1, per environment: wrangler does not inherit them, so each env
 * block of wrangler.jsonc repeats them with this environment's resources. `npm run setup` creates
 * the R2 buckets and KV namespaces (and writes each namespace id into wrangler.jsonc).
 */
export const bindingsSchema = z
  .object({
    r2: z
      .array(
        z
          .object({
            binding: bindingName,
            bucketName,
            jurisdiction: z
              .enum(["eu", "fedramp"], { error: "Invalid R2 jurisdiction" })
              .optional(),
          })
          .strict(),
      )
      .optional(),
    kv: z
      .array(
        z
          .object({
            binding: bindingName,
            title: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_. -]{0,511}$/, {
              error: "Invalid KV namespace title",
            }),
          })
          .strict(),
      )
      .optional(),
    /** Classes this Worker exports (created by wrangler `migrations`, applied by `wrangler deploy`). */
    durableObjects: z
      .array(
        z
          .object({
            binding: bindingName,
            className: z.string().regex(/^[A-Za-z_$][A-Za-z0-9_$]*$/, {
              error: "Invalid class name",
            }),
          })
          .strict(),
      )
      .optional(),
    /** `service`: another Worker's name, or "self" for this environment's own (workerName). */
    services: z
      .array(
        z
          .object({
            binding: bindingName,
            service: z
              .string()
              .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Invalid service name" }),
          })
          .strict(),
      )
      .optional(),
  })
  .strict();
export type Bindings = z.infer<typeof bindingsSchema>;

/**
 * How the release proves a version healthy. `endpoint`: GET <path> answers our JSON health
 * contract (scripts/deploy/health/health-contract.ts) with the commit SHA. `smoke`: for apps
 * without such a route — each path, redirects followed, ends at the expected status, and the
 * version serving is identified through Cloudflare's deployments API instead of the body.
 */
export const healthCheckSchema = z.discriminatedUnion("kind", [
  z
    .object({
      kind: z.literal("endpoint"),
      path: z.string().regex(/^\/\S*$/, { error: "Invalid path" }),
    })
    .strict(),
  z
    .object({
      kind: z.literal("smoke"),
      checks: z
        .array(
          z
            .object({
              path: z.string().regex(/^\/\S*$/, { error: "Invalid path" }),
              status: z
                .number()
                .int()
                .min(200, { error: "Invalid final status" })
                .max(599, { error: "Invalid final status" }),
            })
            .strict(),
        )
        .min(1, { error: "No smoke checks" }),
    })
    .strict(),
]);
export type HealthCheck = z.infer<typeof healthCheckSchema>;

/** Apps that ship our /api/health (the guestbook); adopters without one configure `smoke`. */
export const DEFAULT_HEALTH_CHECK = {
  kind: "endpoint",
  path: "/api/health",
} as const satisfies HealthCheck;

export const environmentSchema = z
  .object({
    /** Also the GitHub Environment name (secrets + protection rules live there). */
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { error: "Invalid environment name" }),
    branch: z
      .string()
      .regex(/^[A-Za-z0-9._/-]+$/, { error: "Invalid branch name" })
      .refine(
        (b) => !b.startsWith("/") && !b.endsWith("/") && !b.includes(".."),
        {
          error: "Invalid branch name",
        },
      ),
    url: z.url({ protocol: /^https$/, error: "Invalid URL" }),
    wranglerEnv: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { error: "Invalid wrangler env name" }),
    d1Binding: z.literal(D1_BINDING, {
      error: `Invalid D1 binding (must be "${D1_BINDING}")`,
    }),
    d1DatabaseName: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { error: "Invalid D1 database name" }),
    d1Location: z
      .enum(D1_LOCATIONS, { error: "Invalid D1 location" })
      .optional(),
    d1Jurisdiction: z
      .enum(D1_JURISDICTIONS, { error: "Invalid D1 jurisdiction" })
      .optional(),
    /**
     * Required reviewers of the GitHub Environment: one of them approves each deploy. Empty means
     * deploys start without a human. `npm run setup` refuses to call an environment gated when
     * GitHub cannot enforce this (private repository on a plan without reviewers).
     */
    reviewers: z
      .array(reviewer)
      .max(MAX_REVIEWERS, { error: "More than 6 reviewers" }),
    /**
     * The person who triggered a deploy (or a rollback) may not approve it. Whoever dispatches
     * rollback.yml at 2 a.m. then needs a second reviewer awake: the schema asks for two.
     */
    preventSelfReview: z.boolean({ error: "Invalid preventSelfReview flag" }),
    /**
     * How many people it takes to change this environment (absent = "two-person"):
     * - "two-person": a pull request into its branch needs one approval and a code owner's review;
     *   with preventSelfReview, at least two reviewers, so one can approve what the other started.
     * - "single-maintainer": one person maintains the repository. Pull requests into its branch need
     *   no approval (the required checks still gate the merge), and its one reviewer approves their
     *   own deploys and rollbacks (preventSelfReview false): the approval is a deliberate pause
     *   before production, not a second opinion. Say so in the decisions record when you choose it.
     */
    review: z.enum(REVIEW_MODES, { error: "Invalid review mode" }).optional(),
    secrets: z.array(secretName).min(1, { error: "No secrets listed" }),
    /** The env block's `name` in wrangler.jsonc; needed when a service binding says "self". */
    workerName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Invalid Worker name" })
      .optional(),
    bindings: bindingsSchema.optional(),
    health: healthCheckSchema.optional(),
  })
  .strict();

export type Environment = z.infer<typeof environmentSchema>;

const environmentsSchema = z
  .object({ staging: environmentSchema, production: environmentSchema })
  .strict()
  .superRefine((envs, ctx) => {
    for (const [key, env] of Object.entries(envs)) {
      if (env.name !== key) {
        ctx.addIssue({
          code: "custom",
          path: [key, "name"],
          message: `Name differs from its key "${key}"`,
          input: env.name,
        });
      }
    }
    if (envs.staging.branch === envs.production.branch) {
      ctx.addIssue({
        code: "custom",
        path: ["production", "branch"],
        message: "Same branch as staging",
        input: envs.production.branch,
      });
    }
    if (envs.production.reviewers.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["production", "reviewers"],
        message: "No reviewers: production would deploy without approval",
        input: envs.production.reviewers,
      });
    }
    for (const [key, env] of Object.entries(envs)) {
      if (env.preventSelfReview && env.reviewers.length < 2) {
        // Whoever dispatches a deploy or a rollback cannot approve it: with one reviewer, that
        // reviewer's own rollback waits forever (a team counts once: its size is not known here).
        ctx.addIssue({
          code: "custom",
          path: [key, "preventSelfReview"],
          message: `Needs at least two reviewers (has ${env.reviewers.length}): whoever dispatches a rollback cannot approve it`,
          input: env.preventSelfReview,
        });
      }
      if (reviewMode(env) === "single-maintainer" && env.preventSelfReview) {
        ctx.addIssue({
          code: "custom",
          path: [key, "review"],
          message:
            "single-maintainer with preventSelfReview: the maintainer could never approve",
          input: env.review,
        });
      }
      const selfRef = env.bindings?.services?.find(
        (s) => s.service === SELF_SERVICE,
      );
      if (selfRef !== undefined && env.workerName === undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key, "workerName"],
          message: `Missing for the "self" service binding ${selfRef.binding}`,
          input: undefined,
        });
      }
      if (env.d1Location !== undefined && env.d1Jurisdiction !== undefined) {
        ctx.addIssue({
          code: "custom",
          path: [key, "d1Jurisdiction"],
          message: "Both a location and a jurisdiction",
          input: env.d1Jurisdiction,
        });
      }
    }
    if (envs.staging.wranglerEnv === envs.production.wranglerEnv) {
      ctx.addIssue({
        code: "custom",
        path: ["production", "wranglerEnv"],
        message: "Same wrangler env as staging",
        input: envs.production.wranglerEnv,
      });
    }
  });

export type Environments = z.infer<typeof environmentsSchema>;
export type EnvironmentName = keyof Environments;

const HINTS: Record<string, string> = {
  name: "use lower-case letters, digits and dashes, equal to its key",
  branch: "use a git branch name such as develop or main, one per environment",
  url: "use https://…",
  wranglerEnv: 'use the key under "env" in wrangler.jsonc, e.g. staging',
  d1Binding: 'use "DB", the binding the app reads',
  d1DatabaseName: "use the database_name from wrangler.jsonc for this env",
  d1Location: `use one of ${D1_LOCATIONS.join(", ")}, or leave it out`,
  d1Jurisdiction: `use one of ${D1_JURISDICTIONS.join(", ")} (or a d1Location, not both)`,
  reviewers:
    "list up to 6 GitHub logins or org/team slugs (read access approves deploys; code owners need write access)",
  preventSelfReview:
    'list a second reviewer, or set preventSelfReview: false with review: "single-maintainer"',
  review:
    'use "two-person", or "single-maintainer" with preventSelfReview: false and one reviewer',
  secrets: "list GitHub Environment secret names such as CLOUDFLARE_API_TOKEN",
  workerName: "use the env block's name in wrangler.jsonc, e.g. my-app-staging",
  r2: "list { binding, bucketName } with this environment's own bucket",
  kv: "list { binding, title } with this environment's own namespace title",
  durableObjects: "list { binding, className } of classes this Worker exports",
  services: `list { binding, service } — service is a Worker name or "${SELF_SERVICE}"`,
  bindings: "use r2, kv, durableObjects and services lists",
  health:
    'use { kind: "endpoint", path: "/api/health" } or { kind: "smoke", checks: [{ path: "/", status: 200 }] }',
};

function hintFor(path: readonly PropertyKey[]): string {
  // The innermost known field names the fix (staging.bindings.r2.0 → the r2 hint).
  const field = path.findLast((p) => typeof p === "string" && p in HINTS);
  if (typeof field === "string") return HINTS[field] ?? "";
  return "define exactly staging and production";
}

function describeInput(input: unknown): string {
  const json = JSON.stringify(input) ?? String(input);
  return json.length > 60 ? `${json.slice(0, 57)}…` : json;
}

/** Validates raw definitions; throws one line per problem: what, where, how to fix. */
export function parseEnvironments(raw: unknown): Environments {
  const result = environmentsSchema.safeParse(raw, { reportInput: true });
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => {
    const where = issue.path.map(String).join(".") || "(root)";
    const input = "input" in issue ? issue.input : undefined;
    if (issue.code === "invalid_type" && input === undefined) {
      return `${SOURCE}: ${where}: Missing — ${hintFor(issue.path)}`;
    }
    return `${SOURCE}: ${where}: ${issue.message} (${describeInput(input)}) — ${hintFor(issue.path)}`;
  });
  throw new Error(lines.join("\n"));
}

/** A Worker's workers.dev URL under the account's subdomain (`setup -- --apply` writes it). */
export function workersDevUrl(workerName: string, subdomain: string): string {
  return `https://${workerName}.${subdomain}.workers.dev`;
}

/** The Worker a service binding reaches: "self" is this environment's own Worker. */
export function serviceTarget(env: Environment, service: string): string {
  if (service !== SELF_SERVICE) return service;
  if (env.workerName === undefined)
    throw new Error(
      `${SOURCE}: ${env.name}.workerName: Missing — ${HINTS["workerName"]}`,
    );
  return env.workerName;
}

export function healthCheckOf(env: Environment): HealthCheck {
  return env.health ?? DEFAULT_HEALTH_CHECK;
}

/**
 * Pull-request previews (issue 26): one Worker of their own, and per same-repository pull request a
 * version uploaded under the alias `<aliasPrefix><number>` whose D1 binding names that pull
 * request's own database `<d1DatabasePrefix><number>` — never staging's or production's. Its
 * `name` is a GitHub Environment of its own: its secrets are a Cloudflare token made for previews
 * (docs/deployment/decisions.md, "Pull-request previews"), never staging's or production's. Drafts
 * are previewed like any pull request (the quality run they get anyway builds what is previewed).
 */
export const previewEnvironmentSchema = z
  .object({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, { error: "Invalid environment name" }),
    workerName: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "Invalid Worker name" }),
    d1Binding: z.literal(D1_BINDING, {
      error: `Invalid D1 binding (must be "${D1_BINDING}")`,
    }),
    /** A pull request's database is this prefix + its number; the sweep deletes only such names. */
    d1DatabasePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]*-$/, { error: "Invalid D1 database prefix" }),
    /** Preview alias = prefix + number (a DNS label: the alias URL is <alias>-<worker>.<sub>.workers.dev). */
    aliasPrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]*-$/, { error: "Invalid alias prefix" }),
    /** SQL applied once, right after the new database's first migrations (skipped when absent). */
    seedFile: z
      .string()
      .regex(/^[\w./-]+\.sql$/, { error: "Invalid seed file" }),
    vars: z.record(z.string(), z.string()),
    secrets: z.array(secretName).min(1, { error: "No secrets listed" }),
  })
  .strict();
export type PreviewEnvironment = z.infer<typeof previewEnvironmentSchema>;

/** Refuses a preview that could reach an environment's Worker or database (or sweep it away). */
export function parsePreviewEnvironment(
  raw: unknown,
  envs: Environments,
): PreviewEnvironment {
  const parsed = previewEnvironmentSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `${SOURCE}: preview.${issue?.path.join(".") ?? ""}: ${issue?.message ?? "invalid"}`,
    );
  }
  const preview = parsed.data;
  for (const env of Object.values(envs)) {
    if (env.name === preview.name)
      throw new Error(
        `${SOURCE}: preview.name: "${preview.name}" is also an environment — previews get a GitHub Environment (and secrets) of their own`,
      );
    if (env.workerName === preview.workerName)
      throw new Error(
        `${SOURCE}: preview.workerName: ${env.name}'s Worker — previews get a Worker of their own`,
      );
    if (env.d1DatabaseName.startsWith(preview.d1DatabasePrefix))
      throw new Error(
        `${SOURCE}: preview.d1DatabasePrefix: "${preview.d1DatabasePrefix}" also starts ${env.name}'s database ${env.d1DatabaseName} — the cleanup deletes databases by this prefix: pick one no environment's database starts with`,
      );
  }
  return preview;
}
