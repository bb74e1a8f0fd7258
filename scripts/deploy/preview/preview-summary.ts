/** The step summary reviewers read: the preview URL, the version and the database behind it. */
import { markdownTable } from "../github-io";
import { migrateSummary } from "../migrate";
import type { PreviewReport } from "./preview-deploy";

export function describePreview(report: PreviewReport): string {
  const time = `${(report.durationMs / 1000).toFixed(1)}s`;
  const phases = Object.entries(report.phases)
    .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)}s`)
    .join(", ");
  return report.ok
    ? `preview ${report.alias}: ${report.url ?? "?"} (version ${report.versionId ?? "?"}, database ${report.database.name}, ${time}: ${phases})`
    : `preview ${report.alias} failed after ${time}: ${report.error ?? "unknown error"}`;
}

export function previewSummary(report: PreviewReport): string {
  const lines = [`### Preview of #${report.pr} ${report.ok ? "✅" : "❌"}`, ""];
  if (report.error) lines.push(`**Failed:** ${report.error}`, "");
  lines.push(
    markdownTable(
      ["", ""],
      [
        ["URL", report.url ?? "—"],
        ["version", report.versionId ?? "—"],
        ["alias", report.alias],
        [
          "database",
          `${report.database.name} (${report.database.id ?? "not created"}${report.database.created ? ", created by this run" : ""})`,
        ],
        ["seed", report.seeded ?? "none"],
      ],
    ),
    "",
    "Every push moves the alias to its newest version; the database is this pull request's own and is deleted when it is closed or merged.",
    "",
    `Phases (ms): ${Object.entries(report.phases)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}; total ${(report.durationMs / 1000).toFixed(1)} s.`,
    "",
  );
  return `${lines.join("\n")}\n${report.migrate ? migrateSummary(report.migrate) : ""}`;
}
