/**
 * The shims against real directories: what they copy, skip, restore and refuse.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { downloadArtifact, planUpload, uploadArtifact } from "./artifact";
import { cache, cacheRestore, cacheSave } from "./cache";
import { nodeVersionMatches, setupNode } from "./setup-node";
import type { ShimContext } from "./shim";

let tmp: string;
beforeEach(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), "ci-local-shims-"));
});
afterEach(() => {
  rmSync(tmp, { recursive: true, force: true });
});

function job(
  name: string,
  inputs: Record<string, string>,
  sink: {
    posts: ((ok: boolean) => Promise<void>)[];
    warnings: string[];
    env: Record<string, string>;
  } = { posts: [], warnings: [], env: {} },
): ShimContext {
  const root = path.join(tmp, name);
  const dirs = {
    workspace: path.join(root, "work"),
    home: path.join(root, "home"),
    temp: path.join(root, "temp"),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true });
  return {
    with: inputs,
    dirs,
    stores: {
      repoRoot: tmp,
      sha: "0".repeat(40),
      artifacts: path.join(tmp, "artifacts"),
      cache: path.join(tmp, "cache"),
      npmCache: path.join(tmp, "npm"),
    },
    log: () => {},
    warn: (line) => sink.warnings.push(line),
    setEnv: (k, v) => {
      sink.env[k] = v;
    },
    addPath: () => {},
    transferred: () => {},
    post: (run) => sink.posts.push(run),
  };
}

function write(file: string, text = "x"): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe("upload/download-artifact", () => {
  it("skips a hidden directory named as the path unless include-hidden-files (the .open-next case)", async () => {
    const a = job("a", {
      name: "build",
      path: ".open-next",
      "if-no-files-found": "error",
    });
    write(path.join(a.dirs.workspace, ".open-next", "worker.js"));
    await expect(uploadArtifact(a)).rejects.toThrow(
      /No files were found with the provided path: .open-next/,
    );
    const b = job("b", {
      name: "build",
      path: ".open-next",
      "if-no-files-found": "error",
      "include-hidden-files": "true",
    });
    write(path.join(b.dirs.workspace, ".open-next", "worker.js"), "w");
    write(
      path.join(b.dirs.workspace, ".open-next", "assets", ".vite", "m.json"),
      "m",
    );
    await uploadArtifact(b);
    const c = job("c", { name: "build", path: ".open-next" });
    await downloadArtifact(c);
    expect(
      readFileSync(
        path.join(c.dirs.workspace, ".open-next", "worker.js"),
        "utf8",
      ),
    ).toBe("w");
    expect(
      existsSync(
        path.join(c.dirs.workspace, ".open-next", "assets", ".vite", "m.json"),
      ),
    ).toBe(true);
  });

  it("leaves hidden files below a visible path out by default", () => {
    const root = path.join(tmp, "r");
    write(path.join(root, "coverage", "index.html"));
    write(path.join(root, "coverage", ".cache", "x"));
    expect(planUpload([path.join(root, "coverage")], false).files).toEqual([
      path.join(root, "coverage", "index.html"),
    ]);
  });

  it("stores a single named file without its directories, several paths below their common ancestor", () => {
    const root = path.join(tmp, "r");
    write(path.join(root, "reports", "deploy", "log.txt"));
    write(path.join(root, "reports", "unit", "u.json"));
    expect(
      planUpload([path.join(root, "reports", "deploy", "log.txt")], false).root,
    ).toBe(path.join(root, "reports", "deploy"));
    expect(
      planUpload(
        [
          path.join(root, "reports", "deploy"),
          path.join(root, "reports", "unit"),
        ],
        false,
      ).root,
    ).toBe(path.join(root, "reports"));
  });

  it("warns, errs or stays quiet on nothing found, per if-no-files-found", async () => {
    const sink = { posts: [], warnings: [] as string[], env: {} };
    await uploadArtifact(
      job("w", { name: "coverage", path: "coverage" }, sink),
    );
    expect(sink.warnings[0]).toMatch(/No files were found/);
    await uploadArtifact(
      job(
        "i",
        { name: "coverage", path: "coverage", "if-no-files-found": "ignore" },
        sink,
      ),
    );
    expect(sink.warnings).toHaveLength(1);
  });

  it("refuses a second upload of a name without overwrite, and a download of a missing name", async () => {
    const a = job("a", { name: "n", path: "f.txt" });
    write(path.join(a.dirs.workspace, "f.txt"));
    await uploadArtifact(a);
    await expect(uploadArtifact(a)).rejects.toThrow(
      /already exists in this run/,
    );
    await expect(downloadArtifact(job("b", { name: "other" }))).rejects.toThrow(
      /Artifact not found for name: other/,
    );
  });

  it("refuses inputs and globs it does not emulate", async () => {
    await expect(
      uploadArtifact(job("a", { name: "n", path: "dist/**" })),
    ).rejects.toThrow(/globs are not emulated/);
    await expect(
      downloadArtifact(job("b", { name: "n", pattern: "x*" })),
    ).rejects.toThrow(/with.pattern: not emulated/);
  });
});

describe("actions/cache", () => {
  it("misses, saves after a successful job, then hits exactly or by restore-key prefix", async () => {
    const sink = {
      posts: [] as ((ok: boolean) => Promise<void>)[],
      warnings: [],
      env: {},
    };
    const first = job(
      "first",
      { path: "node_modules", key: "nm-Linux-abc" },
      sink,
    );
    expect(await cache(first)).toMatchObject({
      "cache-hit": "false",
      "cache-matched-key": "",
    });
    write(
      path.join(first.dirs.workspace, "node_modules", "pkg", "index.js"),
      "v1",
    );
    await sink.posts[0]?.(true);

    const exact = job("exact", { path: "node_modules", key: "nm-Linux-abc" });
    expect(await cache(exact)).toMatchObject({
      "cache-hit": "true",
      "cache-matched-key": "nm-Linux-abc",
    });
    expect(
      readFileSync(
        path.join(exact.dirs.workspace, "node_modules", "pkg", "index.js"),
        "utf8",
      ),
    ).toBe("v1");

    const prefix = job("prefix", {
      path: "node_modules",
      key: "nm-Linux-def",
      "restore-keys": "nm-Linux-\nnm-",
    });
    expect(await cache(prefix)).toMatchObject({
      "cache-hit": "false",
      "cache-matched-key": "nm-Linux-abc",
    });
    expect(
      existsSync(
        path.join(prefix.dirs.workspace, "node_modules", "pkg", "index.js"),
      ),
    ).toBe(true);
  });

  it("restores over files already in the path, and a job's new files stay out of the entry", async () => {
    const saver = job("saver", { path: "node_modules", key: "nm-over" });
    write(path.join(saver.dirs.workspace, "node_modules", "a.js"), "cached");
    await cacheSave(saver);
    const later = job("later", { path: "node_modules", key: "nm-over" });
    write(path.join(later.dirs.workspace, "node_modules", "a.js"), "stale");
    expect(await cacheRestore(later)).toMatchObject({ "cache-hit": "true" });
    const restored = path.join(later.dirs.workspace, "node_modules");
    expect(readFileSync(path.join(restored, "a.js"), "utf8")).toBe("cached");
    // A file the job adds lands in its own (copied) directory, not in the shared entry.
    write(path.join(restored, ".cache", "new.json"), "{}");
    const third = job("third", { path: "node_modules", key: "nm-over" });
    await cacheRestore(third);
    expect(
      existsSync(path.join(third.dirs.workspace, "node_modules", ".cache")),
    ).toBe(false);
  });

  it("--seed-node-modules fills a miss from the checkout only when npm ci installed its lockfile", async () => {
    const lock = {
      packages: {
        "": { name: "app" },
        "node_modules/a": { version: "1.0.0" },
        "node_modules/@img/other-os": { version: "1.0.0", optional: true },
      },
    };
    write(path.join(tmp, "package-lock.json"), JSON.stringify(lock));
    write(path.join(tmp, "node_modules", "a", "index.js"), "from checkout");
    const seeding = (name: string, key: string) => {
      const ctx = job(name, { path: "node_modules", key });
      return {
        ...ctx,
        stores: { ...ctx.stores, seedNodeModules: true },
      } satisfies ShimContext;
    };
    // No record of an npm ci install: not seeded, a plain miss.
    const sink = { posts: [], warnings: [] as string[], env: {} };
    const bare = job("bare", { path: "node_modules", key: "nm-1" }, sink);
    expect(
      await cacheRestore({
        ...bare,
        stores: { ...bare.stores, seedNodeModules: true },
      }),
    ).toMatchObject({ "cache-hit": "false" });
    expect(sink.warnings.join()).toMatch(/no \.package-lock\.json/);

    write(
      path.join(tmp, "node_modules", ".package-lock.json"),
      JSON.stringify({ packages: { "node_modules/a": { version: "0.9.0" } } }),
    );
    expect(await cacheRestore(seeding("stale", "nm-2"))).toMatchObject({
      "cache-hit": "false",
    });

    write(
      path.join(tmp, "node_modules", ".package-lock.json"),
      JSON.stringify({ packages: { "node_modules/a": { version: "1.0.0" } } }),
    );
    const seeded = seeding("seeded", "nm-3");
    expect(await cacheRestore(seeded)).toMatchObject({ "cache-hit": "true" });
    expect(
      readFileSync(
        path.join(seeded.dirs.workspace, "node_modules", "a", "index.js"),
        "utf8",
      ),
    ).toBe("from checkout");
    // Without the option the same miss stays a miss.
    expect(
      await cacheRestore(job("plain", { path: "node_modules", key: "nm-4" })),
    ).toMatchObject({ "cache-hit": "false" });
  });

  it("does not save when the job failed, and versions entries by their paths", async () => {
    const sink = {
      posts: [] as ((ok: boolean) => Promise<void>)[],
      warnings: [],
      env: {},
    };
    const failed = job("failed", { path: "dist", key: "k" }, sink);
    write(path.join(failed.dirs.workspace, "dist", "a"));
    await cache(failed);
    await sink.posts[0]?.(false);
    expect(
      await cacheRestore(job("later", { path: "dist", key: "k" })),
    ).toMatchObject({ "cache-hit": "false" });

    const saver = job("saver", { path: "dist", key: "k" });
    write(path.join(saver.dirs.workspace, "dist", "a"));
    await cacheSave(saver);
    expect(
      await cacheRestore(job("same", { path: "dist", key: "k" })),
    ).toMatchObject({ "cache-hit": "true" });
    expect(
      await cacheRestore(job("other-path", { path: "build", key: "k" })),
    ).toMatchObject({ "cache-hit": "false" });
  });

  it("expands ~ to the job's HOME and refuses bad keys", async () => {
    const saver = job("saver", { path: "~/.cache/ms-playwright", key: "pw-1" });
    write(
      path.join(
        saver.dirs.home,
        ".cache",
        "ms-playwright",
        "chromium",
        "chrome",
      ),
    );
    await cacheSave(saver);
    const reader = job("reader", {
      path: "~/.cache/ms-playwright",
      key: "pw-1",
    });
    await cacheRestore(reader);
    expect(
      existsSync(
        path.join(
          reader.dirs.home,
          ".cache",
          "ms-playwright",
          "chromium",
          "chrome",
        ),
      ),
    ).toBe(true);
    await expect(
      cacheRestore(job("bad", { path: "x", key: "a,b" })),
    ).rejects.toThrow(/cannot contain commas/);
  });
});

describe("actions/setup-node", () => {
  it("matches .nvmrc specs against the running Node", () => {
    expect(nodeVersionMatches("22", "v22.12.0")).toBe(true);
    expect(nodeVersionMatches("v22.12", "v22.12.0")).toBe(true);
    expect(nodeVersionMatches("20", "v22.12.0")).toBe(false);
    expect(nodeVersionMatches("lts/*", "v22.12.0")).toBe(true);
  });

  it("reads the version file from the checkout and points npm at the cache only with cache: npm", async () => {
    const sink = { posts: [], warnings: [], env: {} as Record<string, string> };
    const ctx = job("n", { "node-version-file": ".nvmrc", cache: "npm" }, sink);
    await expect(setupNode(ctx)).rejects.toThrow(
      /node-version-file .nvmrc: not in the checkout/,
    );
    write(
      path.join(ctx.dirs.workspace, ".nvmrc"),
      `${process.versions.node.split(".")[0]}\n`,
    );
    expect(await setupNode(ctx)).toMatchObject({
      "node-version": process.version,
    });
    expect(sink.env["npm_config_cache"]).toBe(path.join(tmp, "npm"));
    const wrong = job("w", { "node-version": "12" });
    await expect(setupNode(wrong)).rejects.toThrow(/wants Node 12/);
  });
});
