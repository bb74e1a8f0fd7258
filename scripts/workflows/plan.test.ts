import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { actions } from "../../workflows-src/actions";
import { dependabot } from "../../workflows-src/dependabot";
import { workflows } from "../../workflows-src/index";
import { checksum, parseHeader } from "./header";
import { planFiles } from "./plan";

const ROOT = new URL("../../", import.meta.url);
const planned = planFiles(workflows);

describe("planFiles", () => {
  it("plans one YAML file and one diagram per workflow", () => {
    expect(planned.map((f) => f.path)).toEqual(
      workflows.flatMap((w) => [
        `.github/workflows/${w.file}`,
        `docs/deployment/diagrams/${w.file.replace(".yml", "")}.md`,
      ]),
    );
  });

  it("is byte-identical for identical source", () => {
    expect(planFiles(workflows)).toEqual(planned);
  });

  it("matches the committed files (the golden files)", () => {
    for (const file of planned) {
      expect(readFileSync(new URL(file.path, ROOT), "utf8"), file.path).toBe(
        file.content,
      );
    }
  });

  it("writes Prettier-clean output", async () => {
    for (const file of planned) {
      const ok = await prettier.check(file.content, {
        filepath: fileURLToPath(new URL(file.path, ROOT)),
      });
      expect(ok, `${file.path} is not Prettier-clean`).toBe(true);
    }
  });

  it("heads every file with its source, the regenerate command and a checksum of the body", () => {
    for (const file of planned) {
      expect(file.content).toContain(
        `Generated from ${file.source} by the gen:workflows script — DO NOT EDIT.`,
      );
      const header = parseHeader(file.content);
      expect(header?.source).toBe(file.source);
      expect(header?.checksum).toBe(checksum(header?.body ?? ""));
      // A definition composes the public API (defineWorkflow or a pipeline workflow factory).
      expect(readFileSync(new URL(file.source, ROOT), "utf8")).toMatch(
        /from "@typed-cicd\/pipeline"/,
      );
    }
  });

  it("serialises the definitions faithfully", () => {
    for (const definition of workflows) {
      const file = planned.find(
        (f) => f.path === `.github/workflows/${definition.file}`,
      );
      expect(parse(file?.content ?? "")).toEqual(
        JSON.parse(JSON.stringify(definition.workflow)),
      );
    }
  });

  it("uses only catalogued actions, each with its version comment", () => {
    const refs = planned
      .filter((f) => f.path.endsWith(".yml"))
      .flatMap((f) => [...f.content.matchAll(/uses: (\S+)(?: # (\S+))?/g)])
      .filter((m) => !m[1]?.startsWith("./"));
    expect(refs.length).toBeGreaterThan(0);
    const catalog = Object.values(actions);
    for (const [, ref, version] of refs) {
      const pin = catalog.find((p) => `${p.repo}@${p.sha}` === ref);
      expect(pin, ref).toBeDefined();
      expect(version).toBe(pin?.version);
    }
  });

  it("rejects a bad file name or a file emitted twice, naming the source", () => {
    const [quality] = workflows;
    if (!quality) throw new Error("no workflows");
    expect(() => planFiles([{ ...quality, file: "Quality.yaml" }])).toThrow(
      /workflows-src\/workflows\/quality\.ts: file: "Quality\.yaml"/,
    );
    expect(() => planFiles([quality, quality])).toThrow(/emitted twice/);
    const wrong = { ...dependabot, file: ".github/renovate.yml" } as never;
    expect(() => planFiles([wrong])).toThrow(
      'workflows-src/dependabot.ts: file: ".github/renovate.yml" is not a config file GitHub reads — use one of .github/dependabot.yml',
    );
  });
});
