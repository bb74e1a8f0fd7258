/**
 * How pin statuses read: an aligned table for the terminal, a Markdown table for the job summary,
 * and one loud line per pin a person must look at (also an `::error` annotation on GitHub).
 */
import { CATALOG_FILE } from "./catalog-text";
import { releaseNotesUrl } from "./ls-remote";
import type { Problem } from "../workflows/problem";
import { needsPerson, type PinStatus } from "./pin-status";

const short = (sha: string) => sha.slice(0, 7);

function newestOf(status: PinStatus): string {
  switch (status.kind) {
    case "current":
      return `${status.entry.version} ${short(status.entry.sha)}`;
    case "behind":
      return `${status.newest.tag} ${short(status.newest.sha)}`;
    case "moved":
    case "gone":
      return status.newest
        ? `${status.newest.tag} ${short(status.newest.sha)}`
        : "-";
    case "unreachable":
      return "?";
  }
}

function verdict(status: PinStatus, updated: boolean): string {
  switch (status.kind) {
    case "current":
      return "up to date";
    case "behind": {
      const kind = status.bump ? `${status.bump} ` : "";
      return updated ? `updated (${kind}release)` : `behind (${kind}release)`;
    }
    case "moved":
      return `TAG MOVED to ${short(status.remoteSha)} — left as pinned`;
    case "gone":
      return "TAG GONE — left as pinned";
    case "unreachable":
      return "UNREACHABLE";
  }
}

function notes(status: PinStatus): string {
  if (status.kind === "behind") {
    return releaseNotesUrl(status.entry.repo, status.newest.tag);
  }
  return "";
}

function rows(statuses: readonly PinStatus[], updated: boolean): string[][] {
  return statuses.map((status) => [
    status.entry.repo,
    `${status.entry.version} ${short(status.entry.sha)}`,
    status.kind === "behind" ? "→" : " ",
    newestOf(status),
    verdict(status, updated),
    notes(status),
  ]);
}

export function renderTable(
  statuses: readonly PinStatus[],
  updated: boolean,
): string {
  const header = [
    "action",
    "pinned",
    " ",
    "newest release",
    "status",
    "release notes",
  ];
  const all = [header, ...rows(statuses, updated)];
  const widths = header.map((_, i) =>
    Math.max(...all.map((r) => (r[i] ?? "").length)),
  );
  return all
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i] ?? 0))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

export function renderMarkdown(
  statuses: readonly PinStatus[],
  updated: boolean,
): string {
  const lines = [
    "| action | pinned | newest release | status | release notes |",
    "|---|---|---|---|---|",
  ];
  for (const [repo, pinned, , newest, status, link] of rows(
    statuses,
    updated,
  )) {
    const cell = (text = "") => text.replaceAll("|", "\\|");
    lines.push(
      `| ${cell(repo)} | \`${cell(pinned)}\` | \`${cell(newest)}\` | ${cell(status)} | ${link ? `[notes](${link})` : ""} |`,
    );
  }
  return lines.join("\n");
}

/** One problem per pin that needs a person, saying what happened and what to do. */
export function alarms(statuses: readonly PinStatus[]): Problem[] {
  const out: Problem[] = [];
  for (const status of statuses.filter(needsPerson)) {
    const { entry } = status;
    const at = { file: CATALOG_FILE, line: entry.line };
    const pin = `actions.${entry.key} (${entry.repo} ${entry.version})`;
    if (status.kind === "moved") {
      out.push({
        ...at,
        rule: "pin-tag-moved",
        message: `${pin}: TAG MOVED — the catalog pins ${entry.sha} but the tag now points to ${status.remoteSha}; a published release tag was re-pointed, so trust neither commit until the repository's release history explains it. The pin was left unchanged.`,
      });
    } else if (status.kind === "gone") {
      out.push({
        ...at,
        rule: "pin-tag-gone",
        message: `${pin}: TAG GONE — the repository no longer has tag ${entry.version}; check its releases before trusting any other tag. The pin was left unchanged.`,
      });
    } else if (status.kind === "unreachable") {
      out.push({
        ...at,
        rule: "pin-unreachable",
        message: `${pin}: not checked — ${status.error} (set PINS_GIT_BASE to a reachable mirror, or retry when the network is back)`,
      });
    }
  }
  return out;
}
