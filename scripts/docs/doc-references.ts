/**
 * Finds what a Markdown guide claims exists in the repository — npm scripts, files, workflows and
 * their jobs — so a test can fail the moment a guide drifts from the code it describes.
 */
export type Reference =
  | { kind: "npm-script"; name: string; line: number }
  | { kind: "path"; path: string; line: number }
  | { kind: "workflow"; file: string; line: number }
  | { kind: "job"; id: string; line: number };

export interface RepoFacts {
  readonly scripts: ReadonlySet<string>;
  readonly pathExists: (path: string) => boolean;
  /** workflow file name (e.g. deploy.yml) → its job ids */
  readonly workflows: ReadonlyMap<string, ReadonlySet<string>>;
}

const NPM_RUN = /\bnpm run(?: -s)? ([a-z][\w:.-]*)/g;
const CODE_SPAN = /`([^`\n]+)`/g;
const LINK = /\]\((?!https?:|mailto:|#)([^)\s#]+)(?:#[^)]*)?\)/g;
/** "job `deploy`" or "jobs `a`, `b` and `c`": job ids are written in code spans after the word. */
const JOB_LIST = /\bjobs? ((?:`[\w-]+`(?:,\s*|\s+and\s+|\s+or\s+)?)+)/g;
const WORKFLOW_FILE = /^[\w-]+\.ya?ml$/;
const REPO_PATH =
  /^(?:\.\/)?(?:\.?[\w@-]+\/)+[\w.@-]*$|^[\w.-]+\.(?:ts|tsx|mjs|cjs|js|json|jsonc|md|sql|sh)$/;
const PATH_ROOTS = [
  "src/",
  "scripts/",
  "workflows-src/",
  "docs/",
  "drizzle/",
  "e2e/",
  ".github/",
  ".ci/",
];

function isRepoPath(token: string): boolean {
  if (
    /[\s*<>{}$|]/.test(token) ||
    token.startsWith("/") ||
    token.includes("://")
  )
    return false;
  const t = token.replace(/^\.\//, "");
  return (
    REPO_PATH.test(t) &&
    (PATH_ROOTS.some((r) => t.startsWith(r)) || !t.includes("/"))
  );
}

export function extractReferences(markdown: string, docDir = ""): Reference[] {
  const refs: Reference[] = [];
  let inFence = false;
  markdown.split("\n").forEach((text, i) => {
    const line = i + 1;
    if (/^\s*(```|~~~)/.test(text)) {
      inFence = !inFence;
    }
    for (const m of text.matchAll(NPM_RUN))
      refs.push({ kind: "npm-script", name: m[1]!, line });
    if (inFence) return;
    for (const m of text.matchAll(CODE_SPAN)) {
      const token = m[1]!.trim();
      if (WORKFLOW_FILE.test(token))
        refs.push({ kind: "workflow", file: token, line });
      else if (isRepoPath(token) && token.includes("/"))
        refs.push({
          kind: "path",
          path: token.replace(/^\.\//, "").replace(/\/$/, ""),
          line,
        });
    }
    for (const m of text.matchAll(JOB_LIST)) {
      for (const id of m[1]!.matchAll(/`([\w-]+)`/g))
        refs.push({ kind: "job", id: id[1]!, line });
    }
    for (const m of text.matchAll(LINK)) {
      const target = m[1]!;
      refs.push({ kind: "path", path: joinPath(docDir, target), line });
    }
  });
  return refs;
}

function joinPath(dir: string, rel: string): string {
  const parts = (dir ? dir.split("/") : []).concat(rel.split("/"));
  const out: string[] = [];
  for (const p of parts) {
    if (p === "" || p === ".") continue;
    if (p === "..") out.pop();
    else out.push(p);
  }
  return out.join("/");
}

/** One line per reference that does not hold, naming the doc, the line and what to fix. */
export function brokenReferences(
  doc: string,
  refs: readonly Reference[],
  repo: RepoFacts,
): string[] {
  const problems: string[] = [];
  const allJobs = new Set(
    [...repo.workflows.values()].flatMap((jobs) => [...jobs]),
  );
  for (const r of refs) {
    const where = `${doc}:${r.line}`;
    if (r.kind === "npm-script" && !repo.scripts.has(r.name)) {
      problems.push(
        `${where}: \`npm run ${r.name}\` — package.json has no "${r.name}" script; fix the guide or add the script`,
      );
    } else if (r.kind === "path" && !repo.pathExists(r.path)) {
      problems.push(
        `${where}: ${r.path} does not exist; fix the path in the guide`,
      );
    } else if (r.kind === "workflow" && !repo.workflows.has(r.file)) {
      problems.push(
        `${where}: workflow ${r.file} is not generated into .github/workflows; fix the name`,
      );
    } else if (r.kind === "job" && !allJobs.has(r.id)) {
      problems.push(
        `${where}: no workflow has a job "${r.id}"; use one of: ${[...allJobs].sort().join(", ")}`,
      );
    }
  }
  return problems;
}
