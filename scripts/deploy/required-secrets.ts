import type { EnvVars } from "./env-vars";
/** Checks presence only: a secret's value is never read into a message, log or output. */
export function missingSecrets(
  names: readonly string[],
  env: EnvVars,
): string[] {
  return names.filter((name) => (env[name] ?? "").trim() === "");
}

export function assertSecretsPresent(
  names: readonly string[],
  env: EnvVars,
  environment: string,
): void {
  const missing = missingSecrets(names, env);
  if (missing.length === 0) return;
  const list = missing.join(", ");
  throw new Error(
    `${environment}: required secret${missing.length > 1 ? "s" : ""} ${list} not set — add ${missing.length > 1 ? "them" : "it"} under Settings → Environments → ${environment} → Environment secrets, and run the job with environment: ${environment}`,
  );
}
