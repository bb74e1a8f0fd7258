import { defineConfig } from "drizzle-kit";

// Generation only: wrangler applies the SQL (migrations_dir in wrangler.jsonc),
// so no driver/credentials are needed here.
export default defineConfig({
  dialect: "sqlite",
  schema: "./src/db/schema.ts",
  out: "./drizzle/migrations",
});
