/**
 * What `npm run setup` found or did, per resource. Plan/check print these; apply prints what it
 * changed. One type for GitHub and Cloudflare so the CLI renders and judges them the same way.
 */
export type ItemState =
  "ok" | "missing" | "differs" | "created" | "updated" | "ungated" | "failed";

export interface SetupItem {
  readonly resource: string;
  readonly state: ItemState;
  /** One line: what differs, what was done, or the error and its fix. Never a secret value. */
  readonly detail: string;
  /** Differences that only concern approval gates (accepted with --accept-ungated). */
  readonly gateOnly?: boolean;
}

export type SetupMode = "plan" | "apply" | "check";

const MARK: Record<ItemState, string> = {
  ok: "ok      ",
  missing: "missing ",
  differs: "differs ",
  created: "created ",
  updated: "updated ",
  ungated: "UNGATED ",
  failed: "FAILED  ",
};

export function renderItems(items: readonly SetupItem[]): string {
  return items
    .map((item) =>
      `${MARK[item.state]} ${item.resource}${item.detail ? ` — ${item.detail}` : ""}`.trimEnd(),
    )
    .join("\n");
}

/** The last line of a run: counts that a human and a test can read. */
export function summarize(
  items: readonly SetupItem[],
  mode: SetupMode,
): string {
  const count = (state: ItemState) =>
    items.filter((i) => i.state === state).length;
  const pending = count("missing") + count("differs");
  const changed = count("created") + count("updated");
  const problems = count("failed") + count("ungated");
  if (mode === "apply") {
    const head = changed === 0 ? "no changes" : `${changed} change(s) applied`;
    return problems === 0
      ? head
      : `${head}; ${problems} problem(s) — see above`;
  }
  if (pending === 0 && problems === 0)
    return "no changes: live settings match the source";
  return `${pending} resource(s) to create or change${problems ? `, ${problems} problem(s)` : ""}${mode === "plan" ? " — run with --apply" : ""}`;
}

/** Exit status: apply/check fail on anything not in place; plan fails only on errors. */
export function exitCode(
  items: readonly SetupItem[],
  mode: SetupMode,
  acceptUngated: boolean,
): number {
  const bad = items.filter((item) => {
    if (
      item.state === "ok" ||
      item.state === "created" ||
      item.state === "updated"
    )
      return false;
    if (acceptUngated && (item.state === "ungated" || item.gateOnly === true))
      return false;
    if (mode === "plan")
      return item.state === "failed" || item.state === "ungated";
    return true;
  });
  return bad.length === 0 ? 0 : 1;
}
