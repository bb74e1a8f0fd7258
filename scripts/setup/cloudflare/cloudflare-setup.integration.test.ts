/**
 * `npm run setup` (Cloudflare half) end to end: the real wrangler and fetch against the Cloudflare
 * API double (scripts/cloudflare-double, started and stopped by PID per test). A temporary repo root
 * holds a copy of wrangler.jsonc and cloudflare-account.ts, so the real files are never touched.
 */
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import {
  startCloudflareDouble,
  type CloudflareDouble,
  type StartOptions,
} from "../../cloudflare-double/start";
import { createWrangler, REPO_ROOT } from "../../deploy/wrangler";
import { runSetup } from "../run-setup";
import type { SetupMode } from "../report";
import { ACCOUNT_FILE } from "./subdomain";
import { readDatabaseId } from "./wrangler-config-edit";
import { environments, preview } from "../../../workflows-src/environments";

let double: CloudflareDouble | undefined;
let root: string | undefined;
afterEach(async () => {
  await double?.stop();
  double = undefined;
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

async function start(options: StartOptions = {}): Promise<CloudflareDouble> {
  double = await startCloudflareDouble(options);
  root = mkdtempSync(join(tmpdir(), "setup-cloudflare-"));
  cpSync(join(REPO_ROOT, "wrangler.jsonc"), join(root, "wrangler.jsonc"));
  mkdirSync(join(root, "workflows-src"));
  cpSync(join(REPO_ROOT, ACCOUNT_FILE), join(root, ACCOUNT_FILE));
  return double;
}

async function setup(
  cf: CloudflareDouble,
  mode: SetupMode,
  env: Record<string, string> = {},
): Promise<{ code: number; lines: string[]; regenerated: number }> {
  const lines: string[] = [];
  let regenerated = 0;
  const all = { ...process.env, ...cf.env, ...env };
  const code = await runSetup({
    mode,
    acceptUngated: false,
    only: "cloudflare",
    environments,
    preview,
    env: all,
    ask: () => Promise.resolve(undefined),
    print: (line) => lines.push(line),
    repoRoot: root,
    wrangler: createWrangler({ env: all, cwd: root }),
    regenerate: async () => {
      regenerated++;
    },
  });
  return { code, lines, regenerated };
}

const ids = () => {
  const text = readFileSync(join(root ?? "", "wrangler.jsonc"), "utf8");
  return [
    readDatabaseId(text, "staging", "DB"),
    readDatabaseId(text, "production", "DB"),
  ];
};

// Each wrangler run costs seconds on a loaded 2-core machine: the scenarios share doubles.
describe("npm run setup against the Cloudflare API double", () => {
  it("fresh account: creates both databases, writes ids and subdomain, then no changes; drift and a bad token are caught", async () => {
    const cf = await start({ subdomain: "acme" });
    const plan = await setup(cf, "plan");
    expect(plan.code).toBe(0);
    expect(plan.lines).toContainEqual(
      expect.stringMatching(
        /^missing +D1 typed-cicd-staging \(staging\) — would create/,
      ),
    );
    expect(ids()).toEqual([
      "00000000-0000-0000-0000-000000000001",
      "00000000-0000-0000-0000-000000000002",
    ]);

    const applied = await setup(cf, "apply");
    expect(applied.lines.filter((l) => l.startsWith("FAILED"))).toEqual([]);
    expect(applied.code).toBe(0);
    expect(applied.regenerated).toBe(1);
    expect(readFileSync(join(root ?? "", ACCOUNT_FILE), "utf8")).toContain(
      'WORKERS_DEV_SUBDOMAIN = "acme";',
    );
    const [staging, production] = ids();
    expect(staging).toMatch(/^[0-9a-f-]{36}$/);
    expect(staging).not.toBe(production);
    expect(staging).not.toMatch(/^00000000/);

    const again = await setup(cf, "apply");
    expect(again.lines.at(-1)).toBe("no changes");
    expect(again.regenerated).toBe(0);

    const file = join(root ?? "", "wrangler.jsonc");
    writeFileSync(
      file,
      readFileSync(file, "utf8").replace(
        production ?? "",
        "00000000-0000-0000-0000-000000000002",
      ),
    );
    const check = await setup(cf, "check");
    expect(check.code).toBe(1);
    expect(check.lines).toContainEqual(
      `differs  D1 typed-cicd-production (production) — wrangler.jsonc env.production.d1_databases[DB].database_id: 00000000-0000-0000-0000-000000000002 → ${production}`,
    );

    const bad = await setup(cf, "apply", { CLOUDFLARE_API_TOKEN: "wrong" });
    expect(bad.code).toBe(1);
    expect(bad.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +Cloudflare token — Cloudflare refused CLOUDFLARE_API_TOKEN on every call \(403 Authentication error \[code: 10000\]\)/,
      ),
    );
    expect(bad.lines.some((l) => l.includes("D1 typed-cicd"))).toBe(false);
  }, 180_000);

  it("finds an existing database by name, and names an account without a workers.dev subdomain", async () => {
    const uuid = "4a1f3c2e-9b8d-4e7f-a6c5-0d1e2f3a4b5c";
    const cf = await start({
      subdomain: null,
      d1: [{ name: "typed-cicd-staging", uuid }],
    });
    const check = await setup(cf, "check");
    expect(check.code).toBe(1);
    expect(check.lines).toContainEqual(
      `differs  D1 typed-cicd-staging (staging) — wrangler.jsonc env.staging.d1_databases[DB].database_id: 00000000-0000-0000-0000-000000000001 → ${uuid}`,
    );
    expect(check.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +workers\.dev subdomain — reading workers\.dev subdomain: the account has no workers\.dev subdomain readable \(404 .*\) — register one/,
      ),
    );

    // A token without D1: the preflight names the missing permission and nothing else runs.
    await cf.control("PUT", "/__double/tokens", {
      tokens: [
        {
          token: "no-d1",
          permissions: ["workers_scripts:edit", "account_settings:read"],
        },
      ],
    });
    const noD1 = await setup(cf, "check", { CLOUDFLARE_API_TOKEN: "no-d1" });
    expect(noD1.code).toBe(1);
    expect(noD1.lines).toContainEqual(
      expect.stringMatching(
        /^ok +token permission Account · Workers Scripts · Edit — GET \/accounts\/<account>\/workers\/scripts answered$/,
      ),
    );
    expect(noD1.lines).toContainEqual(
      expect.stringMatching(
        /^FAILED +token permission Account · D1 · Edit — CLOUDFLARE_API_TOKEN cannot use D1 \(GET \/accounts\/<account>\/d1\/database → 403 .*\) — add "Account · D1 · Edit" to the token/,
      ),
    );
    expect(noD1.lines.some((l) => l.includes("D1 typed-cicd"))).toBe(false);
  }, 120_000);
});
