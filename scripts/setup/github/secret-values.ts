/**
 * Where a secret's value comes from, decided before anything is written: `<ENV>_<NAME>` (e.g.
 * PRODUCTION_CLOUDFLARE_API_TOKEN), else `<NAME>`, else a hidden prompt. While an environment is
 * being rotated the bare `<NAME>` is never read: during a rotation it typically still holds another
 * environment's (old) token, and writing it into this environment is how production once ended up
 * holding the old staging token.
 */
import type { EnvVars } from "../../deploy/env-vars";

/** Asks a human for a value without echoing it; undefined when nobody can be asked (CI). */
export type AskSecret = (label: string) => Promise<string | undefined>;

export function environmentVariable(environment: string, name: string): string {
  return `${environment.toUpperCase().replace(/-/g, "_")}_${name}`;
}

/** The variables read for a secret, in order. */
export function secretVariables(
  environment: string,
  name: string,
  rotating = false,
): string[] {
  const own = environmentVariable(environment, name);
  return rotating ? [own] : [own, name];
}

export interface SecretValue {
  readonly value: string;
  /** The variable it came from, or "prompt" — shown in the report (never the value). */
  readonly from: string;
}

export async function findSecretValue(
  environment: string,
  name: string,
  options: {
    readonly env: EnvVars;
    readonly rotating: boolean;
    /** undefined in plan/check: nobody is asked for a value that will not be written. */
    readonly ask?: AskSecret | undefined;
  },
): Promise<SecretValue | undefined> {
  for (const variable of secretVariables(environment, name, options.rotating)) {
    const value = options.env[variable];
    if (value !== undefined && value !== "") return { value, from: variable };
  }
  const asked = await options.ask?.(
    `${environment} secret ${name}${options.rotating ? " (new value; empty keeps the current one)" : ""}`,
  );
  return asked === undefined || asked === ""
    ? undefined
    : { value: asked, from: "prompt" };
}
