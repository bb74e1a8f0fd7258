/**
 * An environment's secrets: the names environments.ts lists must exist. GitHub never returns a
 * value, so an existing secret counts as in place (rotate it with --rotate-secrets); a missing one
 * is set from the process environment (<ENV>_<NAME>, e.g. PRODUCTION_CLOUDFLARE_API_TOKEN, else
 * <NAME>) or a hidden prompt, sealed with the environment's public key.
 * REST ("GitHub Actions secrets"):
 *   GET /repos/{owner}/{repo}/environments/{environment_name}/secrets
 *   GET …/secrets/public-key
 *   PUT …/secrets/{secret_name}  { encrypted_value, key_id }
 */
import type { EnvVars } from "../../deploy/env-vars";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";
import { SetupError, isStatus, type GitHub, type Repository } from "./client";
import type { DesiredEnvironment } from "./desired";
import { sealSecret } from "./seal-secret";

/** Asks a human for a value without echoing it; undefined when nobody can be asked (CI). */
export type AskSecret = (label: string) => Promise<string | undefined>;

export function secretVariables(environment: string, name: string): string[] {
  return [`${environment.toUpperCase().replace(/-/g, "_")}_${name}`, name];
}

export interface SecretsOptions {
  readonly env: EnvVars;
  readonly ask: AskSecret;
  readonly rotate: boolean;
}

export function secretsResource(
  gh: GitHub,
  repo: Repository,
  want: DesiredEnvironment,
  options: SecretsOptions,
): Resource {
  const name = `secrets of ${want.name}`;
  const path = { ...repo, environment_name: want.name };

  async function existing(): Promise<string[] | undefined> {
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

  async function valueFor(secret: string): Promise<string> {
    const variables = secretVariables(want.name, secret);
    for (const variable of variables) {
      const value = options.env[variable];
      if (value !== undefined && value !== "") return value;
    }
    const asked = await options.ask(`${want.name} secret ${secret}`);
    if (asked !== undefined && asked !== "") return asked;
    throw new SetupError(
      `${name}: no value for ${secret} — set ${variables.join(" or ")} in the environment (or run in a terminal to be asked), then re-run`,
    );
  }

  return {
    name,
    inspect: async () => {
      const present = await existing();
      const missing =
        present === undefined
          ? [...want.secrets]
          : want.secrets.filter((s) => !present.includes(s));
      const toSet = options.rotate ? [...want.secrets] : missing;
      if (toSet.length === 0) {
        return { state: "ok", detail: want.secrets.join(", ") };
      }
      return {
        state: missing.length > 0 ? "missing" : "differs",
        detail:
          missing.length > 0
            ? `missing ${missing.join(", ")}${present === undefined ? " (environment not created yet)" : ""}`
            : `would rotate ${toSet.join(", ")}`,
        apply: async (): Promise<SetupItem> => {
          // Every value first: a missing one stops before anything is written.
          const values = new Map<string, string>();
          for (const secret of toSet)
            values.set(secret, await valueFor(secret));
          const key = await gh.request(
            "GET /repos/{owner}/{repo}/environments/{environment_name}/secrets/public-key",
            path,
          );
          for (const [secret, value] of values) {
            await gh.request(
              "PUT /repos/{owner}/{repo}/environments/{environment_name}/secrets/{secret_name}",
              {
                ...path,
                secret_name: secret,
                encrypted_value: await sealSecret(key.data.key, value),
                key_id: key.data.key_id,
              },
            );
          }
          return {
            resource: name,
            state: missing.length > 0 ? "created" : "updated",
            detail: `set ${toSet.join(", ")} (values not shown)`,
          };
        },
      };
    },
  };
}
