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

/**
 * One folder of 100 drizzle-kit-style migrations applied in sequence, so the schema grows to 25
 * tables with foreign keys: every fourth file creates a table, the others add a column and an
 * index, and every tenth rebuilds a table (create, copy, drop, rename) — the replay's worst case.
 */
function oneGrowingFolder(): MigrationSource[] {
  const files: MigrationSource[] = [];
  let tables = 0;
  const q = (name: string) => `\`${name}\``;
  for (let i = 0; i < 100; i += 1) {
    let sql: string;
    if (i % 4 === 0) {
      const parent =
        tables === 0
          ? ""
          : `, ${q("parent_id")} integer REFERENCES ${q(`t${tables - 1}`)}(${q("id")}) ON DELETE cascade`;
      sql = `CREATE TABLE ${q(`t${tables}`)} (${q("id")} integer PRIMARY KEY NOT NULL, ${q("name")} text NOT NULL${parent});`;
      tables += 1;
    } else if (i % 10 === 9) {
      // An older table: its children cascade and its added columns are left out, so the judge works.
      const k = Math.floor(i / 10) % tables;
      const t = `t${k}`;
      const parent = k > 0;
      sql = [
        "PRAGMA foreign_keys=OFF;",
        `CREATE TABLE ${q(`__new_${t}`)} (${q("id")} integer PRIMARY KEY NOT NULL, ${q("name")} text NOT NULL${parent ? `, ${q("parent_id")} integer REFERENCES ${q(`t${k - 1}`)}(${q("id")}) ON DELETE cascade` : ""});`,
        `INSERT INTO ${q(`__new_${t}`)} ("id", "name"${parent ? ', "parent_id"' : ""}) SELECT "id", "name"${parent ? ', "parent_id"' : ""} FROM ${q(t)};`,
        `DROP TABLE ${q(t)};`,
        `ALTER TABLE ${q(`__new_${t}`)} RENAME TO ${q(t)};`,
        "PRAGMA foreign_keys=ON;",
      ].join("--> statement-breakpoint\n");
    } else {
      const t = `t${i % tables}`;
      sql = `ALTER TABLE ${q(t)} ADD ${q(`c${i}`)} text;--> statement-breakpoint\nCREATE INDEX ${q(`${t}_c${i}_idx`)} ON ${q(t)} (${q(`c${i}`)});`;
    }
    files.push({ file: `${String(i).padStart(4, "0")}_step.sql`, sql });
  }
  return files;
}

function timed(run: () => void): number[] {
  const runs: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const start = performance.now();
    run();
    runs.push(performance.now() - start);
  }
  return runs.sort((a, b) => a - b);
}

const growing = oneGrowingFolder();
const growingRuns = timed(() => lintMigrations(growing));
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
  "bench:migrations: one folder of 100 generated drizzle-style files (25 tables, rebuilds), static rules + replay",
);
console.log(
  `  median ${ms(growingRuns[2] ?? 0)}, best ${ms(growingRuns[0] ?? 0)}, worst ${ms(growingRuns[4] ?? 0)} (5 runs)`,
);
const slower = Math.max(runs[2] ?? Infinity, growingRuns[2] ?? Infinity);
console.log(
  `  goal ≤ 1500 ms (median of each): ${slower <= 1500 ? "met" : "NOT met"}`,
);
