import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ApiError } from "../envelope";
import { DoubleState, type WorkerScript } from "../state";
import {
  applyDeployUpload,
  checkSameMigration,
  checkVersionUpload,
  classesAfter,
  exportsName,
  UPLOAD_CODES,
  type UploadFacts,
} from "./upload-rules";
import { newWorker } from "./workers-upload";

let dir: string;
let state: DoubleState;
let worker: WorkerScript;
const source =
  "export class A {}\nclass B {}\nclass C2 {}\nexport { B, C2 as C, worker_default as default };";
const doBinding = (className: string) => ({
  type: "durable_object_namespace",
  name: className.toUpperCase(),
  class_name: className,
});
const upload = (facts: Partial<UploadFacts>): UploadFacts => ({
  bindings: [],
  migrations: undefined,
  source,
  ...facts,
});
function code(work: () => void): number | undefined {
  try {
    work();
  } catch (error) {
    if (error instanceof ApiError) return error.code;
    throw error;
  }
  return undefined;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "upload-rules-"));
  state = new DoubleState({
    dir,
    accountId: "acc",
    tokens: [],
    subdomain: null,
  });
  worker = newWorker("blog-staging");
});
afterEach(() => {
  state.d1.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("Durable Object migrations on upload", () => {
  it("applies steps in order: new, renamed, deleted, transferred", () => {
    expect(
      classesAfter(
        ["Old"],
        [
          { new_sqlite_classes: ["A"], new_classes: ["B"] },
          { renamed_classes: [{ from: "Old", to: "C" }] },
          { deleted_classes: ["B"] },
          {
            transferred_classes: [{ from: "X", from_script: "other", to: "D" }],
          },
        ],
      ),
    ).toEqual(["A", "C", "D"]);
  });

  it("refuses re-creating a class (10074) and renaming or deleting an unknown one (10061)", () => {
    expect(code(() => classesAfter(["A"], [{ new_classes: ["A"] }]))).toBe(
      10074,
    );
    expect(code(() => classesAfter([], [{ deleted_classes: ["A"] }]))).toBe(
      10061,
    );
    expect(
      code(() =>
        classesAfter([], [{ renamed_classes: [{ from: "A", to: "B" }] }]),
      ),
    ).toBe(10061);
  });

  it("finds exported classes in `export class` and `export { … as … }` forms", () => {
    expect(exportsName(source, "A")).toBe(true);
    expect(exportsName(source, "B")).toBe(true);
    expect(exportsName(source, "C")).toBe(true);
    expect(exportsName(source, "C2")).toBe(false);
    expect(exportsName(source, "D")).toBe(false);
  });

  it("a deploy upload records the new tag and classes; a stale old_tag fails with 10079", () => {
    applyDeployUpload(
      state,
      worker,
      upload({
        bindings: [doBinding("A")],
        migrations: { new_tag: "v1", steps: [{ new_sqlite_classes: ["A"] }] },
      }),
    );
    expect(worker.migrationTag).toBe("v1");
    expect(worker.durableObjectClasses).toEqual(["A"]);
    const stale = upload({
      migrations: { old_tag: "v0", new_tag: "v2", steps: [] },
    });
    expect(code(() => applyDeployUpload(state, worker, stale))).toBe(
      UPLOAD_CODES.tagPrecondition,
    );
    expect(worker.migrationTag).toBe("v1");
  });

  it("a binding to a class no migration created is refused (10061), and nothing is recorded", () => {
    const bad = upload({
      bindings: [doBinding("B")],
      migrations: { new_tag: "v1", steps: [{ new_sqlite_classes: ["A"] }] },
    });
    expect(code(() => applyDeployUpload(state, worker, bad))).toBe(10061);
    expect(worker.migrationTag).toBeUndefined();
  });

  it("a version upload carrying migrations is refused with 10211; bindings must fit today's classes", () => {
    worker.durableObjectClasses = ["A"];
    expect(
      code(() =>
        checkVersionUpload(
          state,
          worker,
          upload({ migrations: { new_tag: "v2", steps: [] } }),
        ),
      ),
    ).toBe(10211);
    expect(
      code(() =>
        checkVersionUpload(
          state,
          worker,
          upload({ bindings: [doBinding("A")] }),
        ),
      ),
    ).toBeUndefined();
    expect(
      code(() =>
        checkVersionUpload(
          state,
          worker,
          upload({ bindings: [doBinding("B")] }),
        ),
      ),
    ).toBe(10061);
  });

  it("versions from before a migration cannot serve again", () => {
    worker.migrationTag = "v2";
    expect(
      code(() => checkSameMigration(worker, { id: "x", migrationTag: "v1" })),
    ).toBe(UPLOAD_CODES.acrossMigration);
    expect(
      code(() => checkSameMigration(worker, { id: "y", migrationTag: "v2" })),
    ).toBeUndefined();
  });
});

describe("service and KV bindings on upload", () => {
  it("a service binding may name the Worker itself or an existing Worker, else 10143", () => {
    const self = {
      type: "service",
      name: "WORKER_SELF_REFERENCE",
      service: "blog-staging",
    };
    expect(
      code(() =>
        checkVersionUpload(state, worker, upload({ bindings: [self] })),
      ),
    ).toBeUndefined();
    const other = { type: "service", name: "AUTH", service: "auth-staging" };
    expect(
      code(() =>
        checkVersionUpload(state, worker, upload({ bindings: [other] })),
      ),
    ).toBe(10143);
    state.workers.set("auth-staging", newWorker("auth-staging"));
    expect(
      code(() =>
        checkVersionUpload(state, worker, upload({ bindings: [other] })),
      ),
    ).toBeUndefined();
  });

  it("a KV binding must name a namespace of the account (10042)", () => {
    const kv = { type: "kv_namespace", name: "TAGS", namespace_id: "abc" };
    expect(
      code(() => checkVersionUpload(state, worker, upload({ bindings: [kv] }))),
    ).toBe(10042);
    state.kvNamespaces.set("abc", {
      id: "abc",
      title: "t",
      supports_url_encoding: true,
    });
    expect(
      code(() => checkVersionUpload(state, worker, upload({ bindings: [kv] }))),
    ).toBeUndefined();
  });
});
