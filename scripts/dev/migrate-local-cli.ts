/** npm run db:migrate:local [-- --persist-to DIR] — see --help. Runs before `npm run dev` and `preview`. */
import { defineCli, runMain } from "../cli/define-cli";
import { createWrangler } from "../deploy/wrangler";
import { describeLocalMigrate, migrateLocal } from "./migrate-local";

const cli = defineCli({
  usage: "npm run db:migrate:local [-- --persist-to <dir>]",
  description: `Applies the pending migrations in drizzle/migrations to the local D1 (wrangler --local), without
asking. Nothing pending is success. npm run dev and npm run preview run this first.`,
  options: {
    "persist-to": {
      type: "string",
      value: "<dir>",
      description:
        "local state directory (default .wrangler/state, the one next dev and wrangler dev use)",
    },
  },
  run: async ({ values }) => {
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
  },
});

await runMain(cli);
