/** Against real bare repositories made with git: the same ls-remote output GitHub would give. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyUpdates, assessCatalog } from "./assess-catalog";
import { parseCatalog } from "./catalog-text";
import { virtualClock } from "../deploy/virtual-clock";
import { createRepo } from "./git-fixture";
import { gitLsRemote } from "./ls-remote";
import type { PinStatus } from "./pin-status";

interface Pin {
  key: string;
  repo: string;
  sha: string;
  version: string;
}

function catalog(pins: readonly Pin[]): string {
  const entries = pins.map(
    (p) =>
      `  ${p.key}: {\n    repo: "${p.repo}",\n    sha: "${p.sha}",\n    version: "${p.version}",\n  },`,
  );
  return `// header\nexport const actions = {\n${entries.join("\n")}\n} as const satisfies Record<string, ActionPin>;\n`;
}

let base: string;
let pins: Pin[];
const commits: Record<string, string> = {};
let statuses: PinStatus[];
const byKey = (key: string) => statuses.find((s) => s.entry.key === key);

beforeAll(async () => {
  base = mkdtempSync(path.join(tmpdir(), "pins-repos-"));
  // tool: v1.0.0 lightweight, v1.1.0 annotated (newest release), a floating v1, a newer pre-release.
  const tool = createRepo(base, "acme/tool");
  commits["c1"] = tool.commit("one");
  tool.tag("v1.0.0", commits["c1"]);
  commits["c2"] = tool.commit("two");
  commits["tagObject"] = tool.tag("v1.1.0", commits["c2"], { annotated: true });
  tool.tag("v1", commits["c2"]);
  commits["c3"] = tool.commit("three");
  tool.tag("v2.0.0-rc.1", commits["c3"], { annotated: true });
  tool.tag("v1.10.0-beta.1", commits["c3"]);

  const current = createRepo(base, "acme/current");
  commits["cur"] = current.commit("only");
  current.tag("v3.2.1", commits["cur"], { annotated: true });

  const moved = createRepo(base, "acme/moved");
  commits["m1"] = moved.commit("released");
  moved.tag("v1.0.0", commits["m1"]);
  commits["m2"] = moved.commit("sneaky");
  moved.moveTag("v1.0.0", commits["m2"]);

  const gone = createRepo(base, "acme/gone");
  commits["g1"] = gone.commit("released");
  gone.tag("v2.0.0", commits["g1"]);

  pins = [
    {
      key: "tool",
      repo: "acme/tool/sub/action",
      sha: commits["c1"],
      version: "v1.0.0",
    },
    {
      key: "current",
      repo: "acme/current",
      sha: commits["cur"],
      version: "v3.2.1",
    },
    { key: "moved", repo: "acme/moved", sha: commits["m1"], version: "v1.0.0" },
    { key: "gone", repo: "acme/gone", sha: commits["g1"], version: "v1.9.9" },
    {
      key: "absent",
      repo: "acme/absent",
      sha: commits["g1"],
      version: "v1.0.0",
    },
  ];
  statuses = await assessCatalog(catalog(pins), base, gitLsRemote(10_000));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

describe("assessCatalog against local bare repositories", () => {
  it("finds the newest release's commit through the annotated tag, ignoring pre-releases", () => {
    expect(commits["tagObject"]).not.toBe(commits["c2"]);
    expect(byKey("tool")).toMatchObject({
      kind: "behind",
      bump: "minor",
      newest: { tag: "v1.1.0", sha: commits["c2"] },
    });
    expect(byKey("current")?.kind).toBe("current");
  });

  it("reports a re-pointed tag and a vanished tag, with the commit the tag names now", () => {
    expect(byKey("moved")).toMatchObject({
      kind: "moved",
      remoteSha: commits["m2"],
    });
    expect(byKey("gone")).toMatchObject({
      kind: "gone",
      newest: { tag: "v2.0.0", sha: commits["g1"] },
    });
  });

  it("reports a repository that does not answer instead of failing the whole run", () => {
    const absent = byKey("absent");
    expect(absent?.kind).toBe("unreachable");
    expect(absent?.kind === "unreachable" && absent.error).toContain(
      `git ls-remote ${path.join(base, "acme/absent")}:`,
    );
  });

  it("moves only the pins that are behind", () => {
    const updated = parseCatalog(applyUpdates(catalog(pins), statuses));
    expect(updated.map((e) => [e.key, e.sha, e.version])).toEqual([
      ["tool", commits["c2"], "v1.1.0"],
      ...pins.slice(1).map((p) => [p.key, p.sha, p.version]),
    ]);
  });
});

describe("gitLsRemote", () => {
  it("gives up after its timeout instead of hanging", async () => {
    // A server that accepts the connection and never answers: the worst case for a hang. The
    // timeout's second passes (on a virtual clock) once git has connected, so a slow git start on a
    // busy machine cannot stand in for the hang.
    const clock = virtualClock();
    const { createServer } = await import("node:net");
    const server = createServer(() => clock.advance(1_000));
    await new Promise<void>((resolve) =>
      server.listen(0, "127.0.0.1", resolve),
    );
    const { port } = server.address() as { port: number };
    try {
      await expect(
        gitLsRemote(1_000, clock)(`http://127.0.0.1:${port}/acme/tool`),
      ).rejects.toThrow(
        `git ls-remote http://127.0.0.1:${port}/acme/tool: no answer within 1 s`,
      );
      expect(clock.timeouts).toEqual([1_000]);
    } finally {
      server.close();
    }
  });
});
