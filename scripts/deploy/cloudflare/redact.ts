/**
 * Logs and reports leave the job as artifact files and step summaries, which GitHub does not mask
 * the way it masks console output. wrangler names the account id in every API path it reports
 * (`/accounts/<id>/…`, `accountTag`), so both credentials are replaced wherever text is written.
 */
import type { EnvVars } from "../env-vars";

export type Redact = (text: string) => string;

export const CREDENTIAL_VARIABLES = [
  "CLOUDFLARE_API_TOKEN",
  "CLOUDFLARE_ACCOUNT_ID",
] as const;

export const REDACTED = "***";

export function credentialValues(env: EnvVars): string[] {
  return CREDENTIAL_VARIABLES.map((name) => env[name]?.trim() ?? "").filter(
    // Very short values would blank out ordinary words; real ids and tokens are long.
    (value) => value.length >= 6,
  );
}

export function createRedact(values: readonly string[]): Redact {
  const secrets = [...values].sort((a, b) => b.length - a.length);
  if (secrets.length === 0) return (text) => text;
  return (text) =>
    secrets.reduce((out, secret) => out.split(secret).join(REDACTED), text);
}

export const redactCredentials = (env: EnvVars): Redact =>
  createRedact(credentialValues(env));
