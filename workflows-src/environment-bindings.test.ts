import { describe, expect, it } from "vitest";
import { environments } from "./environments";
import {
  healthCheckOf,
  parseEnvironments,
  serviceTarget,
} from "./builders/environment-model";

const blogBindings = {
  r2: [
    { binding: "NEXT_INC_CACHE_R2_BUCKET", bucketName: "blog-cache-staging" },
  ],
  kv: [{ binding: "NEXT_TAG_CACHE_KV", title: "blog-tags-staging" }],
  durableObjects: [
    { binding: "NEXT_CACHE_DO_QUEUE", className: "DOQueueHandler" },
    { binding: "NEXT_TAG_CACHE_DO_SHARDED", className: "DOShardedTagCache" },
    { binding: "NEXT_CACHE_DO_PURGE", className: "BucketCachePurge" },
  ],
  services: [{ binding: "WORKER_SELF_REFERENCE", service: "self" }],
};
const withStaging = (staging: Record<string, unknown>) => ({
  ...environments,
  staging: { ...environments.staging, ...staging },
});

describe("environments.ts: bindings and health per environment", () => {
  it("accepts an app shaped like sebc-dev/website; self resolves to the environment's own Worker", () => {
    const envs = parseEnvironments(
      withStaging({
        workerName: "blog-staging",
        bindings: blogBindings,
        health: { kind: "smoke", checks: [{ path: "/", status: 200 }] },
      }),
    );
    expect(serviceTarget(envs.staging, "self")).toBe("blog-staging");
    expect(serviceTarget(envs.staging, "auth-staging")).toBe("auth-staging");
    expect(healthCheckOf(envs.staging).kind).toBe("smoke");
    expect(healthCheckOf(envs.production)).toEqual({
      kind: "endpoint",
      path: "/api/health",
    });
  });

  it("a self service binding without workerName names the field and the fix", () => {
    expect(() =>
      parseEnvironments(withStaging({ bindings: blogBindings })),
    ).toThrow(
      'environments.ts: staging.workerName: Missing for the "self" service binding WORKER_SELF_REFERENCE (undefined) — use the env block\'s name in wrangler.jsonc',
    );
  });

  it("a bad bucket name or smoke check names the innermost field's fix", () => {
    expect(() =>
      parseEnvironments(
        withStaging({
          bindings: { r2: [{ binding: "B", bucketName: "Bad_Name" }] },
        }),
      ),
    ).toThrow(
      'environments.ts: staging.bindings.r2.0.bucketName: Invalid bucket name ("Bad_Name") — list { binding, bucketName }',
    );
    expect(() =>
      parseEnvironments(withStaging({ health: { kind: "smoke", checks: [] } })),
    ).toThrow(
      "environments.ts: staging.health.checks: No smoke checks ([]) — use { kind:",
    );
  });
});
