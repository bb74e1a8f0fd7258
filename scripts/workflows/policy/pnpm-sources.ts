/**
 * Where `pnpm install` gets its code, for adopters on pnpm: the same rule as npm-sources.ts —
 * every package from the npm registry — read from pnpm's own files. pnpm-lock.yaml records a
 * registry package as `resolution: {integrity}`; a tarball URL, a git repository or a directory
 * outside the repository is code no reviewed integrity covers. pnpm-workspace.yaml holds pnpm's
 * settings (pnpm 10 reads only auth and registry from .npmrc): an allow-list, because settings such
 * as `registry`, `configDependencies`, `pnpmfile` or `dangerouslyAllowAllBuilds` fetch from
 * elsewhere or run code at install.
 */
import { parse } from "yaml";
import { readPnpmLock } from "./pnpm-lockfile";
import type { PolicyContext } from "./context";
import type { SourceFinding } from "./source-finding";
import {
  fromRegistry,
  REGISTRY,
  someIntegrity,
  vendoredTarball,
  verifiedIntegrity,
} from "./registry-spec";

/** Settings that only shape the install of registry packages (docs: pnpm.io/settings). */
export const WORKSPACE_ALLOWED: ReadonlySet<string> = new Set([
  "packages",
  "catalog",
  "catalogs",
  "overrides",
  "onlyBuiltDependencies",
  "ignoredBuiltDependencies",
  "neverBuiltDependencies",
  "patchedDependencies",
  "allowUnusedPatches",
  "peerDependencyRules",
  "allowedDeprecatedVersions",
  "ignoredOptionalDependencies",
  "minimumReleaseAge",
  "minimumReleaseAgeExclude",
  "nodeLinker",
  "shamefullyHoist",
  "hoist",
  "hoistPattern",
  "publicHoistPattern",
  "hoistWorkspacePackages",
  "autoInstallPeers",
  "strictPeerDependencies",
  "resolutionMode",
  "savePrefix",
  "saveExact",
  "linkWorkspacePackages",
  "injectWorkspacePackages",
  "preferWorkspacePackages",
  "dedupePeerDependents",
  "excludeLinksFromLockfile",
  "lockfileIncludeTarballUrl",
  "engineStrict",
  "supportedArchitectures",
  "packageExtensions",
  "allowBuilds",
  "strictDepBuilds",
  "ignoreScripts",
  "catalogMode",
  "cleanupUnusedCatalogs",
  "verifyDepsBeforeRun",
  "trustPolicy",
  "trustPolicyExclude",
  "blockExoticSubdeps",
  "dedupeDirectDeps",
  "dedupeInjectedDeps",
  "sharedWorkspaceLockfile",
  "preferFrozenLockfile",
  "updateConfig",
  "auditConfig",
  "requiredScripts",
  "gitChecks",
]);

/** Fields whose values are dependency specs (name → spec), checked like package.json's. */
const SPEC_FIELDS = ["overrides", "catalog"] as const;

const lineOf = (text: string, needle: string): number | undefined => {
  const at = text.indexOf(needle);
  return at < 0 ? undefined : text.slice(0, at).split("\n").length;
};

