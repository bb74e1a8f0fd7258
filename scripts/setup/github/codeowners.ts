/**
 * .github/CODEOWNERS, written from the reviewers in environments.ts: the deploy-branch rulesets
 * require a code owner's review, which means nothing without this file. The people who approve
 * production deploys own the code that reaches production. Local file: committed with the first
 * pull request, like wrangler.jsonc's database ids.
 */
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Environments } from "../../../workflows-src/environments";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";

export const CODEOWNERS_FILE = ".github/CODEOWNERS";

export function codeownersText(envs: Environments): string | undefined {
  const owners = [
    ...new Set(Object.values(envs).flatMap((env) => env.reviewers)),
  ].map((reviewer) => `@${reviewer}`);
  if (owners.length === 0) return undefined;
  return `# Written by \`npm run setup -- --apply\` from the reviewers in workflows-src/environments.ts — edit
# those and re-run; \`npm run setup -- --check\` reports a hand edit. The deploy-branch rulesets
# require a review from one of these owners.
* ${owners.join(" ")}
`;
}

export function codeownersResource(envs: Environments, file: string): Resource {
  const name = CODEOWNERS_FILE;
  return {
    name,
    inspect: async () => {
      const want = codeownersText(envs);
      if (want === undefined) {
        return { state: "ok", detail: "no reviewers listed: no code owners" };
      }
      let have: string | undefined;
      try {
        have = readFileSync(file, "utf8");
      } catch {
        have = undefined;
      }
      if (have === want)
        return { state: "ok", detail: want.trimEnd().split("\n").at(-1) ?? "" };
      return {
        state: have === undefined ? "missing" : "differs",
        detail: `would write ${want.trimEnd().split("\n").at(-1)} — commit it with the first pull request`,
        apply: async (): Promise<SetupItem> => {
          mkdirSync(dirname(file), { recursive: true });
          writeFileSync(file, want);
          return {
            resource: name,
            state: have === undefined ? "created" : "updated",
            detail: `${want.trimEnd().split("\n").at(-1)} — commit it`,
          };
        },
      };
    },
  };
}
