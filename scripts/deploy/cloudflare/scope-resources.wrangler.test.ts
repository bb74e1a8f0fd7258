/**
 * scopeResources against the oracle it imitates: wrangler's own config reader (unstable_readConfig,
 * the code every wrangler command resolves --env with), on configs written the ways real
 * repositories write them. Wherever scopeResources names a Worker, database or account, wrangler
 * must name the same; where wrangler refuses a config, whatever we name is never used (the write
 * that follows goes through wrangler and fails in its words), so those cases are not compared.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { scopeResources, type ScopeResources } from "./scope-resources";

interface ReadConfig {
  readonly name?: string;
  readonly account_id?: string;
  readonly d1_databases: readonly { binding: string; database_id?: string }[];
}
const { unstable_readConfig } = createRequire(import.meta.url)("wrangler") as {
  unstable_readConfig: (
    args: { config: string; env?: string },
    options: { hideWarnings: boolean },
  ) => ReadConfig;
};

const dir = mkdtempSync(join(tmpdir(), "scope-oracle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const d1 = (binding: string, id?: string, name = `${binding}-db`) => ({
  binding,
  database_name: name,
  ...(id === undefined ? {} : { database_id: id }),
});

/** Configs as repositories write them: env overrides, no overrides, several bindings, accounts. */
const CONFIGS: Record<string, string> = {
  "guestbook-like": JSON.stringify({
    name: "guestbook",
    main: "w.js",
    compatibility_date: "2026-11-01",
    d1_databases: [d1("DB", "local-id")],
    env: {
      staging: { name: "guestbook-staging", d1_databases: [d1("DB", "s-id")] },
      production: { d1_databases: [d1("DB", "p-id")] },
    },
  }),
  "website-like (comments, trailing commas, account, two D1 bindings)": `{
    // sebc-dev/website-style: configs with comments
    "name": "website",
    "main": ".open-next/worker.js",
    "compatibility_date": "2026-11-01",
    "account_id": "0123456789abcdef0123456789abcdef",
    "d1_databases": [{ "binding": "DB", "database_name": "website", "database_id": "top" },],
    "env": {
      "staging": {
        "d1_databases": [
          { "binding": "CACHE_DB", "database_name": "c", "database_id": "cache" },
          { "binding": "DB", "database_name": "website-staging", "database_id": "stg" },
        ],
      },
      "production": {
        "name": "website-prod",
        "account_id": "fedcba9876543210fedcba9876543210",
        "d1_databases": [{ "binding": "DB", "database_name": "website-prod", "database_id": "prd" }],
      },
    },
  }`,
  "no d1 in an env (not inherited)": JSON.stringify({
    name: "app",
    main: "w.js",
    compatibility_date: "2026-11-01",
    d1_databases: [d1("DB", "top")],
    env: { staging: {}, production: { d1_databases: [d1("DB")] } },
  }),
};
const SCOPES = [undefined, "staging", "production", "preview"];

function wranglerSays(
  file: string,
  env: string | undefined,
): ScopeResources | "refused" {
  let config: ReadConfig;
  try {
    config = unstable_readConfig(
      { config: file, ...(env === undefined ? {} : { env }) },
      { hideWarnings: true },
    );
  } catch {
    return "refused";
  }
  const databaseId = config.d1_databases.find(
    (db) => db.binding === "DB",
  )?.database_id;
  return {
    ...(config.name === undefined ? {} : { workerName: config.name }),
    ...(databaseId === undefined ? {} : { databaseId }),
    ...(config.account_id === undefined
      ? {}
      : { accountId: config.account_id }),
  };
}

describe("scopeResources agrees with wrangler's config reader", () => {
  for (const [label, text] of Object.entries(CONFIGS))
    it(label, () => {
      const file = join(dir, `${label.replace(/\W+/g, "-")}.jsonc`);
      writeFileSync(file, text);
      let compared = 0;
      for (const env of SCOPES) {
        const oracle = wranglerSays(file, env);
        if (oracle === "refused") continue;
        const ours = scopeResources(text, {
          wranglerEnv: env,
          d1Binding: "DB",
        });
        // Every fact we name is wrangler's; a fact we leave out sends the read through wrangler.
        for (const key of ["workerName", "databaseId", "accountId"] as const)
          if (ours[key] !== undefined)
            expect(ours[key], `${label} --env ${env ?? "(none)"}: ${key}`).toBe(
              oracle[key],
            );
        expect(ours.workerName, `${label} --env ${env ?? "(none)"}`).toBe(
          oracle.workerName,
        );
        compared++;
      }
      expect(compared).toBeGreaterThan(1);
    });
});