/** The file's map; {} for an empty document (comments only); undefined when unreadable or not a map. */
function parseYamlMap(text: string): Record<string, unknown> | undefined {
  try {
    const value = parse(text) as unknown;
    if (value === null || value === undefined) return {};
    return isMap(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isMap(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A `resolution` pnpm can install without trusting anything but the registry. */
function registryResolution(
  resolution: Readonly<Record<string, string>>,
): boolean {
  const tarball = resolution["tarball"];
  // A package of this repository (a workspace or file: dependency): reviewed with the repository.
  if (resolution["type"] === "directory")
    return insideRepository(resolution["directory"] ?? "/");
  if (resolution["type"] !== undefined) return false; // git, directory, …
  if (tarball === undefined) return someIntegrity(resolution["integrity"]);
  // A tarball of this repository, held by its integrity (registry-spec.ts vendoredTarball).
  if (vendoredTarball(tarball) !== undefined)
    return verifiedIntegrity(resolution["integrity"]);
  return tarball.startsWith(REGISTRY);
}

function insideRepository(directory: string): boolean {
  const parts = directory.split(/[\\/]/);
  return (
    !directory.startsWith("/") &&
    !/^[A-Za-z]:/.test(directory) &&
    !parts.includes("..")
  );
}

function describe(resolution: Readonly<Record<string, string>>): string {
  const type = resolution["type"];
  const where =
    resolution["tarball"] ?? resolution["repo"] ?? resolution["directory"];
  return `${type === undefined ? "" : `${type} `}${where ?? "no integrity"}`;
}

function lockFindings(file: string, text: string): SourceFinding[] {
  const { packages, problems } = readPnpmLock(text);
  return [
    ...problems.map((p): SourceFinding => ({
      file,
      line: p.line,
      rule: "lockfile-source",
      message: `${p.message} — pnpm reads YAML, so this could hide where a package comes from: run pnpm install to rewrite the lockfile`,
    })),
    ...packages.flatMap(({ key, line, resolution }): SourceFinding[] =>
      resolution !== undefined && registryResolution(resolution)
        ? []
        : [
            {
              file,
              line,
              rule: "lockfile-source",
              message: `${key} resolves to ${resolution === undefined ? "nothing" : describe(resolution)} — every package comes from ${REGISTRY}: install it from the registry with a version and run pnpm install again`,
            },
          ],
    ),
  ];
}

function specFindings(
  file: string,
  text: string,
  field: string,
  specs: unknown,
): SourceFinding[] {
  if (!isMap(specs)) return [];
  return Object.entries(specs).flatMap(([name, spec]): SourceFinding[] =>
    typeof spec === "string" && !fromRegistry(spec)
      ? [
          {
            file,
            line: lineOf(text, spec),
            rule: "dependency-source",
            message: `${field}.${name} is "${spec}" — install from the registry with a version (a URL, git repository or tarball is code no lockfile integrity was reviewed for)`,
          },
        ]
      : [],
  );
}

function workspaceFindings(file: string, text: string): SourceFinding[] {
  const parsed = parseYamlMap(text);
  // Unreadable here is not unreadable to pnpm (red team: a 1,025-character key): judge nothing unseen.
  if (parsed === undefined && text.trim() !== "")
    return [
      {
        file,
        line: 1,
        rule: "npmrc-option",
        message: `not readable as a YAML map by the policy, though pnpm may read it — write it as pnpm does (plain keys and values)`,
      },
    ];
  const settings = parsed ?? {};
  const findings: SourceFinding[] = [];
  for (const [key, value] of Object.entries(settings)) {
    if (!WORKSPACE_ALLOWED.has(key)) {
      findings.push({
        file,
        line: lineOf(text, `${key}:`),
        rule: "npmrc-option",
        message: `${key} may make pnpm fetch from elsewhere or run code at install — remove it (allowed: ${[...WORKSPACE_ALLOWED].join(", ")})`,
      });
      continue;
    }
    if ((SPEC_FIELDS as readonly string[]).includes(key))
      findings.push(...specFindings(file, text, key, value));
    if (key === "packageExtensions" && isMap(value))
      for (const [target, extension] of Object.entries(value))
        for (const field of ["dependencies", "optionalDependencies"])
          if (isMap(extension))
            findings.push(
              ...specFindings(
                file,
                text,
                `packageExtensions.${target}.${field}`,
                extension[field],
              ),
            );
    if (key === "catalogs" && isMap(value))
      for (const [catalog, specs] of Object.entries(value))
        findings.push(
          ...specFindings(file, text, `catalogs.${catalog}`, specs),
        );
  }
  return findings;
}

/** pnpm's files in one package directory ("" for the root); none when it has no pnpm files. */
export function pnpmSourceFindings(
  ctx: PolicyContext,
  dir: string,
): SourceFinding[] {
  const at = (file: string) => (dir ? `${dir}/${file}` : file);
  const findings: SourceFinding[] = [];
  const lock = ctx.readFile(at("pnpm-lock.yaml"));
  if (lock !== undefined)
    findings.push(...lockFindings(at("pnpm-lock.yaml"), lock));
  const workspace = ctx.readFile(at("pnpm-workspace.yaml"));
  if (workspace !== undefined)
    findings.push(...workspaceFindings(at("pnpm-workspace.yaml"), workspace));
  return findings;
}

/** package.json's `pnpm.overrides` (pnpm's place for them before pnpm-workspace.yaml). */
export function pnpmManifestFindings(
  file: string,
  text: string,
  manifest: Record<string, unknown> | undefined,
): SourceFinding[] {
  const pnpm = manifest?.["pnpm"];
  return isMap(pnpm)
    ? specFindings(file, text, "pnpm.overrides", pnpm["overrides"])
    : [];
}
