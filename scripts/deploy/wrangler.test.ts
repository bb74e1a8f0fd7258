import { appendFileSync, mkdtempSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Runner } from "./child-process";
import {
  assertSucceeded,
  commandName,
  createWrangler,
  WRANGLER_COMPILE_CACHE,
  REPO_ROOT,
  wranglerBin,
} from "./wrangler";

describe("createWrangler", () => {
  it("gives each call a fresh output file, non-interactive env, and returns its entries", async () => {
    const seen: {
      command: string;
      args: readonly string[];
      env: Record<string, string | undefined>;
    }[] = [];
    const runner: Runner = async (command, args, options) => {
      const env = { ...options?.env };
      seen.push({ command, args, env });
      appendFileSync(
        env["WRANGLER_OUTPUT_FILE_PATH"] as string,
        `${JSON.stringify({ type: "version-upload", version_id: "v1" })}\n`,
      );
      return {
        code: 0,
        stdout: "",
        stderr: "",
        durationMs: 1,
        timedOut: false,
      };
    };
    const wrangler = createWrangler({
      runner,
      env: { PATH: "/bin", CLOUDFLARE_API_TOKEN: "secret" },
    });
    const first = await wrangler(["versions", "upload"]);
    const second = await wrangler(["versions", "upload"]);
    expect(first.entries).toEqual([
      { type: "version-upload", version_id: "v1" },
    ]);
    expect(second.entries).toHaveLength(1);
    // The module the repository's wrangler bin starts, started directly under this Node.
    expect(seen[0]?.command).toBe(process.execPath);
    expect(seen[0]?.args).toEqual([
      "--no-warnings",
      // Resolved as Node resolves it: through a linked node_modules (Stryker's sandbox) to the file.
      realpathSync(
        join(REPO_ROOT, "node_modules", "wrangler", "wrangler-dist", "cli.js"),
      ),
      "versions",
      "upload",
    ]);
    expect(first.args).toEqual(["versions", "upload"]);
    expect(seen[0]?.env).toMatchObject({
      CI: "true",
      WRANGLER_SEND_METRICS: "false",
      CLOUDFLARE_API_TOKEN: "secret",
      NODE_COMPILE_CACHE: WRANGLER_COMPILE_CACHE,
    });
    expect(seen[0]?.env["WRANGLER_OUTPUT_FILE_PATH"]).not.toBe(
      seen[1]?.env["WRANGLER_OUTPUT_FILE_PATH"],
    );
  });
});

describe("assertSucceeded", () => {
  const run = {
    args: ["rollback", "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "--yes"],
    stdout: "",
    durationMs: 1,
    timedOut: false,
  };
  it("prefers wrangler's command-failed message, then the last stderr line", () => {
    const entries = [
      { type: "command-failed", version: 1, message: "Worker not found\nmore" },
    ];
    expect(() =>
      assertSucceeded({ ...run, code: 1, stderr: "x", entries }),
    ).toThrow("wrangler rollback failed (exit 1): Worker not found");
    expect(() =>
      assertSucceeded({
        ...run,
        code: 1,
        stderr: "first\n✘ [ERROR] last\n\n",
        entries: [],
      }),
    ).toThrow("wrangler rollback failed (exit 1): last");
    expect(
      assertSucceeded({ ...run, code: 0, stderr: "", entries: [] }).code,
    ).toBe(0);
  });

  it("names commands without bindings, ids or flags", () => {
    expect(commandName(["d1", "migrations", "apply", "DB", "--remote"])).toBe(
      "d1 migrations apply",
    );
    expect(
      commandName([
        "versions",
        "deploy",
        "4e8d2c1a-5b6f-4a3e-9c8d-7b6a5f4e3d2c@100%",
      ]),
    ).toBe("versions deploy");
    expect(
      commandName(["rollback", "abcdef12-5b6f-4a3e-9c8d-7b6a5f4e3d2c"]),
    ).toBe("rollback");
  });
});

describe("failureReason for d1 execute", () => {
  it("reads the SQL error from --json output", () => {
    const stderr = JSON.stringify(
      { error: { text: "no such column: body: SQLITE_ERROR" } },
      null,
      2,
    );
    expect(() =>
      assertSucceeded({
        args: ["d1", "execute", "DB"],
        code: 1,
        stdout: "",
        stderr,
        entries: [],
        durationMs: 1,
        timedOut: false,
      }),
    ).toThrow(
      "wrangler d1 execute failed (exit 1): no such column: body: SQLITE_ERROR",
    );
  });

  it("runs the repository's own wrangler and says how to add it when there is none", () => {
    const bare = mkdtempSync(join(tmpdir(), "no-wrangler-"));
    try {
      expect(() => wranglerBin(bare)).toThrow(
        `${join(bare, "node_modules", ".bin", "wrangler")}: not found — add wrangler to devDependencies`,
      );
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});
