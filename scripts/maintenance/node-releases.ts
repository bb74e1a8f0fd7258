/**
 * Which Node.js CI runs, judged against nodejs.org's release index. setup-node reads .nvmrc: a
 * major ("22") or major.minor spec resolves to the newest matching release on every run, so it
 * cannot fall behind; an exact spec ("22.12.0") can, and is behind when its major has a newer
 * release — security releases called out. Pure: the index and the spec come in, a report goes out.
 */
import { z } from "zod";

export const releaseSchema = z.object({
  version: z.string().regex(/^v\d+\.\d+\.\d+$/),
  date: z.string(),
  lts: z.union([z.literal(false), z.string()]),
  security: z.boolean(),
});
export const indexSchema = z.array(releaseSchema.passthrough());
export type NodeRelease = z.infer<typeof releaseSchema>;

interface Parsed {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

const parse = (version: string): Parsed => {
  const [major = 0, minor = 0, patch = 0] = version
    .replace(/^v/, "")
    .split(".")
    .map(Number);
  return { major, minor, patch };
};
const compare = (a: Parsed, b: Parsed) =>
  a.major - b.major || a.minor - b.minor || a.patch - b.patch;

export type Spec =
  | { readonly kind: "exact"; readonly version: Parsed }
  | { readonly kind: "range"; readonly major: number; readonly minor?: number }
  | { readonly kind: "lts"; readonly codename: string | "*" };

/** .nvmrc's content → what setup-node would match. Undefined for a spec it cannot judge. */
export function parseSpec(text: string): Spec | undefined {
  const spec = text.trim().replace(/^v/, "");
  const lts = /^lts\/(\*|[a-z]+)$/i.exec(spec);
  if (lts) return { kind: "lts", codename: (lts[1] ?? "*").toLowerCase() };
  const match = /^(\d+)(?:\.(\d+)(?:\.(\d+))?)?$/.exec(spec);
  if (!match) return undefined;
  const [, major, minor, patch] = match;
  if (patch !== undefined) {
    return { kind: "exact", version: parse(`${major}.${minor}.${patch}`) };
  }
  return minor === undefined
    ? { kind: "range", major: Number(major) }
    : { kind: "range", major: Number(major), minor: Number(minor) };
}

function matches(spec: Spec, release: NodeRelease): boolean {
  const v = parse(release.version);
  switch (spec.kind) {
    case "exact":
      return compare(v, spec.version) === 0;
    case "range":
      return (
        v.major === spec.major &&
        (spec.minor === undefined || v.minor === spec.minor)
      );
    case "lts":
      return (
        release.lts !== false &&
        (spec.codename === "*" || release.lts.toLowerCase() === spec.codename)
      );
  }
}

export interface NodeReport {
  readonly spec: string;
  /** The release setup-node installs for the spec today. */
  readonly resolved: NodeRelease | undefined;
  /** Newer releases of the same major that an exact spec misses (newest first). */
  readonly missed: readonly NodeRelease[];
  /** The newest release of any LTS line, when its major is newer than the one CI runs. */
  readonly newerLts: NodeRelease | undefined;
  readonly behind: boolean;
}

export function nodeReport(
  specText: string,
  index: readonly NodeRelease[],
): NodeReport {
  const spec = parseSpec(specText);
  if (!spec) {
    throw new Error(
      `.nvmrc: "${specText.trim()}" is not a Node version spec this report understands — use a major (22), major.minor or an exact version`,
    );
  }
  const sorted = [...index].sort((a, b) =>
    compare(parse(b.version), parse(a.version)),
  );
  const resolved = sorted.find((release) => matches(spec, release));
  const major = resolved ? parse(resolved.version).major : undefined;
  const missed =
    spec.kind === "exact" && resolved
      ? sorted.filter(
          (r) =>
            parse(r.version).major === major &&
            compare(parse(r.version), spec.version) > 0,
        )
      : [];
  const newestLts = sorted.find((release) => release.lts !== false);
  const newerLts =
    newestLts && major !== undefined && parse(newestLts.version).major > major
      ? newestLts
      : undefined;
  return {
    spec: specText.trim(),
    resolved,
    missed,
    newerLts,
    behind: missed.length > 0,
  };
}

const label = (r: NodeRelease) =>
  `${r.version} (${r.date}${r.lts ? `, LTS ${r.lts}` : ""}${r.security ? ", security release" : ""})`;

/** Markdown for the job summary; also readable as plain text in a terminal. */
export function renderNodeReport(report: NodeReport): string {
  const lines = [`### Node.js`, ""];
  if (!report.resolved) {
    lines.push(
      `- .nvmrc \`${report.spec}\` matches no release on nodejs.org — fix .nvmrc`,
    );
    return lines.join("\n");
  }
  lines.push(
    `- .nvmrc \`${report.spec}\` → setup-node installs ${label(report.resolved)}.`,
  );
  if (report.missed.length > 0) {
    const security = report.missed.filter((r) => r.security);
    lines.push(
      `- **Behind**: ${report.missed.length} newer release(s) of the same major: ${report.missed.map(label).join("; ")}.`,
      security.length > 0
        ? `- **${security.length} of them fix security issues** — update .nvmrc to ${report.missed[0]?.version.slice(1)} (or to the major alone, so setup-node always takes the newest patch).`
        : `- Update .nvmrc to ${report.missed[0]?.version.slice(1)} (or to the major alone).`,
    );
  } else {
    lines.push(
      "- Up to date: the spec resolves to the newest release of its line on every run.",
    );
  }
  if (report.newerLts) {
    lines.push(
      `- A newer LTS line exists: ${label(report.newerLts)} — moving needs a reviewed change (.nvmrc, engines, @types/node).`,
    );
  }
  return lines.join("\n");
}
