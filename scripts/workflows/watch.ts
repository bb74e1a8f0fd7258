/**
 * npm run gen:workflows -- --watch: regenerates whenever a generator input is saved. Every run is a
 * fresh child process (this same script without --watch), because Node's module cache would
 * otherwise keep serving the workflows-src modules it imported the first time.
 */
import { spawn } from "node:child_process";
import { watch, type FSWatcher } from "node:fs";
import { join, relative, sep } from "node:path";

/** What the generator reads: the definitions, its own renderers, and package.json (quality.ts pins). */
export const WATCHED_DIRS = ["workflows-src", "scripts/workflows"] as const;
export const WATCHED_ROOT_FILES = ["package.json"] as const;

/** Source files only: editors' swap and backup files and tests do not change the output. */
export function isGeneratorInput(path: string): boolean {
  if ((WATCHED_ROOT_FILES as readonly string[]).includes(path)) return true;
  return (
    WATCHED_DIRS.some((dir) => path.startsWith(`${dir}/`)) &&
    /\.(ts|mts|mjs|json)$/.test(path) &&
    !/\.test\.ts$/.test(path)
  );
}

/**
 * Collects changes for `quietMs`, then runs once with the sorted set; changes that arrive during a
 * run make exactly one more run afterwards. Editors save with several events per file.
 */
export function createBatcher(
  run: (files: readonly string[]) => Promise<void>,
  quietMs = 100,
): { add(file: string): void; idle(): Promise<void> } {
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const flush = (): void => {
    timer = undefined;
    if (running !== undefined || pending.size === 0) return;
    const files = [...pending].sort();
    pending.clear();
    running = run(files).finally(() => {
      running = undefined;
      if (pending.size > 0) flush();
    });
  };
  return {
    add(file) {
      pending.add(file);
      clearTimeout(timer);
      timer = setTimeout(flush, quietMs);
    },
    async idle() {
      while (running !== undefined || timer !== undefined) {
        await (running ?? new Promise((r) => setTimeout(r, quietMs)));
      }
    },
  };
}

/** Calls onChange with repo-relative, forward-slash paths of generator inputs. */
export function watchInputs(
  root: string,
  onChange: (path: string) => void,
): () => void {
  const toRepoPath = (dir: string, name: string): string =>
    relative(root, join(root, dir, name))
      .split(sep)
      .join("/");
  const watchers: FSWatcher[] = WATCHED_DIRS.map((dir) =>
    // recursive fs.watch is inotify-backed on Linux since Node 20.
    watch(join(root, dir), { recursive: true }, (_event, name) => {
      const path = name === null ? undefined : toRepoPath(dir, name);
      if (path !== undefined && isGeneratorInput(path)) onChange(path);
    }),
  );
  watchers.push(
    watch(root, (_event, name) => {
      if (name !== null && isGeneratorInput(name)) onChange(name);
    }),
  );
  return () => watchers.forEach((w) => w.close());
}

/**
 * One generation in a fresh process, loaded as the gen script is (--import preload, tsx): named
 * here, since this process may have registered tsx through its API (the typed-cicd bin) rather
 * than by flags.
 */
export function generateInChild(
  root: string,
  genScript: string,
): Promise<number> {
  const flags = [
    "--import",
    new URL("./preload.mjs?zod", import.meta.url).href,
    "--import",
    import.meta.resolve("tsx"),
  ];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [...flags, genScript], {
      cwd: root,
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", (error) => {
      console.error(
        `gen:workflows: could not start the generator (${error.message})`,
      );
      resolve(1);
    });
    child.once("close", (code) => resolve(code ?? 1));
  });
}

export async function watchAndGenerate(
  root: string,
  genScript: string,
): Promise<void> {
  const runOnce = async (changed: readonly string[]): Promise<void> => {
    for (const file of changed) console.log(`changed  ${file}`);
    const code = await generateInChild(root, genScript);
    if (code !== 0) {
      console.error("gen:workflows: still watching — save a fix to regenerate");
    }
  };
  await runOnce([]);
  const batcher = createBatcher(runOnce);
  watchInputs(root, (path) => batcher.add(path));
  console.log(
    `gen:workflows: watching ${[...WATCHED_DIRS.map((d) => `${d}/`), ...WATCHED_ROOT_FILES].join(", ")} — Ctrl-C stops`,
  );
  // The watchers keep the event loop alive until Ctrl-C.
}
