/**
 * Every repository file a relative import may load, as tsx and Node resolve it: the path itself,
 * each extension tsx tries, a `.ts` written as `.js`, a folder's index in each extension, and a
 * folder's package.json (its `main`/`exports` pick the file). All that exist, not the first: which
 * one wins is the resolver's order, and a file added beside the one that wins today must still be a
 * change of what runs (a `cloudflare.js` next to `cloudflare/index.ts` is loaded first).
 */
import path from "node:path";

const EXTENSIONS = [
  ".ts",
  ".tsx",
  ".mts",
  ".cts",
  ".js",
  ".jsx",
  ".mjs",
  ".cjs",
  ".json",
];

export function repoModuleCandidates(
  fromFile: string,
  spec: string,
  readFile: (file: string) => string | undefined,
): string[] {
  const target = path.posix.normalize(
    path.posix.join(path.posix.dirname(fromFile), spec),
  );
  const written = /\.([cm]?)js(x?)$/.exec(target);
  const typescript =
    written === null
      ? []
      : [".ts", ".tsx", ".mts", ".cts"].map(
          (ext) => `${target.slice(0, -written[0].length)}${ext}`,
        );
  const candidates = [
    target,
    ...EXTENSIONS.map((ext) => `${target}${ext}`),
    ...typescript,
    ...EXTENSIONS.map((ext) => `${target}/index${ext}`),
    `${target}/package.json`,
  ];
  return [...new Set(candidates)].filter((c) => readFile(c) !== undefined);
}
