/**
 * An environment's secrets: the names environments.ts lists must exist. GitHub never returns a
 * value, so an existing secret counts as in place (replace it with --rotate-secrets <env>); a
 * missing one is set from the process environment or a hidden prompt (secret-values.ts), sealed
 * with the environment's public key.
 *
 * Fails closed: values are found before anything is written (planSecrets, so the caller can
 * preflight the tokens first), and an environment that should need approval but that GitHub does
 * not gate gets no secrets unless --accept-ungated: a deploy without secrets fails, a deploy
 * without approval ships.
 * REST ("GitHub Actions secrets"):
 *   GET /repos/{owner}/{repo}/environments/{environment_name}/secrets
 *   GET …/secrets/public-key
 *   PUT …/secrets/{secret_name}  { encrypted_value, key_id }
 */
import type { EnvVars } from "../../deploy/env-vars";
import type { SetupItem } from "../report";
import type { Inspection, Resource } from "../resources";
import { SetupError, isStatus, type GitHub, type Repository } from "./client";
import type { DesiredEnvironment } from "./desired";
import { sealSecret } from "./seal-secret";
import {
  findSecretValue,
  secretVariables,
  type AskSecret,
  type SecretValue,
} from "./secret-values";

export type { AskSecret } from "./secret-values";
export { secretVariables } from "./secret-values";

/** What will be written to one environment, known before any write. */
export interface SecretPlan {
  readonly environment: string;
  /** Secret names GitHub has; undefined while the environment does not exist. */
  readonly present: readonly string[] | undefined;
  readonly missing: readonly string[];
  readonly rotating: boolean;
  /** Values found for the secrets to write (missing ones, or rotated ones). */
  readonly values: ReadonlyMap<string, SecretValue>;
  /** A value that must be written but was not found: one line with the variable to set. */
  readonly problem?: string;
}

async function existingSecrets(
  gh: GitHub,
  path: Repository & { environment_name: string },
): Promise<string[] | undefined> {
  try {
    const response = await gh.request(
      "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets",
      { ...path, per_page: 100 },
    );
    return response.data.secrets.map((s) => s.name);
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

export async function planSecrets(
  gh: GitHub,
  repo: Repository,
  want: DesiredEnvironment,
  options: {
    readonly env: EnvVars;
    readonly rotate: boolean;
    readonly ask?: AskSecret | undefined;
  },
): Promise<SecretPlan> {
  const present = await existingSecrets(gh, {
    ...repo,
    environment_name: want.name,
  });
  const missing = want.secrets.filter((s) => !(present ?? []).includes(s));
  const values = new Map<string, SecretValue>();
  const unfound: string[] = [];
  for (const secret of options.rotate ? want.secrets : missing) {
    const found = await findSecretValue(want.name, secret, {
      env: options.env,
      rotating: options.rotate,
      ask: options.ask,
    });
    if (found) values.set(secret, found);
    // Rotating keeps a secret nobody gave a new value for; a missing one must be set.
    else if (missing.includes(secret)) unfound.push(secret);
  }
  const problem =
    unfound.length > 0
      ? `secrets of ${want.name}: no value for ${unfound.join(", ")} — set ${unfound.map((s) => secretVariables(want.name, s, options.rotate).join(" or ")).join("; ")} in the environment (or run in a terminal to be asked), then re-run`
      : options.rotate && values.size === 0
        ? `--rotate-secrets ${want.name}: no new value — set ${want.secrets.map((s) => secretVariables(want.name, s, true)[0]).join(" and/or ")} (while rotating, the bare names are never read), then re-run`
        : undefined;
  return {
    environment: want.name,
    present,
    missing,
    rotating: options.rotate,
    values,
    ...(problem === undefined ? {} : { problem }),
  };
}

/** Has GitHub stored the approval the source asks for? (A private repository on Free/Pro/Team cannot.) */
async function isGated(
  gh: GitHub,
  path: Repository & { environment_name: string },
): Promise<boolean | undefined> {
  try {
    const response = await gh.request(
      "GET /repos/{owner}/{repo}/environments/{environment_name}",
      { ...path },
    );
    return (response.data.protection_rules ?? []).some(
      (rule) =>
        rule.type === "required_reviewers" &&
        "reviewers" in rule &&
        (rule.reviewers?.length ?? 0) > 0,
    );
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw error;
  }
}

export function noSecretsWhileUngated(want: DesiredEnvironment): string {
  return `${want.name} gets no secrets: GitHub does not gate it (no required reviewers stored), so a push to ${want.branch} would deploy without approval — make the repository public or move it to GitHub Enterprise and re-run, or re-run with --accept-ungated to store them knowingly`;
}

export function secretsResource(
  gh: GitHub,
  repo: Repository,
  want: DesiredEnvironment,
  plan: SecretPlan,
  options: { readonly acceptUngated: boolean },
): Resource {
  const name = `secrets of ${want.name}`;
  const path = { ...repo, environment_name: want.name };

  return {
    name,
    inspect: async (): Promise<Inspection> => {
      const toSet = plan.rotating ? [...plan.values.keys()] : plan.missing;
      if (toSet.length === 0)
        return { state: "ok", detail: want.secrets.join(", ") };
      if (want.reviewers.length > 0 && !options.acceptUngated) {
        // Read now, not in the plan: the environment resource has just created or changed it.
        if ((await isGated(gh, path)) === false)
          return {
            state: "ungated",
            detail: noSecretsWhileUngated(want),
            gateOnly: true,
          };
      }
      return {
        state: plan.missing.length > 0 ? "missing" : "differs",
        detail:
          plan.missing.length > 0
            ? `missing ${plan.missing.join(", ")}${plan.present === undefined ? " (environment not created yet)" : ""}`
            : `would rotate ${toSet.join(", ")}`,
        apply: async (): Promise<SetupItem> => {
          if (plan.problem !== undefined) throw new Error(plan.problem);
          const key = await gh
            .request(
              "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key",
              path,
            )
            .catch((error: unknown) => {
              // The environment resource ran first: it failed, and said why.
              if (isStatus(error, 404))
                throw new SetupError(
                  `not stored: there is no environment ${want.name} to hold them (see "environment ${want.name}" above)`,
                );
              throw error;
            });
          for (const secret of toSet) {
            const found = plan.values.get(secret);
            if (found === undefined) continue;
            await gh.request(
              "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}",
              {
                ...path,
                secret_name: secret,
                encrypted_value: await sealSecret(key.data.key, found.value),
                key_id: key.data.key_id,
              },
            );
          }
          return {
            resource: name,
            state: plan.missing.length > 0 ? "created" : "updated",
            detail: `set ${toSet.map((s) => `${s} (from ${plan.values.get(s)?.from ?? "?"})`).join(", ")} — values not shown`,
          };
        },
      };
    },
  };
}
