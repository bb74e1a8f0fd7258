/**
 * A branch ruleset per deploy branch: pull request required (approval + code owners), the quality
 * checks required by the names GitHub shows, no force-push, no deletion, nobody bypassing.
 * REST ("Repository rules"):
 *   GET  /repos/{owner}/{repo}/rulesets            (summaries; includes_parents=false)
 *   GET  /repos/{owner}/{repo}/rulesets/{ruleset_id}
 *   POST /repos/{owner}/{repo}/rulesets
 *   PUT  /repos/{owner}/{repo}/rulesets/{ruleset_id}
 * A private repository on GitHub Free answers 403 ("Upgrade to GitHub Pro or make this repository
 * public…"): reported as NOT protected, like an ungated environment.
 */
import { z } from "zod";
import type { SetupItem } from "../report";
import type { Inspection, Resource } from "../resources";
import { httpFailure, type GitHub, type Repository } from "./client";
import type { ReviewMode } from "../../../workflows-src/builders/environment-model";
import { rulesetBody, type RulesetBody } from "./desired";

const liveRulesetSchema = z.object({
  id: z.number(),
  name: z.string(),
  target: z.string().optional(),
  enforcement: z.string(),
  bypass_actors: z.array(z.unknown()).optional(),
  conditions: z
    .object({
      ref_name: z
        .object({
          include: z.array(z.string()),
          exclude: z.array(z.string()),
        })
        .optional(),
    })
    .nullable()
    .optional(),
  rules: z
    .array(
      z.object({
        type: z.string(),
        parameters: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
});

export type LiveRuleset = z.infer<typeof liveRulesetSchema>;

const summariesSchema = z.array(
  z.object({
    id: z.number(),
    name: z.string(),
    source_type: z.string().optional(),
  }),
);

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${k}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Pure: what differs between the live ruleset and the body we would send (only fields we set). */
export function rulesetDifferences(
  want: RulesetBody,
  live: LiveRuleset,
): string[] {
  const diffs: string[] = [];
  if (live.enforcement !== want.enforcement)
    diffs.push(`enforcement ${live.enforcement} → ${want.enforcement}`);
  if ((live.bypass_actors ?? []).length > 0)
    diffs.push(`${live.bypass_actors?.length} bypass actor(s) → none`);
  const include = live.conditions?.ref_name?.include ?? [];
  if (canonical(include) !== canonical(want.conditions.ref_name.include))
    diffs.push(
      `branches [${include.join(", ")}] → [${want.conditions.ref_name.include.join(", ")}]`,
    );
  for (const rule of want.rules) {
    const found = live.rules?.find((r) => r.type === rule.type);
    if (!found) {
      diffs.push(`rule ${rule.type} missing`);
      continue;
    }
    if (!("parameters" in rule)) continue;
    for (const [key, value] of Object.entries(rule.parameters)) {
      const liveValue = found.parameters?.[key];
      if (canonical(liveValue) !== canonical(value)) {
        diffs.push(
          key === "required_status_checks"
            ? `required checks [${checkNames(liveValue).join(", ")}] → [${checkNames(value).join(", ")}]`
            : `${rule.type}.${key} ${JSON.stringify(liveValue)} → ${JSON.stringify(value)}`,
        );
      }
    }
  }
  return diffs;
}

function checkNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((c) =>
    typeof c === "object" && c !== null && "context" in c
      ? String((c as { context: unknown }).context)
      : "?",
  );
}

function notProtected(branch: string, said: string): string {
  return `${branch} is NOT protected: GitHub refused rulesets (403 "${said}") — on GitHub Free rulesets need a public repository or GitHub Pro/Team; until then anyone with write access can push to ${branch} without checks. Re-run with --accept-ungated to accept that knowingly`;
}

export function rulesetResource(
  gh: GitHub,
  repo: Repository,
  branch: string,
  checks: readonly string[],
  mode: ReviewMode = "two-person",
): Resource {
  const want = rulesetBody(branch, [...checks], mode);
  const name = `ruleset "${want.name}"`;

  async function findLive(): Promise<LiveRuleset | undefined> {
    const list = await gh.request("GET /repos/{owner}/{repo}/rulesets", {
      ...repo,
      includes_parents: false,
      per_page: 100,
    });
    const summary = summariesSchema
      .parse(list.data)
      .find((r) => r.name === want.name);
    if (!summary) return undefined;
    const full = await gh.request(
      "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}",
      { ...repo, ruleset_id: summary.id },
    );
    return liveRulesetSchema.parse(full.data);
  }

  async function write(id: number | undefined): Promise<SetupItem> {
    const body = structuredClone(want);
    try {
      if (id === undefined) {
        await gh.request("POST /repos/{owner}/{repo}/rulesets", {
          ...repo,
          ...body,
        });
      } else {
        await gh.request("PUT /repos/{owner}/{repo}/rulesets/{ruleset_id}", {
          ...repo,
          ruleset_id: id,
          ...body,
        });
      }
    } catch (error) {
      const failure = httpFailure(error);
      if (
        failure?.status === 403 &&
        /upgrade|make this repository public/i.test(failure.message)
      ) {
        return {
          resource: name,
          state: "ungated",
          detail: notProtected(branch, failure.message),
          gateOnly: true,
        };
      }
      throw error;
    }
    return {
      resource: name,
      state: id === undefined ? "created" : "updated",
      detail: `requires a pull request and the checks ${checks.join(", ")}`,
    };
  }

  return {
    name,
    inspect: async (): Promise<Inspection> => {
      let live: LiveRuleset | undefined;
      try {
        live = await findLive();
      } catch (error) {
        const failure = httpFailure(error);
        if (
          failure?.status === 403 &&
          /upgrade|make this repository public/i.test(failure.message)
        ) {
          return {
            state: "missing",
            detail: notProtected(branch, failure.message),
            gateOnly: true,
            apply: () => write(undefined),
          };
        }
        throw error;
      }
      if (!live) {
        return {
          state: "missing",
          detail: `would require a pull request, ${want.rules.length} rules, checks: ${checks.join(", ")}`,
          apply: () => write(undefined),
        };
      }
      const diffs = rulesetDifferences(want, live);
      if (diffs.length === 0)
        return { state: "ok", detail: `checks: ${checks.join(", ")}` };
      const id = live.id;
      return {
        state: "differs",
        detail: diffs.join("; "),
        apply: () => write(id),
      };
    },
  };
}
