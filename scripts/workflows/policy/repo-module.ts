/**
 * Where a relative import of a repository file leads, as tsx resolves the ones this repository
 * writes: the path itself, `.ts` added, `.js` written for `.ts`, or a folder's index.ts.
 */
import path from "node:path";

export function resolveRepoModule(
  fromFile: string,
  spec: string,
  readFile: (file: string) => string | undefined,
): string | undefined {
  const target = path.posix.normalize(
    path.posix.join(path.posix.dirname(fromFile), spec),
  );
  return [
    target,
    `${target}.ts`,
    target.replace(/\.[cm]?js$/, ".ts"),
    `${target}/index.ts`,
  ].find((c) => readFile(c) !== undefined);
}
