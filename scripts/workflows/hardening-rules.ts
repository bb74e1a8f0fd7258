/**
 * Hardening rules, judged on the YAML text itself (not on the builders) so a hand edit is caught
 * exactly like a bad builder. Each rule returns problems with a line number where one exists.
 */
import { isMap, isSeq, LineCounter, parseDocument, type Document } from "yaml";
import { findPin } from "../../workflows-src/actions";
import type { Problem } from "./problem";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonMap = { [key: string]: Json };

interface Context {
  readonly file: string;
  readonly lines: readonly string[];
  readonly doc: Document;
  readonly counter: LineCounter;
  readonly problems: Problem[];
}

function asMap(value: Json | undefined): JsonMap | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? value
    : undefined;
}

function lineOf(
  ctx: Context,
  path: readonly (string | number)[],
): number | undefined {
  // Prefer the key's line for mapping entries: that is where a reader looks.
  const parentPath = path.slice(0, -1);
  const last = path.at(-1);
  const parent = parentPath.length
    ? ctx.doc.getIn(parentPath, true)
    : ctx.doc.contents;
  if (isMap(parent) && last !== undefined) {
    const pair = parent.items.find(
      (item) =>
        String((item.key as { value?: unknown } | null)?.value) ===
        String(last),
    );
    const range = (pair?.key as { range?: [number, number, number] } | null)
      ?.range;
    if (range) return ctx.counter.linePos(range[0]).line;
  }
  if (isSeq(parent) && typeof last === "number") {
    const range = (
      parent.items[last] as { range?: [number, number, number] } | undefined
    )?.range;
    if (range) return ctx.counter.linePos(range[0]).line;
  }
  return undefined;
}

function report(
  ctx: Context,
  rule: string,
  path: readonly (string | number)[],
  message: string,
): void {
  const line = lineOf(ctx, path);
  ctx.problems.push({
    file: ctx.file,
    rule,
    message,
    ...(line ? { line } : {}),
  });
}

function triggerNames(on: Json | undefined): string[] {
  if (typeof on === "string") return [on];
  if (Array.isArray(on))
    return on.filter((t): t is string => typeof t === "string");
  return Object.keys(asMap(on) ?? {});
}

function isReadOnlyTop(permissions: Json | undefined): boolean {
  const map = asMap(permissions);
  if (!map) return false;
  const entries = Object.entries(map);
  return (
    entries.length === 0 ||
    (entries.length === 1 &&
      entries[0]?.[0] === "contents" &&
      entries[0]?.[1] === "read")
  );
}

const SHA_REF = /^[^@\s]+@[0-9a-f]{40}$/;
const COMMENT = /#\s*(\S+)\s*$/;

function checkUses(
  ctx: Context,
  uses: string,
  path: readonly (string | number)[],
): void {
  if (uses.startsWith("./")) return;
  if (uses.startsWith("docker://")) {
    if (!/@sha256:[0-9a-f]{64}$/.test(uses)) {
      report(
        ctx,
        "pinned-action",
        path,
        `${uses} is not pinned by digest — use docker://image@sha256:<digest>`,
      );
    }
    return;
  }
  if (!SHA_REF.test(uses)) {
    report(
      ctx,
      "pinned-action",
      path,
      `"${uses}" is not pinned to a full commit SHA — add the action to workflows-src/actions.ts and use actionRef()`,
    );
    return;
  }
  const line = lineOf(ctx, path);
  const comment = line
    ? COMMENT.exec(ctx.lines[line - 1] ?? "")?.[1]
    : undefined;
  if (!comment) {
    report(
      ctx,
      "pinned-action",
      path,
      `${uses} has no version comment — write "# vX.Y.Z" after the SHA (regenerate)`,
    );
  }
  // Reusable workflows from other repositories are not actions; they only need the SHA pin.
  if (uses.includes("/.github/workflows/")) return;
  const pin = findPin(uses);
  if (!pin) {
    report(
      ctx,
      "pinned-action",
      path,
      `${uses} is not in the action catalog — add it to workflows-src/actions.ts`,
    );
  } else if (comment && comment !== pin.version) {
    report(
      ctx,
      "pinned-action",
      path,
      `${uses} is commented "${comment}" but the catalog says ${pin.version} — regenerate`,
    );
  }
}

/**
 * Scopes a job may write. Empty: deploys talk to Cloudflare with environment secrets, never to
 * GitHub, so any write token is a needless risk. Add a scope here with the reason it is needed.
 */
const WRITE_SCOPES_ALLOWED: ReadonlySet<string> = new Set<string>();

