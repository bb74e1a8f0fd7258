/**
 * R2 buckets and KV namespaces per environment, planned, applied and checked against the
 * Cloudflare API double — created by the REAL wrangler (`r2 bucket create`, `kv namespace
 * create`), listed through the API, the KV id written into wrangler.jsonc with its comments kept.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Environment } from "../../../workflows-src/builders/environment-model";
import { fixtureEnv } from "../../cloudflare-double/fixtures/fixture-project";
import {
  startCloudflareDouble,
  type CloudflareDouble,
} from "../../cloudflare-double/start";
import { createCloudflareGet } from "../../deploy/cloudflare/api";
import { createWrangler } from "../../deploy/wrangler";
import { runResources } from "../resources";
import { storageResources } from "./storage";
import { readKvNamespaceId } from "./wrangler-config-kv";

const TIMEOUT = 180_000;
let double: CloudflareDouble;
let dir: string;

const env = (name: "staging" | "production"): Environment => ({
  name,
  branch: name === "staging" ? "develop" : "main",
  url: `https://blog-${name}.example.workers.dev`,
  wranglerEnv: name,
  d1Binding: "DB",
  d1DatabaseName: `blog-${name}`,
  reviewers: [],
  preventSelfReview: false,
  secrets: ["CLOUDFLARE_API_TOKEN"],
  bindings: {
    r2: [
      { binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: `blog-cache-${name}` },
    ],
    kv: [{ binding: "NEXT_TAG_CACHE_KV", title: `blog-tags-${name}` }],
  },
});

const config = `// the app's wrangler.jsonc (comments stay)
{
  "name": "blog",
  "main": "src/worker.js",
  "env": {
    "staging": { "name": "blog-staging", "kv_namespaces": [{ "binding": "NEXT_TAG_CACHE_KV", "id": "" }] },
    "production": { "name": "blog-production", "kv_namespaces": [{ "binding": "NEXT_TAG_CACHE_KV", "id": "" }] }
  }
}
`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "setup-storage-"));
  double = await startCloudflareDouble({ stateDir: join(dir, "double") });
  writeFileSync(join(dir, "wrangler.jsonc"), config);
}, TIMEOUT);
afterAll(async () => {
  await double?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function resources() {
  const vars = fixtureEnv(double);
  return storageResources([env("staging"), env("production")], {
    get: createCloudflareGet(vars, double.token),
    accountId: double.accountId,
    wrangler: createWrangler({ cwd: dir, env: vars }),
    configFile: join(dir, "wrangler.jsonc"),
  });
}
const states = async (mode: "plan" | "apply" | "check") =>
  (await runResources(resources(), mode, (w, e) => `${w}: ${String(e)}`)).map(
    (i) => `${i.resource}: ${i.state}`,
  );

describe("setup: R2 buckets and KV namespaces per environment", () => {
  it(
    "plan names what it would create; apply creates it with wrangler and writes the KV ids; check is then ok",
    async () => {
      expect(await states("plan")).toEqual([
        "R2 blog-cache-staging (staging): missing",
        "R2 blog-cache-production (production): missing",
        "KV blog-tags-staging (staging): missing",
        "KV blog-tags-production (production): missing",
      ]);
      expect(await states("apply")).toEqual([
        "R2 blog-cache-staging (staging): created",
        "R2 blog-cache-production (production): created",
        "KV blog-tags-staging (staging): created",
        "KV blog-tags-production (production): created",
      ]);
      const text = readFileSync(join(dir, "wrangler.jsonc"), "utf8");
      expect(text).toContain("// the app's wrangler.jsonc (comments stay)");
      const state = await double.control<{
        r2Buckets: { name: string }[];
        kvNamespaces: { id: string; title: string }[];
      }>("GET", "/__double/state");
      expect(state.r2Buckets.map((b) => b.name).sort()).toEqual([
        "blog-cache-production",
        "blog-cache-staging",
      ]);
      const staging = state.kvNamespaces.find(
        (n) => n.title === "blog-tags-staging",
      );
      expect(readKvNamespaceId(text, "staging", "NEXT_TAG_CACHE_KV")).toBe(
        staging?.id,
      );
      expect((await states("check")).every((s) => s.endsWith(": ok"))).toBe(
        true,
      );
    },
    TIMEOUT,
  );

  it(
    "a KV id that differs from the namespace found is corrected; an env block without the binding names the fix",
    async () => {
      const file = join(dir, "wrangler.jsonc");
      writeFileSync(
        file,
        readFileSync(file, "utf8").replace(
          /"id": "[0-9a-f]{32}"/,
          '"id": "stale"',
        ),
      );
      expect(await states("check")).toContain(
        "KV blog-tags-staging (staging): differs",
      );
      expect(await states("apply")).toContain(
        "KV blog-tags-staging (staging): updated",
      );
      writeFileSync(
        file,
        config
          .replace(
            '"kv_namespaces": [{ "binding": "NEXT_TAG_CACHE_KV", "id": "" }] ',
            "",
          )
          .replace('"name": "blog-staging", ', '"name": "blog-staging" '),
      );
      const items = await runResources(
        resources(),
        "check",
        (w, e) => `${w}: ${e instanceof Error ? e.message : String(e)}`,
      );
      expect(
        items.find((i) => i.resource.startsWith("KV blog-tags-staging"))
          ?.detail,
      ).toContain(
        'env.staging.kv_namespaces has no entry with binding "NEXT_TAG_CACHE_KV" — add',
      );
    },
    TIMEOUT,
  );

  it(
    "the bucket takes objects the way OpenNext's populateCache fills an R2 cache (wrangler r2 bulk put --remote): keys with slashes, sizes and MD5 as sent; an unknown bucket fails in wrangler's words",
    async () => {
      const files = {
        "incremental-cache/build-1/aaa.cache": '{"value":"page /fr"}',
        "incremental-cache/build-1/fetch/bbb.cache": "x".repeat(70_000),
      };
      const list = Object.entries(files).map(([key, text], i) => {
        const file = join(dir, `entry-${i}.cache`);
        writeFileSync(file, text);
        return { key, file };
      });
      writeFileSync(join(dir, "bulk.json"), JSON.stringify(list));
      const wrangler = createWrangler({ cwd: dir, env: fixtureEnv(double) });
      const put = await wrangler([
        "r2",
        "bulk",
        "put",
        "blog-cache-staging",
        "--filename",
        join(dir, "bulk.json"),
        "--remote",
        "--force",
      ]);
      expect(put.code, put.stderr).toBe(0);
      const state = await double.control<{
        r2Buckets: {
          name: string;
          objects?: Record<string, { size: number; etag: string }>;
        }[];
      }>("GET", "/__double/state");
      const objects = state.r2Buckets.find(
        (b) => b.name === "blog-cache-staging",
      )?.objects;
      expect(objects).toEqual(
        Object.fromEntries(
          Object.entries(files).map(([key, text]) => [
            key,
            expect.objectContaining({
              size: Buffer.byteLength(text),
              etag: createHash("md5").update(text).digest("hex"),
            }),
          ]),
        ),
      );
      const missing = await wrangler([
        "r2",
        "object",
        "put",
        "no-such-bucket/k",
        "--file",
        join(dir, "entry-0.cache"),
        "--remote",
      ]);
      expect(missing.code).not.toBe(0);
      expect(missing.stdout + missing.stderr).toMatch(
        /The specified bucket does not exist/,
      );
    },
    TIMEOUT,
  );
});
