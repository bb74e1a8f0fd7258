import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { environments } from "../../workflows-src/environments";
import { unfilledCacheNotice } from "./incremental-cache";

const dir = mkdtempSync(join(tmpdir(), "inc-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
mkdirSync(join(dir, "cache", "BUILD", "route-cache"), { recursive: true });
writeFileSync(join(dir, "cache", "BUILD", "index.cache"), "{}");
writeFileSync(join(dir, "cache", "BUILD", "route-cache", "a.cache"), "{}");

const withBindings = (
  bindings: NonNullable<(typeof environments)["staging"]["bindings"]>,
) => ({ ...environments.staging, bindings });

describe("a release that leaves OpenNext's incremental cache empty says so", () => {
  it("names the R2 or KV cache binding and counts the build-time entries", () => {
    expect(
      unfilledCacheNotice(
        withBindings({
          r2: [{ binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "c" }],
        }),
        dir,
      ),
    ).toMatch(
      /^⚠ OpenNext's incremental cache \(NEXT_INC_CACHE_R2_BUCKET\) is not filled: .* it lacks the 2 build-time entries in /,
    );
    expect(
      unfilledCacheNotice(
        withBindings({ kv: [{ binding: "NEXT_INC_CACHE_KV", title: "c" }] }),
        dir,
      ),
    ).toContain("(NEXT_INC_CACHE_KV)");
  });

  it("is quiet without such a binding (the guestbook: entries, but no cache to fill) or without entries", () => {
    expect(unfilledCacheNotice(environments.staging, dir)).toBeUndefined();
    expect(
      unfilledCacheNotice(
        withBindings({ r2: [{ binding: "UPLOADS", bucketName: "u" }] }),
        dir,
      ),
    ).toBeUndefined();
    expect(
      unfilledCacheNotice(
        withBindings({
          r2: [{ binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "c" }],
        }),
        join(dir, "nowhere"),
      ),
    ).toBeUndefined();
  });
});
