/**
 * Which Prettier configuration and ignore file the app's own format check uses: the `--config` and
 * `--ignore-path` its script passes (sebc-dev/website keeps both under config/), else Prettier's
 * defaults (config found from the file, `.prettierignore` at the root). init formats what it writes
 * with that configuration and puts its ignore block into that file, so the app's format check
 * passes on the files init writes and never judges the generated ones. Pure.
 */
import path from "node:path";

export interface PrettierFiles {
  /** Relative to the root; undefined: Prettier looks it up from each file. */
  readonly config: string | undefined;
  /** Relative to the root. */
  readonly ignorePath: string;
}

function option(body: string, name: string): string | undefined {
  const match = new RegExp(
    `(?:^|\\s)--${name}(?:=|\\s+)(["']?)([^\\s"']+)\\1`,
  ).exec(body);
  return match?.[2];
}

/** The format stage's script when it runs Prettier, else the first script that does. */
export function prettierFiles(
  scripts: Readonly<Record<string, string>>,
  formatScript: string | undefined,
): PrettierFiles {
  const runsPrettier = (body: string | undefined) =>
    body !== undefined && /(?:^|[\s&;|])prettier\s/.test(body);
  const chosen = formatScript ? scripts[formatScript] : undefined;
  const body = runsPrettier(chosen)
    ? chosen
    : Object.values(scripts).find(runsPrettier);
  return {
    config: body === undefined ? undefined : option(body, "config"),
    ignorePath: (body && option(body, "ignore-path")) ?? ".prettierignore",
  };
}

/** A root-relative path as a line of the ignore file (Prettier reads those relative to its directory). */
export function ignoreEntry(ignorePath: string, file: string): string {
  const relative = path.posix.relative(path.posix.dirname(ignorePath), file);
  return file.endsWith("/") ? `${relative}/` : relative;
}