const INSTALL =
  /(?:^|[;&|(\s])(?:npm\s+(?:install|i|in|isntall|add)(?=\s|$)|npx\s|yarn(?:\s+(?:install|add)(?=\s|$)|[ \t]*$)|pnpm\s+(?:install|i|add)(?=\s|$))/m;
const SECRET_REF = /\bsecrets\.(\w+)|\bsecrets\[/g;

function readsSecrets(value: Json | undefined): boolean {
  const text = JSON.stringify(value ?? null);
  for (const match of text.matchAll(SECRET_REF)) {
    if (match[1] !== "GITHUB_TOKEN") return true;
  }
  return false;
}

function checkJob(ctx: Context, id: string, job: JsonMap): void {
  const at = (...rest: (string | number)[]) => ["jobs", id, ...rest];
  const reusable = typeof job["uses"] === "string";
  const permissions = job["permissions"];
  if (permissions === undefined) {
    report(
      ctx,
      "job-permissions",
      at(),
      `job ${id} declares no permissions — add permissions: { contents: read } (or less)`,
    );
  } else if (!asMap(permissions)) {
    report(
      ctx,
      "job-permissions",
      at("permissions"),
      `job ${id} uses permissions: ${String(permissions)} — list only the scopes it needs`,
    );
  } else {
    for (const [scope, level] of Object.entries(asMap(permissions) ?? {})) {
      if (level === "write" && !WRITE_SCOPES_ALLOWED.has(scope)) {
        report(
          ctx,
          "job-write-permission",
          at("permissions", scope),
          `job ${id} asks for ${scope}: write — no job of this pipeline writes to GitHub; use read (or add the scope, with its reason, to WRITE_SCOPES_ALLOWED in scripts/workflows/hardening-rules.ts)`,
        );
      }
    }
  }
  if (reusable) {
    checkUses(ctx, job["uses"] as string, at("uses"));
    if (job["secrets"] !== undefined) {
      report(
        ctx,
        "secrets-environment",
        at("secrets"),
        `job ${id} passes secrets to a reusable workflow — read secrets only in a job with an environment`,
      );
    }
  } else if (job["timeout-minutes"] === undefined) {
    report(
      ctx,
      "job-timeout",
      at(),
      `job ${id} has no timeout-minutes — give it a budget (defineJob's timeoutMinutes)`,
    );
  }
  if (!reusable && job["environment"] === undefined && readsSecrets(job)) {
    report(
      ctx,
      "secrets-environment",
      at(),
      `job ${id} reads secrets without an environment — bind it to the GitHub Environment that holds them`,
    );
  }
  const steps = Array.isArray(job["steps"]) ? job["steps"] : [];
  steps.forEach((raw, index) => {
    const step = asMap(raw);
    if (!step) return;
    const uses = step["uses"];
    if (typeof uses === "string") {
      checkUses(ctx, uses, at("steps", index, "uses"));
      if (/^actions\/checkout@/.test(uses)) {
        const persist = asMap(step["with"])?.["persist-credentials"];
        if (persist !== false && persist !== "false") {
          report(
            ctx,
            "checkout-credentials",
            at("steps", index),
            `checkout in job ${id} keeps credentials — set persist-credentials: false (use checkout())`,
          );
        }
      }
    }
    const run = step["run"];
    if (typeof run === "string") {
      if (run.includes("${{")) {
        report(
          ctx,
          "expression-in-run",
          at("steps", index, "run"),
          `job ${id} step ${index + 1} has \${{ … }} in run: — pass the value through env: and read "$NAME"`,
        );
      }
      if (INSTALL.test(run)) {
        report(
          ctx,
          "npm-ci-only",
          at("steps", index, "run"),
          `job ${id} step ${index + 1} installs with something other than npm ci — use npmCi() (npm ci)`,
        );
      }
    }
  });
}

export function hardeningProblems(file: string, text: string): Problem[] {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, uniqueKeys: false });
  const ctx: Context = {
    file,
    lines: text.split("\n"),
    doc,
    counter,
    problems: [],
  };
  if (doc.errors.length > 0) {
    const error = doc.errors[0];
    const line = error ? counter.linePos(error.pos[0]).line : undefined;
    return [
      {
        file,
        rule: "yaml",
        message: `not valid YAML: ${error?.message.split("\n")[0] ?? "parse error"}`,
        ...(line ? { line } : {}),
      },
    ];
  }
  const root = asMap(doc.toJS() as Json);
  if (!root)
    return [
      {
        file,
        rule: "yaml",
        message: "not a workflow (the document is not a mapping)",
      },
    ];

  for (const trigger of triggerNames(root["on"])) {
    if (trigger === "pull_request_target" || trigger === "workflow_run") {
      report(
        ctx,
        "forbidden-trigger",
        ["on", trigger],
        `trigger ${trigger} runs untrusted code with repository secrets — use pull_request (or workflow_call)`,
      );
    }
  }
  if (!isReadOnlyTop(root["permissions"])) {
    report(
      ctx,
      "top-permissions",
      root["permissions"] === undefined ? [] : ["permissions"],
      "workflow permissions must be {} (or only contents: read) — grant scopes per job",
    );
  }
  if (readsSecrets(root["env"] ?? null)) {
    report(
      ctx,
      "secrets-environment",
      ["env"],
      "workflow-level env reads secrets, exposing them to every job — move them to the step of a job with an environment",
    );
  }
  for (const [id, job] of Object.entries(asMap(root["jobs"]) ?? {})) {
    const map = asMap(job);
    if (map) checkJob(ctx, id, map);
  }
  return ctx.problems;
}
