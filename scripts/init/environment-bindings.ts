/**
 * What environments.ts says about one environment's Worker, read from that environment's wrangler
 * block (as init leaves it: the existing block, with what it adds): the Worker name, the D1
 * database, and every binding setup and the release need — R2 buckets (setup creates them), KV
 * namespaces (setup creates them by title and writes their ids), the Durable Object classes this
 * Worker exports, and service bindings, a binding to the Worker itself written as "self" so it
 * follows each environment's own Worker. Pure.
 */
import {
  SELF_SERVICE,
  type Bindings,
} from "../../workflows-src/builders/environment-model";

type Block = Readonly<Record<string, unknown>>;

function list(value: unknown): Block[] {
  return Array.isArray(value)
    ? value.filter((v): v is Block => typeof v === "object" && v !== null)
    : [];
}

function text(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

export interface BlockFacts {
  readonly workerName: string | undefined;
  readonly d1DatabaseName: string | undefined;
  readonly bindings: Bindings;
}

export function blockFacts(block: Block): BlockFacts {
  const workerName = text(block["name"]);
  const r2: NonNullable<Bindings["r2"]> = list(block["r2_buckets"]).flatMap(
    (bucket) => {
      const binding = text(bucket["binding"]);
      const bucketName = text(bucket["bucket_name"]);
      const jurisdiction = bucket["jurisdiction"];
      if (!binding || !bucketName) return [];
      return [
        {
          binding,
          bucketName,
          ...(jurisdiction === "eu" || jurisdiction === "fedramp"
            ? { jurisdiction }
            : {}),
        },
      ];
    },
  );
  const kv = list(block["kv_namespaces"]).flatMap((namespace) => {
    const binding = text(namespace["binding"]);
    // wrangler names a namespace it creates "<worker>-<binding>"; setup finds it by that title.
    return binding
      ? [{ binding, title: `${workerName ?? "app"}-${binding}` }]
      : [];
  });
  const objects = block["durable_objects"] as Block | undefined;
  const durableObjects = list(objects?.["bindings"]).flatMap((bound) => {
    const binding = text(bound["name"]);
    const className = text(bound["class_name"]);
    const script = text(bound["script_name"]);
    // A class another Worker exports is that Worker's to migrate, not this one's.
    if (!binding || !className || (script && script !== workerName)) return [];
    return [{ binding, className }];
  });
  const services = list(block["services"]).flatMap((bound) => {
    const binding = text(bound["binding"]);
    const service = text(bound["service"]);
    if (!binding || !service) return [];
    return [
      { binding, service: service === workerName ? SELF_SERVICE : service },
    ];
  });
  const bindings: Bindings = {
    ...(r2.length > 0 ? { r2 } : {}),
    ...(kv.length > 0 ? { kv } : {}),
    ...(durableObjects.length > 0 ? { durableObjects } : {}),
    ...(services.length > 0 ? { services } : {}),
  };
  return {
    workerName,
    d1DatabaseName: text(list(block["d1_databases"])[0]?.["database_name"]),
    bindings,
  };
}

/** Binding names the wrangler block has and environments.ts lacks, as "kind NAME" (for notes). */
export function missingBindings(
  wanted: Bindings,
  present: Bindings | undefined,
): string[] {
  const kinds = ["r2", "kv", "durableObjects", "services"] as const;
  return kinds.flatMap((kind) => {
    const have = new Set((present?.[kind] ?? []).map((b) => b.binding));
    return (wanted[kind] ?? [])
      .filter((b) => !have.has(b.binding))
      .map((b) => `${kind} ${b.binding}`);
  });
}
