/**
 * Where `npm ci` gets its code (pnpm's files: pnpm-sources.ts): the lockfiles, package.json dependency specs and .npmrc of the
 * root package and of the deploy toolset (tools/deploy, installed by `npm run deploy:toolset`).
 * Everything comes from the npm registry, both lockfiles agree on the bytes of the packages they
 * share, and no .npmrc option makes npm run another shell, load code or fetch elsewhere.
 */
import type { PolicyContext } from "./context";
import {
  fromRegistry,
  REGISTRY,
  vendoredTarball,
  verifiedIntegrity,
} from "./registry-spec";
import { pnpmManifestFindings, pnpmSourceFindings } from "./pnpm-sources";
import type { SourceFinding } from "./source-finding";

export { REGISTRY } from "./registry-spec";

export type { SourceFinding } from "./source-finding";

/** The packages `npm ci` installs: the root, and the deploy toolset's own lockfile. */
export const PACKAGE_DIRS: readonly string[] = ["", "tools/deploy"];

/** npm ci prefers it to package-lock.json (red team: a clean package-lock.json beside it hid a URL). */
const SHRINKWRAP = "npm-shrinkwrap.json";

/**
 * .npmrc keys that change only output, prompts or lockfile bookkeeping. Anything else — registry,
 * script-shell, node-options, shell, git, proxy, cafile, ignore-scripts, prefix, globalconfig … —
 * is refused.
 */
export const NPMRC_ALLOWED: ReadonlySet<string> = new Set([
  "fund",
  "audit",
  "loglevel",
  "progress",
  "update-notifier",
  "save-exact",
  "engine-strict",
  "package-lock",
  "omit-lockfile-registry-resolved",
  "color",
]);

const DEPENDENCY_FIELDS = [
  "dependencies",
  "devDependencies",
  "optionalDependencies",
  "peerDependencies",
  "overrides",
] as const;

/** name → spec, nested override objects flattened (`overrides: { a: { b: "…" } }` → a>b). */
function specsOf(
  deps: Record<string, unknown>,
  prefix = "",
): [string, string][] {
  return Object.entries(deps).flatMap(([name, spec]): [string, string][] => {
    if (typeof spec === "string") return [[`${prefix}${name}`, spec]];
    if (typeof spec === "object" && spec !== null) {
      return specsOf(spec as Record<string, unknown>, `${prefix}${name}>`);
    }
    return [];
  });
}

const lineOf = (text: string, needle: string): number | undefined => {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
};

