import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addDeployment } from "../resources/workers-deployments";
import { newWorker } from "../resources/workers-upload";
import { DoubleState, type WorkerScript, type WorkerVersion } from "../state";
import { resolveVersion } from "./resolve-version";

let dir: string;
let state: DoubleState;
let worker: WorkerScript;
const ids = [
  "11111111-1111-4111-8111-111111111111",
  "22222222-2222-4222-8222-222222222222",
];

function version(id: string, tag: string): WorkerVersion {
  return {
    id,
    number: 1,
    createdOn: "2026-01-01T00:00:00Z",
    source: "test",
    annotations: { "workers/tag": tag },
    bindings: [],
    mainModule: "w.js",
    compatibilityFlags: [],
    health: "ok",
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "resolve-version-"));
  state = new DoubleState({
    dir,
    accountId: "acc",
    tokens: ["t"],
    subdomain: "example",
  });
  worker = newWorker("app");
  worker.versions.push(
    version(ids[0] as string, "a"),
    version(ids[1] as string, "b"),
  );
  state.workers.set("app", worker);
  addDeployment(
    state,
    worker,
    [
      { version_id: ids[0] as string, percentage: 100 },
      { version_id: ids[1] as string, percentage: 0 },
    ],
    {},
  );
});
afterEach(() => {
  state.d1.close();
  rmSync(dir, { recursive: true, force: true });
});

const tagOf = (r: ReturnType<typeof resolveVersion>) =>
  r.ok ? `${r.version.annotations["workers/tag"]} via ${r.via}` : `${r.status}`;

describe("resolveVersion", () => {
  it("routes the public URL by the deployment's split; a 0 % version never serves", () => {
    for (const roll of [0, 0.5, 0.999])
      expect(
        tagOf(
          resolveVersion(
            state,
            "app.example.workers.dev",
            undefined,
            () => roll,
          ),
        ),
      ).toBe("a via public");
  });

  it("honours the override header only for a version in the current deployment", () => {
    expect(
      tagOf(
        resolveVersion(state, "app.example.workers.dev", `app="${ids[1]}"`),
      ),
    ).toBe("b via override");
    worker.deployments.push({
      ...(worker.deployments[0] as WorkerScript["deployments"][number]),
      versions: [{ version_id: ids[0] as string, percentage: 100 }],
    });
    expect(
      tagOf(
        resolveVersion(state, "app.example.workers.dev", `app="${ids[1]}"`),
      ),
    ).toBe("a via public");
  });

  it("serves a preview URL by the version id's first 8 hex digits, only with previews on", () => {
    expect(
      tagOf(
        resolveVersion(state, "22222222-app.example.workers.dev", undefined),
      ),
    ).toBe("b via preview");
    worker.previews = false;
    expect(
      tagOf(
        resolveVersion(state, "22222222-app.example.workers.dev", undefined),
      ),
    ).toBe("404");
  });

  it("answers 404 for another subdomain or an unknown Worker", () => {
    expect(
      tagOf(resolveVersion(state, "app.other.workers.dev", undefined)),
    ).toBe("404");
    expect(
      tagOf(resolveVersion(state, "nope.example.workers.dev", undefined)),
    ).toBe("404");
  });
});
