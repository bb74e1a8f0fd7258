import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import {
  cacheToFill,
  missingOpenNext,
  populateCacheArgs,
} from "./incremental-cache";

const dir = mkdtempSync(join(tmpdir(), "inc-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "cache", "BUILD", "route-cache"), { recursive: true });
writeFileSync(join(dir, "cache", "BUILD", "index.cache"), "{}");
writeFileSync(join(dir, "cache", "BUILD", "route-cache", "a.cache"), "{}");

const withBindings = (
  bindings: NonNullable<(typeof environments)["staging"]["bindings"]>,
) => ({ ...environments.staging, bindings });

describe("the incremental cache a release fills", () => {
  it("is OpenNext's R2 or KV cache binding, with the build-time entries counted", () => {
    expect(
      cacheToFill(
        withBindings({
          r2: [{ binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "c" }],
        }),
        dir,
      ),
    ).toEqual({ binding: "NEXT_INC_CACHE_R2_BUCKET", entries: 2 });
    expect(
      cacheToFill(
        withBindings({ kv: [{ binding: "NEXT_INC_CACHE_KV", title: "c" }] }),
        dir,
      ),
    ).toEqual({ binding: "NEXT_INC_CACHE_KV", entries: 2 });
  });

  it("is none without such a binding (the guestbook: entries, but no cache to fill) or without entries", () => {
    expect(cacheToFill(environments.staging, dir)).toBeUndefined();
    expect(
      cacheToFill(
        withBindings({ r2: [{ binding: "UPLOADS", bucketName: "u" }] }),
        dir,
      ),
    ).toBeUndefined();
    expect(
      cacheToFill(
        withBindings({
          r2: [{ binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "c" }],
        }),
        join(dir, "nowhere"),
      ),
    ).toBeUndefined();
  });

  it("is filled by `populateCache remote` with the environment's wrangler env and the app's wrangler config, as OpenNext's CLI reads them (--env, --config)", () => {
    expect(
      populateCacheArgs(environments.staging, "/app/wrangler.jsonc"),
    ).toEqual([
      "populateCache",
      "remote",
      "--env",
      environments.staging.wranglerEnv,
      "--config",
      "/app/wrangler.jsonc",
    ]);
    expect(missingOpenNext(dir)).toMatch(
      /^node_modules\/\.bin\/opennextjs-cloudflare not found — /,
    );
  });
});
