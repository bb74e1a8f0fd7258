/**
 * Wall time of the gate (static rules and replay on seeded SQLite) over a 100-file migration folder
 * built from the real-world corpus: `npm run bench:migrations`. Prints figures; asserts nothing.
 */
import "./quiet-sqlite-warning";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { lintMigrations, type MigrationSource } from "./lint-migrations";
import { listMigrationFiles } from "./migration-files";

const corpus = join(import.meta.dirname, "corpus");

/** The largest corpus sets back to back (each under its own table prefix is not needed: they are replayed separately). */
function hundredFiles(): MigrationSource[][] {
  const sets = [
    "sonicjs",
    "programmerbar",
    "lacuna",
    "wesbos",
    "cloudflare-saas-admin",
    "workers-sdk-vitest-d1",
    "nuxthub-playground",
    "atidone",
  ];
  const folders: MigrationSource[][] = [];
  let count = 0;
  while (count < 100) {
    for (const set of sets) {
      const dir = join(corpus, set);
      const files = listMigrationFiles(dir).slice(0, 100 - count);
      folders.push(
        files.map((path) => ({
          file: `${set}/${path.slice(dir.length + 1)}`,
          sql: readFileSync(path, "utf8"),
        })),
      );
      count += files.length;
      if (count >= 100) break;
    }
  }
  return folders;
}

const folders = hundredFiles();
const files = folders.reduce((n, f) => n + f.length, 0);
const runs: number[] = [];
for (let i = 0; i < 5; i += 1) {
  const start = performance.now();
  for (const folder of folders) lintMigrations(folder);
  runs.push(performance.now() - start);
}
const staticStart = performance.now();
for (const folder of folders) lintMigrations(folder, { replay: false });
const staticOnly = performance.now() - staticStart;
runs.sort((a, b) => a - b);
const ms = (n: number) => `${Math.round(n)} ms`;
console.log(
  `bench:migrations: ${files} files (${folders.length} folders of real migrations), static rules + replay`,
);
console.log(
  `  median ${ms(runs[2] ?? 0)}, best ${ms(runs[0] ?? 0)}, worst ${ms(runs[4] ?? 0)} (5 runs); static rules only ${ms(staticOnly)}`,
);
console.log(
  `  goal ≤ 1500 ms: ${(runs[2] ?? Infinity) <= 1500 ? "met" : "NOT met"}`,
);
