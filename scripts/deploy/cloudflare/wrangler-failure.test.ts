import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { WranglerRun } from "../wrangler";
import { parseNdjson } from "../wrangler-output";
import {
  describeWranglerFailure,
  readWranglerFailure,
  stripAnsi,
} from "./wrangler-failure";

const fixture = (name: string) =>
  readFileSync(new URL(`fixtures/${name}`, import.meta.url), "utf8");

function run(fields: Partial<WranglerRun>): WranglerRun {
  return {
    args: ["d1", "execute"],
    code: 1,
    stdout: "",
    stderr: "",
    entries: [],
    durationMs: 10,
    timedOut: false,
    ...fields,
  };
}

describe("readWranglerFailure (real wrangler 4.164 output)", () => {
  it("reads a remote SQL error from the API's notes, not the headline", () => {
    const failure = readWranglerFailure(
      run({ stdout: fixture("d1-execute-remote-sql-error.stdout") }),
    );
    expect(failure).toMatchObject({
      code: 7500,
      notes: ["no such table: d1_migrations: SQLITE_ERROR [code: 7500]"],
    });
    expect(failure.text).toMatch(
      /^A request to the Cloudflare API \(.*\/query\) failed\.$/,
    );
    expect(describeWranglerFailure(failure)).toMatch(
      /^no such table: d1_migrations: SQLITE_ERROR \[code: 7500\] \(A request/,
    );
  });

  it("names the request that failed and Cloudflare's words, without colour codes", () => {
    const failure = readWranglerFailure(
      run({
        args: ["versions", "upload"],
        stderr: fixture("versions-upload-auth-error.stderr"),
        entries: parseNdjson(fixture("versions-upload-auth-error.ndjson")),
      }),
    );
    expect(failure).toEqual({
      text: "A request to the Cloudflare API (/accounts/acc1234/workers/services/w) failed.",
      notes: ["Authentication error [code: 10000]"],
      code: 10000,
      timedOut: false,
    });
    // The command-failed entry alone names only the follow-up token check.
    expect(fixture("versions-upload-auth-error.ndjson")).toContain(
      "/user/tokens/verify",
    );
  });

  it("reads the local-mode shape, where the SQL error is the headline", () => {
    const failure = readWranglerFailure(
      run({
        stderr: JSON.stringify({
          error: { text: "no such table: d1_migrations: SQLITE_ERROR" },
        }),
      }),
    );
    expect(describeWranglerFailure(failure)).toBe(
      "no such table: d1_migrations: SQLITE_ERROR",
    );
  });

  it("falls back to the command-failed entry, then the last output line", () => {
    expect(
      readWranglerFailure(
        run({
          entries: [
            { type: "command-failed", message: "first\nsecond", code: "10007" },
          ],
          stderr: "noise",
        }),
      ),
    ).toEqual({ text: "first", notes: [], code: 10007, timedOut: false });
    expect(
      readWranglerFailure(run({ stderr: "a\n\u001b[1mlast line\u001b[0m\n" }))
        .text,
    ).toBe("last line");
    expect(readWranglerFailure(run({})).text).toBe("no output");
  });

  it("reports a timeout as such", () => {
    expect(
      readWranglerFailure(run({ timedOut: true, durationMs: 61_000 })),
    ).toEqual({ text: "timed out after 61s", notes: [], timedOut: true });
  });

  it("strips colour and style codes", () => {
    expect(
      stripAnsi("\u001b[31m✘ \u001b[41;31m[\u001b[41;97mERROR\u001b[0m"),
    ).toBe("✘ [ERROR");
  });
});
