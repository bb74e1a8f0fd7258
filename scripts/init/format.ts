/**
 * Files init writes come out as the app's own formatter would leave them, so its format check and
 * lint-staged do not rewrite them after init: Prettier with the repository's configuration, when
 * the app uses Prettier and does not ignore the file. Others are written as rendered.
 */
import path from "node:path";
import type { PackageJson } from "./read-repository";

export async function formatLike(
  root: string,
  file: string,
  text: string,
  pkg: PackageJson,
): Promise<string> {
  const usesPrettier =
    pkg.devDependencies?.["prettier"] !== undefined ||
    pkg.dependencies?.["prettier"] !== undefined;
  if (!usesPrettier) return text;
  const prettier = await import("prettier");
  const filepath = path.join(root, file);
  const info = await prettier.getFileInfo(filepath, {
    ignorePath: path.join(root, ".prettierignore"),
  });
  if (info.ignored || !info.inferredParser) return text;
  const options = (await prettier.resolveConfig(filepath)) ?? {};
  return prettier.format(text, { ...options, filepath });
}