function parseJson(text: string): Record<string, unknown> | undefined {
  try {
    const value = JSON.parse(text) as unknown;
    return typeof value === "object" && value !== null
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

type Packages = Record<
  string,
  {
    version?: string;
    resolved?: string;
    integrity?: string;
    link?: boolean;
    workspaces?: unknown;
  }
>;

/**
 * Whether a lockfile link points at one of the root package's own workspaces (`"workspaces":
 * ["packages/*"]`): code in the checkout, reviewed with the pull request like the rest of it. Only
 * plain folders and `dir/*` patterns; nothing outside the repository.
 */
export function isWorkspaceLink(
  resolved: string | undefined,
  workspaces: unknown,
): boolean {
  if (resolved === undefined || !Array.isArray(workspaces)) return false;
  const parts = resolved.split("/");
  if (resolved.startsWith("/") || parts.some((p) => p === ".." || p === ""))
    return false;
  return workspaces.some((pattern) => {
    if (typeof pattern !== "string") return false;
    if (!pattern.endsWith("/*")) return pattern === resolved;
    const dir = pattern.slice(0, -2);
    return (
      resolved.startsWith(`${dir}/`) &&
      !resolved.slice(dir.length + 1).includes("/")
    );
  });
}

export function npmSourceFindings(ctx: PolicyContext): SourceFinding[] {
  const findings: SourceFinding[] = [];
  const locks = new Map<string, Packages>();
  for (const dir of PACKAGE_DIRS) {
    const at = (file: string) => (dir ? `${dir}/${file}` : file);
    if (ctx.readFile(at(SHRINKWRAP)) !== undefined)
      findings.push({
        file: at(SHRINKWRAP),
        line: 1,
        rule: "lockfile-source",
        message: `npm ci installs ${SHRINKWRAP} instead of package-lock.json, the lockfile this policy reads — delete it and keep package-lock.json`,
      });
    const npmrc = ctx.readFile(at(".npmrc"));
    if (npmrc !== undefined) {
      // npm's and pnpm's ini readers break lines on a lone \r too (red team: `fund=false\rscript-shell=…`).
      npmrc.split(/\r\n|\r|\n/).forEach((raw, index) => {
        const line = raw.trim();
        if (line === "" || line.startsWith("#") || line.startsWith(";")) return;
        const key = line.split("=")[0]?.trim().toLowerCase() ?? "";
        if (NPMRC_ALLOWED.has(key)) return;
        findings.push({
          file: at(".npmrc"),
          line: index + 1,
          rule: "npmrc-option",
          message: `${key} may make npm run another shell, load code or fetch from elsewhere — remove it (allowed: ${[...NPMRC_ALLOWED].join(", ")})`,
        });
      });
    }
    const manifestText = ctx.readFile(at("package.json"));
    const manifest =
      manifestText === undefined ? undefined : parseJson(manifestText);
    for (const field of DEPENDENCY_FIELDS) {
      const deps = manifest?.[field];
      if (typeof deps !== "object" || deps === null) continue;
      for (const [name, spec] of specsOf(deps as Record<string, unknown>)) {
        if (fromRegistry(spec)) continue;
        const vendored = vendoredTarball(spec);
        if (vendored !== undefined && ctx.readFile(at(vendored)) !== undefined)
          continue;
        findings.push({
          file: at("package.json"),
          line: lineOf(
            manifestText ?? "",
            `"${name.split(">").at(-1) ?? name}": ${JSON.stringify(spec)}`,
          ),
          rule: "dependency-source",
          message: `${field}.${name} is "${spec}" — install from the registry with a version, or commit the tarball inside the repository (file:vendor/<name>.tgz) (a URL, git repository or outside tarball is code no lockfile integrity was reviewed for)`,
        });
      }
    }
    findings.push(
      ...pnpmManifestFindings(at("package.json"), manifestText ?? "", manifest),
      ...pnpmSourceFindings(ctx, dir),
    );
    const lockText = ctx.readFile(at("package-lock.json"));
    const lock = lockText === undefined ? undefined : parseJson(lockText);
    const packages = (lock?.["packages"] ?? {}) as Packages;
    locks.set(dir, packages);
    for (const [key, entry] of Object.entries(packages)) {
      if (key === "") continue;
      const resolved = entry.resolved;
      // The lockfile's own root entry: npm ci installs what the lockfile says.
      if (entry.link && isWorkspaceLink(resolved, packages[""]?.workspaces))
        continue;
      // A tarball of this repository, held by its integrity (registry-spec.ts vendoredTarball).
      if (
        !entry.link &&
        resolved !== undefined &&
        vendoredTarball(resolved) !== undefined &&
        verifiedIntegrity(entry.integrity)
      )
        continue;
      if (
        entry.link ||
        (resolved !== undefined && !resolved.startsWith(REGISTRY))
      ) {
        findings.push({
          file: at("package-lock.json"),
          line: lineOf(lockText ?? "", `"${key}"`),
          rule: "lockfile-source",
          message: `${key} resolves to ${resolved ?? "a link"} — every package comes from ${REGISTRY}: regenerate the lockfile from the registry`,
        });
      }
    }
  }
  const root = locks.get("") ?? {};
  for (const dir of PACKAGE_DIRS.filter(Boolean)) {
    const lockText = ctx.readFile(`${dir}/package-lock.json`) ?? "";
    for (const [key, entry] of Object.entries(locks.get(dir) ?? {})) {
      const same = root[key];
      if (key === "" || !same || same.version !== entry.version) continue;
      if (same.integrity !== entry.integrity) {
        findings.push({
          file: `${dir}/package-lock.json`,
          line: lineOf(lockText, `"${key}"`),
          rule: "lockfile-source",
          message: `${key}@${entry.version} has another integrity than in package-lock.json — the deploy toolset installs other bytes than the ones tested: copy the root lockfile's entry`,
        });
      }
    }
  }
  return findings;
}
