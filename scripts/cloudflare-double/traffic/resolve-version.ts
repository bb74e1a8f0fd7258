/**
 * Which version answers a request to `*.<subdomain>.workers.dev`, as Cloudflare routes it:
 * - `<8-hex>-<worker>.<subdomain>.workers.dev` — that version's preview URL (previews on);
 * - `<alias>-<worker>.<subdomain>.workers.dev` — the newest version uploaded with that preview alias
 *   (`wrangler versions upload --preview-alias`, annotation `workers/alias`; previews on): a later
 *   upload with the same alias moves it;
 * - `<worker>.<subdomain>.workers.dev` — the current deployment's split, or the version named by
 *   `Cloudflare-Workers-Version-Overrides: <worker>="<version-id>"` if it is in that deployment.
 * @see https://developers.cloudflare.com/workers/configuration/previews/
 * @see https://developers.cloudflare.com/workers/configuration/versions-and-deployments/gradual-deployments/#version-affinity
 */
import type { DoubleState, WorkerScript, WorkerVersion } from "../state";

export type Via = "preview" | "alias" | "override" | "public";

export type Resolution =
  | {
      readonly ok: true;
      readonly worker: WorkerScript;
      readonly version: WorkerVersion;
      readonly via: Via;
    }
  | { readonly ok: false; readonly status: number; readonly reason: string };

const OVERRIDE = /^\s*([^=\s]+)\s*=\s*"([^"]+)"\s*$/;

function pick(
  split: readonly { version_id: string; percentage: number }[],
  random: () => number,
): string | undefined {
  const live = split.filter((v) => v.percentage > 0);
  let roll = random() * live.reduce((sum, v) => sum + v.percentage, 0);
  for (const v of live) {
    roll -= v.percentage;
    if (roll < 0) return v.version_id;
  }
  return live.at(-1)?.version_id;
}

/** `<alias>-<worker>`: the newest version of `worker` whose `workers/alias` is `alias`. */
function resolveAlias(
  state: DoubleState,
  label: string,
): Resolution | undefined {
  for (const worker of state.workers.values()) {
    if (!label.endsWith(`-${worker.name}`)) continue;
    const alias = label.slice(0, -worker.name.length - 1);
    const version = worker.versions.findLast(
      (v) => v.annotations["workers/alias"] === alias,
    );
    if (version === undefined) continue;
    if (!worker.previews)
      return {
        ok: false,
        status: 404,
        reason: `cloudflare-double: no preview for ${label} (previews off)`,
      };
    return { ok: true, worker, version, via: "alias" };
  }
  return undefined;
}

export function resolveVersion(
  state: DoubleState,
  host: string,
  overrideHeader: string | undefined,
  random: () => number = Math.random,
): Resolution {
  const suffix = `.${state.subdomain ?? ""}.workers.dev`;
  const name = host.toLowerCase().replace(/:\d+$/, "");
  if (state.subdomain === null || !name.endsWith(suffix))
    return {
      ok: false,
      status: 404,
      reason: `cloudflare-double: ${name} is not on this account's workers.dev subdomain (${state.subdomain ?? "none registered"})`,
    };
  const label = name.slice(0, -suffix.length);
  const direct = state.workers.get(label);
  if (direct === undefined) {
    const preview = /^([0-9a-f]{8})-(.+)$/.exec(label);
    const worker = preview
      ? state.workers.get(preview[2] as string)
      : undefined;
    if (preview && worker) {
      const version = worker.versions.find((v) =>
        v.id.startsWith(preview[1] as string),
      );
      if (!worker.previews || version === undefined)
        return {
          ok: false,
          status: 404,
          reason: `cloudflare-double: no preview for ${label} (previews ${worker.previews ? "on" : "off"})`,
        };
      return { ok: true, worker, version, via: "preview" };
    }
    const aliased = resolveAlias(state, label);
    if (aliased !== undefined) return aliased;
    return {
      ok: false,
      status: 404,
      reason: `cloudflare-double: there is nothing here yet — no Worker named ${label}`,
    };
  }
  const worker = direct;
  if (!worker.workersDev)
    return {
      ok: false,
      status: 404,
      reason: `cloudflare-double: workers.dev is disabled for ${worker.name}`,
    };
  const deployment = state.currentDeployment(worker);
  if (deployment === undefined)
    return {
      ok: false,
      status: 404,
      reason: `cloudflare-double: ${worker.name} has no deployment`,
    };
  for (const entry of (overrideHeader ?? "").split(",")) {
    const m = OVERRIDE.exec(entry);
    if (m && m[1] === worker.name) {
      const inDeployment = deployment.versions.some(
        (v) => v.version_id === m[2],
      );
      const version = state.findVersion(worker, m[2] as string);
      // Cloudflare ignores an override naming a version outside the current deployment.
      if (inDeployment && version !== undefined)
        return { ok: true, worker, version, via: "override" };
    }
  }
  const id = pick(deployment.versions, random);
  const version = id === undefined ? undefined : state.findVersion(worker, id);
  if (version === undefined)
    return {
      ok: false,
      status: 500,
      reason: `cloudflare-double: deployment ${deployment.id} names no serving version`,
    };
  return { ok: true, worker, version, via: "public" };
}
