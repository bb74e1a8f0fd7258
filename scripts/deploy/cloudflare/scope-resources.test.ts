import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { configScopeResources, scopeResources } from "./scope-resources";

const staging = { wranglerEnv: "staging", d1Binding: "DB" };
const top = { wranglerEnv: undefined, d1Binding: "DB" };

describe("scopeResources (as wrangler 4 resolves --env)", () => {
  it("appends the env to the top-level name unless the env block names its Worker", () => {
    const text = `{
      // comments and trailing commas, as in a wrangler.jsonc
      "name": "website",
      "d1_databases": [{ "binding": "DB", "database_id": "top-id" }],
      "env": {
        "staging": { "d1_databases": [{ "binding": "DB", "database_id": "s-id" }] },
        "production": { "name": "site-prod", "d1_databases": [] },
      },
    }`;
    expect(scopeResources(text, staging)).toEqual({
      workerName: "website-staging",
      databaseId: "s-id",
    });
    expect(scopeResources(text, top)).toEqual({
      workerName: "website",
      databaseId: "top-id",
    });
    expect(
      scopeResources(text, { wranglerEnv: "production", d1Binding: "DB" }),
    ).toEqual({ workerName: "site-prod" });
  });

  it("does not inherit d1_databases into an env, and picks the scope's binding", () => {
    const text = JSON.stringify({
      name: "app",
      d1_databases: [{ binding: "DB", database_id: "top-id" }],
      env: {
        staging: {
          d1_databases: [
            { binding: "CACHE", database_id: "cache-id" },
            { binding: "DB", database_id: "db-id" },
          ],
        },
        bare: {},
      },
    });
    expect(scopeResources(text, staging).databaseId).toBe("db-id");
    expect(
      scopeResources(text, { wranglerEnv: "bare", d1Binding: "DB" }),
    ).toEqual({ workerName: "app-bare" });
  });

  it("knows nothing where wrangler would look further or refuse", () => {
    // No database_id: wrangler looks the name up through the API.
    expect(
      scopeResources(
        JSON.stringify({
          name: "app",
          env: {
            staging: { d1_databases: [{ binding: "DB", database_name: "x" }] },
          },
        }),
        staging,
      ),
    ).toEqual({ workerName: "app-staging" });
    expect(scopeResources(JSON.stringify({ name: "app" }), staging)).toEqual(
      {},
    );
    expect(scopeResources("{ not json", staging)).toEqual({});
    expect(scopeResources(JSON.stringify({ name: 7 }), staging)).toEqual({});
  });
});

describe("scopeResources: the account", () => {
  it("takes the config's account_id, which wrangler prefers to CLOUDFLARE_ACCOUNT_ID; an env's own wins", () => {
    const text = JSON.stringify({
      name: "app",
      account_id: "top-account",
      env: { staging: {}, production: { account_id: "prod-account" } },
    });
    expect(scopeResources(text, staging).accountId).toBe("top-account");
    expect(
      scopeResources(text, { wranglerEnv: "production", d1Binding: "DB" })
        .accountId,
    ).toBe("prod-account");
    expect(
      scopeResources(
        JSON.stringify({ name: "app", env: { staging: {} } }),
        staging,
      ).accountId,
    ).toBeUndefined();
  });
});

describe("configScopeResources", () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  const project = (config: string) => {
    dir = mkdtempSync(join(tmpdir(), "scope-resources-"));
    writeFileSync(join(dir, "wrangler.jsonc"), config);
    return dir;
  };
  const config = JSON.stringify({
    name: "app",
    env: { staging: { d1_databases: [{ binding: "DB", database_id: "id" }] } },
  });

  it("reads the config wrangler would read at the root, at each call", () => {
    const root = project(config);
    const resolve = configScopeResources(root, {});
    expect(resolve(staging)).toEqual({
      workerName: "app-staging",
      databaseId: "id",
    });
    writeFileSync(
      join(root, "wrangler.jsonc"),
      config.replace('"app"', '"renamed"'),
    );
    expect(resolve(staging).workerName).toBe("renamed-staging");
  });

  it("leaves to wrangler a redirected config, CLOUDFLARE_ENV, TOML and no config", () => {
    const root = project(config);
    expect(
      configScopeResources(root, { CLOUDFLARE_ENV: "staging" })(top),
    ).toEqual({});
    // An explicit --env wins over CLOUDFLARE_ENV, as in wrangler.
    expect(
      configScopeResources(root, { CLOUDFLARE_ENV: "production" })(staging)
        .databaseId,
    ).toBe("id");
    // wrangler finds a redirect in its cwd or any folder above it.
    const app = join(root, "app");
    mkdirSync(app);
    writeFileSync(join(app, "wrangler.jsonc"), config);
    expect(configScopeResources(app, {})(staging).databaseId).toBe("id");
    mkdirSync(join(root, ".wrangler", "deploy"), { recursive: true });
    writeFileSync(join(root, ".wrangler", "deploy", "config.json"), "{}");
    expect(configScopeResources(root, {})(staging)).toEqual({});
    expect(configScopeResources(app, {})(staging)).toEqual({});

    const toml = mkdtempSync(join(tmpdir(), "scope-resources-toml-"));
    try {
      writeFileSync(join(toml, "wrangler.toml"), 'name = "app"\n');
      expect(configScopeResources(toml, {})(staging)).toEqual({});
      rmSync(join(toml, "wrangler.toml"));
      expect(configScopeResources(toml, {})(staging)).toEqual({});
    } finally {
      rmSync(toml, { recursive: true, force: true });
    }
  });
});
