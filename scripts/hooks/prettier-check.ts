/**
 * `prettier --check` on the staged files through Prettier's API, in the hook's own process: its CLI
 * would cost one more Node start-up, most of a typical commit's hook time.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { CheckRun } from "./run-check.ts";

export async function prettierCheck(
  root: string,
  files: readonly string[],
): Promise<CheckRun> {
  const prettier = await import("prettier");
  // The CLI's defaults: files listed in either ignore file are skipped, even when named.
  const ignorePath = [join(root, ".gitignore"), join(root, ".prettierignore")];
  const problems: string[] = [];
  for (const file of files) {
    const path = join(root, file);
    const info = await prettier.getFileInfo(path, { ignorePath });
    if (info.ignored || info.inferredParser === null) continue;
    const options = (await prettier.resolveConfig(path)) ?? {};
    try {
      const source = await readFile(path, "utf8");
      if (!(await prettier.check(source, { ...options, filepath: path }))) {
        problems.push(`${file}: not formatted`);
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      problems.push(`${file}: ${message.split("\n")[0] ?? "cannot be parsed"}`);
    }
  }
  return { code: problems.length === 0 ? 0 : 1, output: problems.join("\n") };
}
