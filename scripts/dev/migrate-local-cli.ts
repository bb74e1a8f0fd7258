/** npm run db:migrate:local [-- --persist-to DIR] — see --help. Runs before `npm run dev` and `preview`. */
import { parseArgs } from "node:util";
import { runCli } from "../deploy/cli-support";
import { createWrangler } from "../deploy/wrangler";
import { describeLocalMigrate, migrateLocal } from "./migrate-local";

const help = `Usage: npm run db:migrate:local [-- --persist-to <dir>]

Applies the pending migrations in drizzle/migrations to the local D1 (wrangler --local), without
asking. Nothing pending is success. npm run dev and npm run preview run this first.

Options:
  --persist-to <dir>  local state directory (default .wrangler/state, the one next dev and wrangler dev use)
  -h, --help          show this help`;

await runCli(help, async () => {
  const { values } = parseArgs({
    options: {
      "persist-to": { type: "string" },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) {
    console.log(help);
    return 0;
  }
  const persistTo = values["persist-to"];
  try {
    const result = await migrateLocal(createWrangler(), persistTo);
    console.log(describeLocalMigrate(result, persistTo));
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(
      `db:migrate:local: ${message} — fix the migration (npm run lint:migrations), or delete ${persistTo ?? ".wrangler/state"} to start from an empty local database`,
      { cause: error },
    );
  }
});
