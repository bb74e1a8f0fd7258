/**
 * The bare specifiers tsconfig.json's `paths` maps to one repository file each (exact keys, no `*`):
 * tsx resolves them so at run time, as tsc does. This repository maps `@typed-cicd/pipeline` to
 * the public API's source. Whatever follows imports to know what runs (the deploy toolset's
 * package list, the environment jobs' pins) follows these too.
 */
import path from "node:path";

export const TSCONFIG_FILE = "tsconfig.json";

/** Specifier → repository-relative POSIX path; none when the text is not JSON or maps nothing. */
export function tsconfigAliases(
  text: string | undefined,
): Readonly<Record<string, string>> {
  let config: { compilerOptions?: { paths?: Record<string, unknown> } };
  try {
    config = JSON.parse(text ?? "{}") as typeof config;
  } catch {
    return {};
  }
  const aliases: Record<string, string> = {};
  for (const [spec, targets] of Object.entries(
    config.compilerOptions?.paths ?? {},
  )) {
    const [target] = Array.isArray(targets) ? targets : [];
    if (!spec.includes("*") && typeof target === "string")
      aliases[spec] = path.posix.normalize(target);
  }
  return aliases;
}
