// The fresh-clone path of `npm run dev`, on the real local stack: the guestbook against a local D1
// without tables (what a new clone has), then the real db:migrate:local CLI, then the page again.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getPlatformProxy } from "wrangler";
import { Guestbook } from "../../src/app/guestbook";
import { loadGuestbook } from "../../src/notes/load-guestbook";
import { REPO_ROOT } from "../deploy/wrangler";

const run = promisify(execFile);
const TSX = join(REPO_ROOT, "node_modules", ".bin", "tsx");
let persistTo: string;

beforeAll(() => {
  persistTo = mkdtempSync(join(tmpdir(), "dev-db-"));
});
afterAll(() => {
  rmSync(persistTo, { recursive: true, force: true });
});

/** Renders the page body over the local D1 in persistTo, as `next dev` would serve it. */
async function renderPage(): Promise<string> {
  const proxy = await getPlatformProxy<{ DB: D1Database }>({
    configPath: join(REPO_ROOT, "wrangler.jsonc"),
    // getPlatformProxy takes the versioned directory that --persist-to creates inside itself.
    persist: { path: join(persistTo, "v3") },
  });
  try {
    const state = await loadGuestbook(proxy.env.DB, "local");
    return renderToStaticMarkup(createElement(Guestbook, { state }));
  } finally {
    await proxy.dispose();
  }
}

function migrateLocal() {
  return run(
    TSX,
    ["scripts/dev/migrate-local-cli.ts", "--persist-to", persistTo],
    { cwd: REPO_ROOT, timeout: 60_000 },
  );
}

describe("npm run dev on a fresh clone", () => {
  it("shows what is wrong and the fixing command while the local D1 has no tables", async () => {
    const html = await renderPage();
    expect(html).toContain('role="alert"');
    expect(html).toContain("missing 1 migration(s): 0000_create_notes.sql");
    expect(html).toContain("<code>npm run db:migrate:local</code>");
    expect(html).not.toContain("<form");
    expect(html).not.toContain("no such table"); // a clear sentence, not the raw SQL error
  }, 60_000);

  it("db:migrate:local applies the pending migrations, then has nothing to do", async () => {
    const first = await migrateLocal();
    expect(first.stdout).toContain(
      "db:migrate:local: applied 0000_create_notes.sql to the local D1",
    );
    const second = await migrateLocal();
    expect(second.stdout).toContain("is up to date");
  }, 120_000);

  it("then serves the guestbook with its form", async () => {
    const html = await renderPage();
    expect(html).toContain('<form aria-label="Sign the guestbook"');
    expect(html).toContain("No notes yet");
    expect(html).not.toContain('role="alert"');
  }, 60_000);
});
