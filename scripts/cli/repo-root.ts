/**
 * The repository a command works on: the nearest directory at or above the working directory that
 * holds a package.json. npm and pnpm run scripts from the package's own directory, so this is the
 * adopter's repository when the bundled `typed-cicd` runs from node_modules — a path derived from
 * `import.meta.url` would name the package folder instead.
 */
import { existsSync } from "node:fs";
import path from "node:path";

export function repoRoot(from: string = process.cwd()): string {
  const start = path.resolve(from);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}
