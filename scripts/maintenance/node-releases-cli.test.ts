/** The real CLI against a local HTTP server serving a release index (nodejs.org stands in). */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const REPO = fileURLToPath(new URL("../../", import.meta.url));
const CLI = fileURLToPath(new URL("./node-releases-cli.ts", import.meta.url));
const TSX = path.join(REPO, "node_modules/.bin/tsx");

const INDEX = [
  {
    version: "v24.12.0",
    date: "2026-11-20",
    lts: "Krypton",
    security: false,
    npm: "11.6.0",
  },
  { version: "v22.22.1", date: "2026-11-18", lts: "Jod", security: true },
  { version: "v22.12.0", date: "2024-12-03", lts: "Jod", security: false },
];

let server: Server;
let base: string;
let dir: string;
beforeAll(async () => {
  server = createServer((request, response) => {
    if (request.url === "/dist/index.json") {
      response.writeHead(200, { "content-type": "application/json" });
      response.end(JSON.stringify(INDEX));
    } else if (request.url === "/silent") {
      // Never answers: the CLI's timeout must end the wait.
    } else {
      response.writeHead(200, { "content-type": "application/json" });
      response.end('{"not":"an index"}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  dir = mkdtempSync(path.join(tmpdir(), "node-releases-"));
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Async: the server above answers on this process's event loop. */
function run(nvmrc: string, url: string, ...args: string[]) {
  writeFileSync(path.join(dir, ".nvmrc"), nvmrc);
  const summary = path.join(dir, `summary-${Math.random()}.md`);
  writeFileSync(summary, "");
  return new Promise<{
    code: number;
    stdout: string;
    stderr: string;
    summary: string;
  }>((resolve) => {
    execFile(
      TSX,
      [CLI, "--root", dir, ...args],
      {
        encoding: "utf8",
        env: {
          ...process.env,
          NODE_DIST_INDEX_URL: url,
          GITHUB_STEP_SUMMARY: summary,
          GITHUB_ACTIONS: "",
        },
      },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? 1) : 0,
          stdout,
          stderr,
          summary: readFileSync(summary, "utf8"),
        }),
    );
  });
}

describe("npm run node:releases", () => {
  it("exits 0 for a major spec and writes what setup-node installs to the summary", async () => {
    const result = await run("22\n", `${base}/dist/index.json`);
    expect(result.code).toBe(0);
    expect(result.summary).toContain(
      "setup-node installs v22.22.1 (2026-11-18, LTS Jod, security release)",
    );
    expect(result.summary).toContain("A newer LTS line exists: v24.12.0");
  });

  it("exits 1 for an exact spec behind a security release", async () => {
    const result = await run("22.12.0\n", `${base}/dist/index.json`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain("**1 of them fix security issues**");
  });

  it("fails clearly on a wrong document and on a server that never answers", async () => {
    const wrong = await run("22\n", `${base}/other`);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain("not a Node.js release index");
    // The one real-socket run of the timeout (read-index.test.ts counts it on a fake clock): a
    // silent server can only end this way, however slow the machine; no duration is asserted.
    const silent = await run("22\n", `${base}/silent`, "--timeout", "1");
    expect(silent.code).toBe(1);
    expect(silent.stderr).toContain(
      `could not read ${base}/silent: no answer within 1 s`,
    );
    expect(silent.summary).toContain("Not checked");
  });
});
