// The schema loop on a temporary copy of the project and a real local D1: a new column (with a
// default, so the gate's replay has values in it to lose) goes from schema.ts to the database in one
// command; dropping it is refused by the gate until the generated migration carries an allow comment
// with a reason. (A column that is NULL in every replayed row loses nothing, and the gate lets it go.)
import { execFile } from "node:child_process";
import {
  cpSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { REPO_ROOT } from "../deploy/wrangler";

const COPIED = [
  "package.json",
  "tsconfig.json",
  "wrangler.jsonc",
  "drizzle.config.ts",
  "drizzle",
  "src/db",
  "scripts/cli",
  "scripts/dev",
  "scripts/deploy",
  "scripts/migration-lint",
  // npm run lint:migrations loads zod through it before tsx registers (package.json).
  "scripts/workflows/preload.mjs",
  "workflows-src",
  // lint:migrations is `typed-cicd lint:migrations`: the launcher runs the copy's own sources.
  "packages/pipeline",
];
let root: string;
let persistTo: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), "db-change-"));
  persistTo = join(root, ".wrangler-test-state");
  for (const path of COPIED) {
    cpSync(join(REPO_ROOT, path), join(root, path), {
      recursive: true,
      filter: (source) =>
        !source.includes(join("packages", "pipeline", "dist")),
    });
  }
  symlinkSync(join(REPO_ROOT, "node_modules"), join(root, "node_modules"));
});
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

function dbChange(name: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      "npm",
      [
        "run",
        "--silent",
        "db:change",
        "--",
        "--name",
        name,
        "--persist-to",
        persistTo,
      ],
      { cwd: root, timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error === null ? 0 : Number(error.code ?? 1),
          output: `${stdout}\n${stderr}`,
        }),
    );
  });
}

function editSchema(transform: (text: string) => string): void {
  const path = join(root, "src/db/schema.ts");
  writeFileSync(path, transform(readFileSync(path, "utf8")));
}

async function notesColumns(): Promise<string[]> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(root, "wrangler.jsonc"),
    persist: { path: join(persistTo, "v3") },
  });
  try {
    const { results } = await proxy.env.DB.prepare(
      "SELECT name FROM pragma_table_info('notes')",
    ).all<{ name: string }>();
    return results.map((row) => row.name);
  } finally {
    await proxy.dispose();
  }
}

describe("npm run db:change", () => {
  it("takes a new column from schema.ts to the local D1 in one command", async () => {
    editSchema((text) =>
      text.replace(
        '  message: text("message").notNull(),',
        '  message: text("message").notNull(),\n  mood: text("mood").notNull().default("ok"),',
      ),
    );
    const { code, output } = await dbChange("add_mood");
    expect(output).toContain(
      "db:change: generated drizzle/migrations/0001_add_mood.sql",
    );
    expect(output).toContain("migration-lint: 2 file(s) checked, passed");
    expect(output).toContain(
      "db:change: applied 0000_create_notes.sql, 0001_add_mood.sql",
    );
    expect(code).toBe(0);
    expect(await notesColumns()).toContain("mood");
  }, 180_000);

  it("refuses a migration the gate fails, and applies it once allowed with a reason", async () => {
    editSchema((text) =>
      text.replace('  mood: text("mood").notNull().default("ok"),\n', ""),
    );
    const refused = await dbChange("drop_mood");
    expect(refused.output).toMatch(/0002_drop_mood\.sql:\d+ drop-column/);
    expect(refused.output).toContain("db:change: not applied");
    expect(refused.code).toBe(1);
    expect(await notesColumns()).toContain("mood");

    const file = join(root, "drizzle/migrations/0002_drop_mood.sql");
    writeFileSync(
      file,
      `-- migration-lint: allow drop-column: mood was never shown to anyone\n${readFileSync(file, "utf8")}`,
    );
    const allowed = await dbChange("drop_mood");
    expect(allowed.output).toContain("no schema change to generate");
    expect(allowed.output).toContain("db:change: applied 0002_drop_mood.sql");
    expect(allowed.code).toBe(0);
    expect(await notesColumns()).not.toContain("mood");
    expect(readdirSync(join(root, "drizzle/migrations"))).toHaveLength(4); // 3 .sql + meta/
  }, 240_000);
});
