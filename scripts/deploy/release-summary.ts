/** How a release reads to people: one line for the console and ::error, a table for the step summary. */
import { markdownTable } from "./github-io";
import type { ReleaseReport } from "./release-report";

export function describeRelease(r: ReleaseReport): string {
  switch (r.outcome) {
    case "promoted":
      return `deployed ${r.sha.slice(0, 12)} to ${r.environment} as version ${r.versionId ?? "?"} — ${r.url} is healthy`;
    case "refused-before-traffic":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} stopped before taking traffic: ${r.error ?? ""}`;
    case "rolled-back":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED and was rolled back: ${r.error ?? ""}`;
    case "rollback-failed":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED and is NOT rolled back cleanly: ${r.error ?? ""}`;
    case "superseded":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} skipped: ${r.error ?? ""}`;
    case "failed-after-migration":
      return `deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED after applying a Durable Object migration and is NOT rolled back (Cloudflare refuses rollbacks across a migration): ${r.error ?? ""}`;
    case "first-deploy-failed":
      return `FIRST deploy of ${r.sha.slice(0, 12)} to ${r.environment} FAILED with no previous version to fall back to: ${r.error ?? ""}`;
  }
}

export function releaseSummary(r: ReleaseReport): string {
  const icon =
    r.outcome === "promoted"
      ? "✅"
      : r.outcome === "superseded"
        ? "⏭️"
        : r.outcome === "rollback-failed" ||
            r.outcome === "first-deploy-failed" ||
            r.outcome === "failed-after-migration"
          ? "🚨"
          : "❌";
  const total = r.timings.reduce((sum, t) => sum + t.ms, 0);
  return [
    `### Deploy — ${r.environment} ${icon} ${r.outcome}`,
    "",
    describeRelease(r),
    "",
    markdownTable(
      ["", ""],
      [
        ["URL", r.url],
        ["commit", `\`${r.sha}\``],
        ["new version", r.versionId ? `\`${r.versionId}\`` : "—"],
        [
          "previous version",
          r.previousVersionId ? `\`${r.previousVersionId}\`` : "—",
        ],
        ["preview URL", r.previewUrl ?? "—"],
        [
          "D1 bookmark (before migrations)",
          r.bookmark ? `\`${r.bookmark}\`` : "—",
        ],
      ],
    ),
    "",
    "Health checks:",
    "",
    ...r.checks.map((c) => `- ${c}`),
    "",
    markdownTable(
      ["phase", "seconds"],
      [
        ...r.timings.map((t) => [t.phase, (t.ms / 1000).toFixed(1)]),
        ["total", (total / 1000).toFixed(1)],
      ],
    ),
    "",
  ].join("\n");
}
