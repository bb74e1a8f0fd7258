/** npm run db:change -- --name <snake_case> [--persist-to DIR] — see --help. */
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { defineCli, runMain, UsageError } from "../cli/define-cli";
import { createWrangler } from "../deploy/wrangler";
import { dbChange, MIGRATION_NAME } from "./db-change";
import { migrateLocal } from "./migrate-local";

const MIGRATIONS_DIR = "drizzle/migrations";

/** Runs a command with the terminal attached: drizzle-kit may ask whether a column was renamed. */
function interactive(
  command: string,
  args: readonly string[],
): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: "inherit" });
    child.once("error", (error) =>
      reject(
        new Error(
          `${command}: could not start (${error.message}) — run npm ci`,
        ),
      ),
    );
    child.once("close", (code) => resolve(code ?? 1));
  });
}

/** The npm that started us (npm_execpath), as the deploy CLIs do, so CI and laptops agree. */
function npmRun(script: string): Promise<number> {
  const npmCli = process.env["npm_execpath"];
  return npmCli
    ? interactive(process.execPath, [npmCli, "run", "--silent", script])
    : interactive("npm", ["run", "--silent", script]);
}

const cli = defineCli({
  usage: "npm run db:change -- --name <snake_case> [--persist-to <dir>]",
  description: `After editing src/db/schema.ts: generates the migration (drizzle-kit generate --name), runs the
migration gate CI runs (npm run lint:migrations) and shows its findings, then applies the pending
migrations to the local D1. A migration the gate fails is not applied: make it safe, or add
"-- migration-lint: allow <rule-id>: <reason>" above the statement and run the same command again.
Exit 0 applied (or nothing to do), 1 generate/gate/apply failed, 2 bad arguments.`,
  options: {
    name: {
      type: "string",
      value: "<name>",
      description: "migration name, lower-case snake case (e.g. add_mood)",
    },
    "persist-to": {
      type: "string",
      value: "<dir>",
      description:
        "local D1 state directory (default .wrangler/state, the one npm run dev uses)",
    },
  },
  run: ({ values }) => {
    const name = values.name;
    if (name === undefined || !MIGRATION_NAME.test(name)) {
      throw new UsageError(
        `db:change: --name ${JSON.stringify(name ?? "")} is not a migration name — pass lower-case snake case, e.g. --name add_mood`,
      );
    }
    const persistTo = values["persist-to"];
    return dbChange(
      name,
      {
        listMigrations: () =>
          readdirSync(MIGRATIONS_DIR).filter((file) => file.endsWith(".sql")),
        generate: (n) =>
          interactive(join("node_modules", ".bin", "drizzle-kit"), [
            "generate",
            `--name=${n}`,
          ]),
        gate: () => npmRun("lint:migrations"),
        apply: () => migrateLocal(createWrangler(), persistTo),
        print: (line) => console.log(line),
      },
      MIGRATIONS_DIR,
    );
  },
});

await runMain(cli);
