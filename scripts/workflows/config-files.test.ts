/**
 * Config files (dependabot.yml) go through the same generator and drift check as the workflows —
 * header, checksum, hand edit vs stale, missing, orphan — but never through actionlint or the
 * workflow policy audit.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { configs, workflows } from "../../workflows-src/index";
import type { dependabot } from "../../workflows-src/dependabot";
import type { GeneratedDefinition } from "../../workflows-src/builders/config-file";
import { actionlintProblems } from "./actionlint";
import { checkWorkflows } from "./check";
import { inProcessAuditor } from "./policy/audit-request";
import { policyContext } from "./policy/context";
import { generate } from "./generate";
import { parseHeader } from "./header";
import { planFiles } from "./plan";
import { linkAuditInputs, REPO_ROOT } from "./scratch-checkout";
// This repository's own environments (the guestbook's): what its workflows are judged against.
import * as guestbook from "../../workflows-src/environments";

const FILE = ".github/dependabot.yml";
let root: string;
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), "config-files-"));
  for (const dir of [".github", "docs/deployment/diagrams"]) {
    cpSync(path.join(REPO_ROOT, dir), path.join(root, dir), {
      recursive: true,
    });
  }
  // The policy audit checks every run: against the checkout's package.json scripts.
  cpSync(path.join(REPO_ROOT, "package.json"), path.join(root, "package.json"));
  linkAuditInputs(root);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const all = [...workflows, ...configs];
const read = () => readFileSync(path.join(root, FILE), "utf8");
/** Judged in this process (the clean audit process is tested in policy/clean-audit.test.ts). */
const here = () => inProcessAuditor(policyContext(root, guestbook));
const rules = async (definitions: readonly GeneratedDefinition[] = all) =>
  (await checkWorkflows(root, definitions, here())).map(
    (p) => `${p.file} ${p.rule}`,
  );

describe(".github/dependabot.yml", () => {
  it("is generated with the header naming its typed source", () => {
    const planned = planFiles(all).find((f) => f.path === FILE);
    expect(planned?.content).toBe(read());
    expect(parseHeader(read())?.source).toBe("workflows-src/dependabot.ts");
  });

  it("updates npm only, against develop, grouped as decided", () => {
    const config = parse(read()) as typeof dependabot.document;
    expect(config.updates.map((u) => u["package-ecosystem"])).toEqual(["npm"]);
    const [npm] = config.updates;
    expect(npm?.["target-branch"]).toBe("develop");
    expect(Object.keys(npm?.groups ?? {})).toEqual([
      "next-opennext",
      "types",
      "minor-and-patch",
    ]);
    expect(npm?.groups?.["next-opennext"]?.patterns).toEqual([
      "next",
      "@opennextjs/cloudflare",
    ]);
    expect(npm?.groups?.["minor-and-patch"]?.["update-types"]).toEqual([
      "minor",
      "patch",
    ]);
  });

  it("is not linted as a workflow: actionlint would reject it, the check stays green", async () => {
    expect(
      (await actionlintProblems([{ path: FILE, content: read() }])).length,
    ).toBeGreaterThan(0);
    expect(await rules()).toEqual([]);
  });

  it("reports a hand edit, a missing file and an orphan like any generated file", async () => {
    writeFileSync(
      path.join(root, FILE),
      read().replace("target-branch: develop", "target-branch: main"),
    );
    expect(await rules()).toEqual([`${FILE} drift-hand-edited`]);
    rmSync(path.join(root, FILE));
    expect(await rules()).toEqual([`${FILE} drift-missing`]);
    const result = await generate(
      root,
      async () => ({ workflows, configs }),
      here(),
    );
    expect(result.ok && result.plan.write.map((f) => f.path)).toEqual([FILE]);
    expect(await rules(workflows)).toEqual([`${FILE} drift-orphan`]);
    const pruned = await generate(root, async () => ({ workflows }), here());
    expect(pruned.ok && pruned.plan.remove).toEqual([FILE]);
    expect(existsSync(path.join(root, FILE))).toBe(false);
    // Five checks and generations, each auditing in its own clean process.
  }, 90_000);

  it("leaves a hand-written file in .github/ alone", async () => {
    writeFileSync(
      path.join(root, ".github/labeler.yml"),
      "docs: ['**/*.md']\n",
    );
    expect(await rules()).toEqual([]);
    const result = await generate(
      root,
      async () => ({ workflows, configs }),
      here(),
    );
    expect(result.ok && result.plan.remove).toEqual([]);
  });
});
