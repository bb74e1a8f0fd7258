import { describe, expect, it } from "vitest";
import { blockFacts, missingBindings } from "./environment-bindings";

describe("blockFacts", () => {
  const block = {
    name: "website-staging",
    d1_databases: [{ binding: "DB", database_name: "site-db-staging" }],
    r2_buckets: [
      { binding: "CACHE", bucket_name: "cache-staging" },
      { binding: "EU", bucket_name: "eu-staging", jurisdiction: "eu" },
    ],
    kv_namespaces: [{ binding: "FLAGS", id: "0000" }],
    durable_objects: {
      bindings: [
        { name: "QUEUE", class_name: "DOQueueHandler" },
        {
          name: "OWN",
          class_name: "Own",
          script_name: "website-staging",
        },
        { name: "REMOTE", class_name: "Counter", script_name: "counter" },
      ],
    },
    services: [
      { binding: "WORKER_SELF_REFERENCE", service: "website-staging" },
      { binding: "AUTH", service: "auth-worker" },
    ],
  };

  it("reads the Worker, the D1 database and every binding, the self-reference as self", () => {
    expect(blockFacts(block)).toEqual({
      workerName: "website-staging",
      d1DatabaseName: "site-db-staging",
      bindings: {
        r2: [
          { binding: "CACHE", bucketName: "cache-staging" },
          { binding: "EU", bucketName: "eu-staging", jurisdiction: "eu" },
        ],
        kv: [{ binding: "FLAGS", title: "website-staging-FLAGS" }],
        // A class another Worker exports is not this Worker's to migrate.
        durableObjects: [
          { binding: "QUEUE", className: "DOQueueHandler" },
          { binding: "OWN", className: "Own" },
        ],
        services: [
          { binding: "WORKER_SELF_REFERENCE", service: "self" },
          { binding: "AUTH", service: "auth-worker" },
        ],
      },
    });
  });

  it("leaves out kinds the block has none of", () => {
    expect(blockFacts({ name: "w" })).toEqual({
      workerName: "w",
      d1DatabaseName: undefined,
      bindings: {},
    });
  });
});

describe("missingBindings", () => {
  it("names each binding of the wrangler block that environments.ts lacks", () => {
    expect(
      missingBindings(
        {
          r2: [{ binding: "CACHE", bucketName: "c" }],
          services: [{ binding: "SELF", service: "self" }],
        },
        { r2: [{ binding: "CACHE", bucketName: "other" }] },
      ),
    ).toEqual(["services SELF"]);
    expect(
      missingBindings(
        { durableObjects: [{ binding: "Q", className: "Q" }] },
        undefined,
      ),
    ).toEqual(["durableObjects Q"]);
  });
});
