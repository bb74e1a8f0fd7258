/**
 * init on an app configured in wrangler.toml: converted once, with the app's own wrangler reading
 * the TOML, into the wrangler.jsonc the pipeline edits; wrangler reads the result as it read the
 * TOML. The fixture is the website-shaped app with its config written as TOML.
 */
import {
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unstable_readConfig } from "wrangler";
import { afterAll, describe, expect, it } from "vitest";
import { writeAdopterApp } from "./fixtures/adopter-app";
import { linkDependency } from "./fixtures/link-dependency";
import { applyInit, planInit } from "./init";
import {
  installPipelinePackage,
  removePackedPipeline,
} from "./fixtures/pipeline-package";

const TOML = `# The website Worker (OpenNext).
name = "website"
main = ".open-next/worker.js"
compatibility_date = "2026-11-01"
compatibility_flags = ["nodejs_compat"]

[assets]
directory = ".open-next/assets"
binding = "ASSETS"

[[d1_databases]]
binding = "DB"
database_name = "website-db"
database_id = "00000000-0000-0000-0000-000000000000"
migrations_dir = "drizzle/migrations"

# OpenNext's incremental cache
[[r2_buckets]]
binding = "NEXT_INC_CACHE_R2_BUCKET"
bucket_name = "website-cache"

[[durable_objects.bindings]]
name = "NEXT_CACHE_DO_QUEUE"
class_name = "DOQueueHandler"

[[durable_objects.bindings]]
name = "NEXT_TAG_CACHE_DO_SHARDED"
class_name = "DOShardedTagCache"

[[migrations]]
tag = "v1"
new_sqlite_classes = ["DOQueueHandler", "DOShardedTagCache"]

[[services]]
binding = "WORKER_SELF_REFERENCE"
service = "website"
`;

const dirs: string[] = [];
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  removePackedPipeline();
});

function tomlApp(options: { wrangler: boolean; toml?: string }): string {
  const dir = mkdtempSync(path.join(tmpdir(), "init-toml-"));
  dirs.push(dir);
  writeAdopterApp(dir);
  rmSync(path.join(dir, "wrangler.jsonc"));
  writeFileSync(path.join(dir, "wrangler.toml"), options.toml ?? TOML);
  // The app's workflows-src/ imports the package (gen's audit and a second init load it).
  installPipelinePackage(dir);
  if (options.wrangler)
    linkDependency(dir, "wrangler", {
      name: "wrangler",
      path: "bin/wrangler.js",
    });
  return dir;
}

/** What wrangler deploys with, environments aside (init adds those). */
function topLevel(file: string) {
  const config = unstable_readConfig({ config: file }, { hideWarnings: true });
  return {
    name: config.name,
    main: config.main,
    compatibility_date: config.compatibility_date,
    compatibility_flags: config.compatibility_flags,
    assets: config.assets,
    d1_databases: config.d1_databases,
    r2_buckets: config.r2_buckets,
    durable_objects: config.durable_objects,
    migrations: config.migrations,
    services: config.services,
  };
}

describe("init on a wrangler.toml app", () => {
  it("converts it with the app's wrangler into the wrangler.jsonc it edits, removes the TOML, and is idempotent", async () => {
    const dir = tomlApp({ wrangler: true });
    const before = topLevel(path.join(dir, "wrangler.toml"));
    const plan = await planInit(dir);
    if (!plan.ok) throw new Error(plan.errors.join("\n"));
    const byFile = new Map(plan.changes.map((c) => [c.file, c]));
    expect(byFile.get("wrangler.toml")).toMatchObject({ after: undefined });
    expect(byFile.get("wrangler.jsonc")?.before).toBeUndefined();
    expect(plan.notes).toContainEqual(
      expect.stringMatching(
        /^wrangler\.toml → wrangler\.jsonc: converted with the app's own wrangler .* its comments were not carried over/,
      ),
    );

    expect(await applyInit(dir, plan)).toEqual([]);
    expect(existsSync(path.join(dir, "wrangler.toml"))).toBe(false);
    const jsonc = path.join(dir, "wrangler.jsonc");
    expect(topLevel(jsonc)).toEqual(before);
    // The environment blocks init writes, each with its own Worker and self-reference.
    const staging = unstable_readConfig(
      { config: jsonc, env: "staging" },
      { hideWarnings: true },
    );
    expect(staging.name).toBe("website-staging");
    expect(staging.services).toEqual([
      expect.objectContaining({
        binding: "WORKER_SELF_REFERENCE",
        service: "website-staging",
      }),
    ]);

    const again = await planInit(dir);
    if (!again.ok) throw new Error(again.errors.join("\n"));
    expect(again.changes.map((c) => c.file)).not.toContain("wrangler.jsonc");
    expect(again.changes.map((c) => c.file)).not.toContain("wrangler.toml");
    expect(readFileSync(jsonc, "utf8")).toMatch(
      /^\/\/ Converted from wrangler\.toml by init/,
    );
    // Packing the pipeline and gen's audit child: a loaded machine needs more than a minute.
  }, 300_000);

  it("refuses TOML wrangler cannot read, in one line naming the file, and writes nothing", async () => {
    const dir = tomlApp({
      wrangler: true,
      toml: 'name = "website"\nmain = \n',
    });
    const plan = await planInit(dir);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors).toHaveLength(1);
    expect(plan.errors[0]).toMatch(
      /^wrangler\.toml: wrangler cannot read it \(.+\) — fix it, then run init again$/,
    );
    expect(existsSync(path.join(dir, "wrangler.jsonc"))).toBe(false);
  });

  it("asks for the app's dependencies when its wrangler is not installed", async () => {
    const dir = tomlApp({ wrangler: false });
    const plan = await planInit(dir);
    expect(plan.ok).toBe(false);
    if (plan.ok) return;
    expect(plan.errors).toEqual([
      "wrangler.toml: init reads TOML with the app's own wrangler, which is not installed here — install the app's dependencies, then run init again",
    ]);
  });
});
