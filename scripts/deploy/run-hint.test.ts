import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runHint } from "./run-hint";
import { undoneMessage } from "./migrate";

const pnpmRepo = mkdtempSync(join(tmpdir(), "run-hint-"));
writeFileSync(
  join(pnpmRepo, "package.json"),
  JSON.stringify({ packageManager: "pnpm@9.15.4" }),
);
afterAll(() => rmSync(pnpmRepo, { recursive: true, force: true }));

describe("runHint", () => {
  it("writes the next command in the repository's own manager", () => {
    const args = ["--env", "production", "--skip-worker", "--bookmark", "b1"];
    expect(runHint("deploy:rollback", args, pnpmRepo)).toBe(
      "pnpm run deploy:rollback --env production --skip-worker --bookmark b1",
    );
    // This repository has no packageManager field: npm, whose run needs the --.
    expect(runHint("deploy:rollback", args)).toBe(
      "npm run deploy:rollback -- --env production --skip-worker --bookmark b1",
    );
    expect(runHint("build:worker", [], pnpmRepo)).toBe("pnpm run build:worker");
  });

  it("is what the deploy messages print", () => {
    const message = undoneMessage("staging", [
      {
        migration: "0003_x.sql",
        restore: {
          id: 1,
          at: "t",
          kind: "restore",
          bookmark: "b",
          undone: ["0003_x.sql"],
          reason: "r",
        },
      },
    ]);
    expect(message).toContain(
      'npm run deploy:migrate -- --env staging --reapply 0003_x.sql --reason "<why it is safe now>"',
    );
  });
});
