/**
 * The `packages:` resolutions of a pnpm-lock.yaml, read line by line in the one form pnpm writes.
 * A YAML parser takes ~1 s on a real 13,000-line lockfile, and the audit reads it for every
 * workflow; the form pnpm writes is regular enough to read exactly. What is not in that form —
 * anchors, tags, multi-line strings, block scalars, a second `resolution:` for one package — is
 * returned as a problem instead of being guessed at: pnpm reads YAML, so a hand-made lockfile
 * could make it see another resolution than a line reader would.
 */

export interface LockedPackage {
  /** The package key as written, quotes removed (`@scope/name@1.2.3`). */
  readonly key: string;
  /** 1-based line of the key. */
  readonly line: number;
  /** `resolution: {…}` as key → value; undefined when the package has none. */
  readonly resolution: Readonly<Record<string, string>> | undefined;
}

export interface LockProblem {
  readonly line: number;
  readonly message: string;
}

const PACKAGE_KEY =
  /^ {2}(?:'((?:[^']|'')+)'|([^\s'"#&*!|>{[\]}%@`,?:-][^\s#]*|@[^\s#]+)):$/;
const RESOLUTION = /^ {4}resolution: \{([^{}]*)\}$/;
/** A one-line value: flow map or list (single-quoted strings inside), quoted or plain scalar. */
const VALUE = String.raw`(?: (?:\{(?:[^{}'"]|'(?:[^']|'')*')*\}|\[(?:[^[\]'"]|'(?:[^']|'')*')*\]|'(?:[^']|'')*'|"[^"\\]*"|[^\s'"&*!|>{[#%@\x60][^#]*))?`;
/** Any other property of a package. */
const PROPERTY = new RegExp(String.raw`^ {4}[A-Za-z][A-Za-z0-9]*:${VALUE}$`);
/** Nested lines (peerDependencies entries, `optional: true`), one level in or deeper. */
const NESTED = new RegExp(
  String.raw`^ {6,}(?:'(?:[^']|'')+'|[^\s'"&*!|>{[#%@\x60-][^:#]*):${VALUE}$`,
);
/** A property whose value is a block scalar (`deprecated: |-`), without an indentation indicator. */
const BLOCK_SCALAR = /^ {4}(?!resolution:)[A-Za-z][A-Za-z0-9]*: [|>][-+]?$/;
/** Block list items under a property (`bundledDependencies:`). */
const NESTED_ITEM = /^ {6,}- (?:'(?:[^']|'')+'|[^\s'"&*!|>{[#%@`-][^:#]*)$/;
const FLOW_ENTRY = /^\s*([A-Za-z]+):\s*([^\s,{}'"][^,{}]*?)\s*$/;

function parseFlowMap(body: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const part of body.split(",")) {
    const entry = FLOW_ENTRY.exec(part);
    if (entry === null) return undefined;
    const [, key = "", value = ""] = entry;
    if (key in out) return undefined;
    out[key] = value;
  }
  return out;
}

export function readPnpmLock(text: string): {
  packages: LockedPackage[];
  problems: LockProblem[];
} {
  const packages: LockedPackage[] = [];
  const problems: LockProblem[] = [];
  const lines = text.split("\n");
  let inPackages = false;
  let current: { key: string; line: number; resolutions: number } | undefined;
  let resolution: Record<string, string> | undefined;
  /** Inside a `key: |-` block scalar: its content indent once known (0 until the first line). */
  let blockScalar: number | undefined;
  const close = () => {
    if (current !== undefined)
      packages.push({ key: current.key, line: current.line, resolution });
    current = undefined;
    resolution = undefined;
  };
  lines.forEach((raw, index) => {
    const line = raw.replace(/\r$/, "");
    const at = index + 1;
    if (line.includes("\r")) {
      // YAML breaks lines on a lone \r too: what this reader takes for one line, pnpm reads as several.
      problems.push({
        line: at,
        message:
          "a carriage return inside a line (YAML reads it as a line break)",
      });
      return;
    }
    if (/\t/.test(line) || /^(?:---|\.\.\.|%)/.test(line)) {
      problems.push({
        line: at,
        message: "a tab, document marker or directive pnpm never writes",
      });
      return;
    }
    if (line.trim() === "") return;
    if (blockScalar !== undefined) {
      const indent = /^ */.exec(line)?.[0].length ?? 0;
      if (blockScalar === 0 && indent > 4) blockScalar = indent;
      if (blockScalar > 0 && indent >= blockScalar) return; // text, as YAML reads it
      blockScalar = undefined;
    }
    if (/^\s*#/.test(line)) return;
    if (!line.startsWith(" ")) {
      close();
      inPackages = /^packages:\s*$/.test(line);
      if (
        !inPackages &&
        !/^[A-Za-z][A-Za-z0-9]*:(?: (?:'[^']*'|[^\s'"&*!|>{[%@`#][^'"#]*))?$/.test(
          line,
        )
      )
        problems.push({
          line: at,
          message: "a top-level line not in the form pnpm writes",
        });
      return;
    }
    if (!inPackages) return;
    const key = PACKAGE_KEY.exec(line);
    if (key !== null) {
      close();
      current = {
        key: key[1]?.replaceAll("''", "'") ?? key[2] ?? "",
        line: at,
        resolutions: 0,
      };
      return;
    }
    const found = RESOLUTION.exec(line);
    if (found !== null && current !== undefined) {
      current.resolutions += 1;
      const parsed = parseFlowMap(found[1] ?? "");
      if (current.resolutions > 1 || parsed === undefined) {
        problems.push({
          line: at,
          message: `${current.key}: ${current.resolutions > 1 ? "a second resolution" : "a resolution not in the form pnpm writes"}`,
        });
        return;
      }
      resolution = parsed;
      return;
    }
    if (current !== undefined && BLOCK_SCALAR.test(line)) {
      blockScalar = 0;
      return;
    }
    if (
      current !== undefined &&
      (PROPERTY.test(line) || NESTED.test(line) || NESTED_ITEM.test(line))
    )
      if (!/^ {4}resolution:/.test(line)) return;
    problems.push({ line: at, message: "a line not in the form pnpm writes" });
  });
  close();
  return { packages, problems };
}
