import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DoubleState, type WorkerVersion } from "../state";
import { newWorker } from "../resources/workers-upload";
import { resolveVersion } from "./resolve-version";

const dir = mkdtempSync(join(tmpdir(), "resolve-alias-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function version(id: string, alias?: string): WorkerVersion {
  return {
    id,
    number: 1,
    createdOn: "2026-12-05T00:00:00Z",
    source: "wrangler",
    annotations: alias ? { "workers/alias": alias } : {},
    bindings: [],
    mainModule: "worker.js",
    compatibilityFlags: [],
    health: "ok",
  };
}

describe("preview alias URLs", () => {
  const state = new DoubleState({
    dir,
    accountId: "a",
    tokens: ["t"],
    subdomain: "example",
  });
  const worker = newWorker("app-preview");
  worker.workersDev = false;
  worker.versions.push(
    version("11111111-0000-4000-8000-000000000001", "pr-1"),
    version("22222222-0000-4000-8000-000000000002", "pr-2"),
    version("33333333-0000-4000-8000-000000000003", "pr-1"),
  );
  state.workers.set(worker.name, worker);
  const host = (label: string) => `${label}.example.workers.dev`;

  it("answers with the newest version uploaded under the alias", () => {
    const r = resolveVersion(state, host("pr-1-app-preview"), undefined);
    expect(r).toMatchObject({
      ok: true,
      via: "alias",
      version: { id: "33333333-0000-4000-8000-000000000003" },
    });
    expect(
      resolveVersion(state, host("pr-2-app-preview"), undefined),
    ).toMatchObject({
      version: { id: "22222222-0000-4000-8000-000000000002" },
    });
  });

  it("answers 404 for an unknown alias, and for any alias with previews off", () => {
    expect(
      resolveVersion(state, host("pr-9-app-preview"), undefined),
    ).toMatchObject({ ok: false, status: 404 });
    worker.previews = false;
    expect(
      resolveVersion(state, host("pr-1-app-preview"), undefined),
    ).toMatchObject({ ok: false, status: 404 });
    worker.previews = true;
  });
});
