/**
 * The default target of a manual Worker rollback, read from the deployment history. "The newest
 * other version" is wrong right after a rollback: the history then ends … bad, rollback-to-good,
 * and the newest other version is the bad one. So rollbacks are recognised, never chosen, and every
 * version a rollback moved traffic away from is never chosen either. When that cannot be decided
 * from the history, there is no default: the operator names the version.
 */
import { servingVersion, type Deployment } from "./wrangler-output";

/** Messages our scripts give rollbacks (release.ts, rollback.ts), and wrangler's default one. */
const ROLLBACK_MESSAGE = /^(automatic rollback:|manual rollback\b|rollback$)/i;

export type RollbackTarget =
  | {
      readonly ok: true;
      readonly versionId: string;
      readonly fromVersionId: string;
    }
  | {
      readonly ok: false;
      readonly reason: string;
      readonly fromVersionId?: string;
    };

function newestFirst(deployments: readonly Deployment[]): Deployment[] {
  return [...deployments].sort((a, b) =>
    b.created_on.localeCompare(a.created_on),
  );
}

/**
 * A rollback by Cloudflare's annotation, by its message, or by its shape: it brings back a version
 * that served earlier, replacing a different one (a fresh upload always brings a new version).
 */
function isRollback(history: readonly Deployment[], index: number): boolean {
  const deployment = history[index] as Deployment;
  const annotations = deployment.annotations ?? {};
  if (annotations["workers/triggered_by"] === "rollback") return true;
  if (ROLLBACK_MESSAGE.test(annotations["workers/message"] ?? "")) return true;
  const serving = servingVersion(deployment);
  const older = history.slice(index + 1);
  const replaced = older[0];
  return (
    replaced !== undefined &&
    servingVersion(replaced) !== serving &&
    older.some((d) => servingVersion(d) === serving)
  );
}

/** Newest first: the serving deployment, then the one it replaced, and so on. */
export function chooseRollbackTarget(
  deployments: readonly Deployment[],
): RollbackTarget {
  const history = newestFirst(deployments);
  const current = history[0];
  if (current === undefined)
    return { ok: false, reason: "the Worker has no deployments" };
  const fromVersionId = servingVersion(current);
  const rollbacks = history.flatMap((_, i) =>
    isRollback(history, i) ? [i] : [],
  );
  const rolledBackFrom = new Set<string>();
  for (const i of rollbacks) {
    const rollback = history[i] as Deployment;
    const annotated = rollback.annotations?.["workers/rollback_from"];
    // The deployment a rollback replaced is the one active just before it; Cloudflare's annotation,
    // when present and listed, names it too.
    const sources = [
      history[i + 1],
      history.find((d) => typeof annotated === "string" && d.id === annotated),
    ].filter((d): d is Deployment => d !== undefined);
    if (sources.length === 0) {
      return {
        ok: false,
        fromVersionId,
        reason: `deployment ${rollback.id} (${rollback.created_on}) is a rollback, but the deployment it replaced is older than the listed history, so the version it moved away from is unknown`,
      };
    }
    for (const source of sources)
      for (const v of source.versions) rolledBackFrom.add(v.version_id);
  }
  const target = history.find(
    (d, i) =>
      i > 0 &&
      !rollbacks.includes(i) &&
      servingVersion(d) !== fromVersionId &&
      !rolledBackFrom.has(servingVersion(d)),
  );
  if (target === undefined) {
    return {
      ok: false,
      fromVersionId,
      reason: `none of the last ${history.length} deployment(s) serves a version other than the current one that no rollback moved away from`,
    };
  }
  return { ok: true, versionId: servingVersion(target), fromVersionId };
}

/** One line per deployment, newest first, for the operator choosing a version by hand. */
export function describeDeployments(
  deployments: readonly Deployment[],
): string[] {
  const history = newestFirst(deployments);
  return history.map((d, i) => {
    const traffic = d.versions
      .map((v) => `${v.version_id}@${v.percentage}%`)
      .join(" ");
    const notes = [
      ...(i === 0 ? ["serving"] : []),
      ...(isRollback(history, i) ? ["rollback"] : []),
    ];
    const message = d.annotations?.["workers/message"];
    return [
      d.created_on,
      traffic,
      ...(notes.length > 0 ? [`(${notes.join(", ")})`] : []),
      ...(message ? [JSON.stringify(message.slice(0, 60))] : []),
    ].join("  ");
  });
}
