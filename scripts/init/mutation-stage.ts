/**
 * The mutation stage from the app's own Stryker set-up: the script that runs `stryker run`, the
 * JSON config it names (or Stryker's default file), and as `paths` (the files whose change runs
 * mutation on a pull request) the config's own `mutate` globs without the exclusions, plus the
 * config file. A JavaScript config is code, not read: then the report asks for the paths. Pure.
 */
import { parse } from "jsonc-parser";

const NAMES = ["test:mutation", "mutation", "stryker"] as const;
const DEFAULT_CONFIGS = ["stryker.config.json", ".stryker.conf.json"] as const;

export type MutationInference =
  | {
      readonly stage: {
        readonly script: string;
        readonly config: string;
        readonly paths: readonly string[];
      };
      readonly note: string;
    }
  | { readonly note: string };

export function inferMutation(
  scripts: Readonly<Record<string, string>>,
  read: (file: string) => string | undefined,
): MutationInference {
  const name = NAMES.find((n) => /\bstryker\s+run\b/.test(scripts[n] ?? ""));
  if (name === undefined)
    return {
      note: "stages.mutation: not configured — add { script, paths } when you run Stryker (paths: the files it mutates)",
    };
  const body = scripts[name] ?? "";
  const named = /\bstryker\s+run\s+(?:--\S+\s+)*([^\s-][^\s]*)/.exec(body)?.[1];
  const config = named ?? DEFAULT_CONFIGS.find((f) => read(f) !== undefined);
  const text = config === undefined ? undefined : read(config);
  const manual = `stages.mutation: script "${name}" runs Stryker`;
  if (config === undefined || text === undefined || !config.endsWith(".json"))
    return {
      note: `${manual}, but its config ${config ?? "(none found)"} is not JSON — add { script: "${name}", paths } (paths: the files it mutates)`,
    };
  const mutate = (parse(text) as { mutate?: unknown } | undefined)?.mutate;
  const globs = Array.isArray(mutate)
    ? mutate.filter(
        (g): g is string => typeof g === "string" && !g.startsWith("!"),
      )
    : [];
  if (globs.length === 0)
    return {
      note: `${manual}, but ${config} lists no mutate globs — add { script: "${name}", paths } (paths: the files it mutates)`,
    };
  return {
    stage: { script: name, config, paths: [...globs, config] },
    note: `stages.mutation: "${name}" with paths from ${config} mutate (${globs.length} glob(s), exclusions left out) — a change to a test alone does not run it: add the test files' globs if it should`,
  };
}
