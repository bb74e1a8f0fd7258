/**
 * The one place where deployment environments are defined: which branch deploys where, under which
 * wrangler env, against which D1 database, with which secrets and whether a human approves first.
 * Workflows and scripts read these values; nothing else repeats them.
 */
import { z } from "zod";

const SOURCE = "environments.ts";

/** The D1 binding the app reads (src/db/client.ts) in every environment, local included. */
export const D1_BINDING = "DB";

const secretName = z
  .string()
  .regex(/^[A-Z][A-Z0-9_]*$/, { error: "Invalid secret name" });

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
    approval: z.boolean({ error: "Invalid approval flag" }),
    secrets: z.array(secretName).min(1, { error: "No secrets listed" }),
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
  approval: "use true or false",
  secrets: "list GitHub Environment secret names such as CLOUDFLARE_API_TOKEN",
};

function hintFor(path: readonly PropertyKey[]): string {
  const field = path.find((p) => typeof p === "string" && p in HINTS);
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

const SECRETS = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_ACCOUNT_ID"];

// The workers.dev URLs are placeholders until the account's subdomain is known: replace
// "example" with it (wrangler prints the URL on first deploy). Worker names come from wrangler.jsonc.
export const environments: Environments = parseEnvironments({
  staging: {
    name: "staging",
    branch: "develop",
    url: "https://typed-cicd-next-d1-staging.example.workers.dev",
    wranglerEnv: "staging",
    d1Binding: D1_BINDING,
    d1DatabaseName: "typed-cicd-staging",
    approval: false,
    secrets: SECRETS,
  },
  production: {
    name: "production",
    branch: "main",
    url: "https://typed-cicd-next-d1-production.example.workers.dev",
    wranglerEnv: "production",
    d1Binding: D1_BINDING,
    d1DatabaseName: "typed-cicd-production",
    approval: true,
    secrets: SECRETS,
  },
} satisfies Record<EnvironmentName, Environment>);

export const environmentNames = Object.keys(environments) as EnvironmentName[];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environmentNames as string[]).includes(value);
}

/** Throws a fixable one-liner for unknown names (CLI flags, dispatch inputs). */
export function getEnvironment(name: string): Environment {
  if (!isEnvironmentName(name)) {
    throw new Error(
      `${SOURCE}: unknown environment "${name}" — use one of ${environmentNames.join(", ")}`,
    );
  }
  return environments[name];
}

export function environmentForBranch(branch: string): Environment | undefined {
  return Object.values(environments).find((env) => env.branch === branch);
}
