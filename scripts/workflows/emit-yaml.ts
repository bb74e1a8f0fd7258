/**
 * A small YAML writer for workflow data: block mappings and sequences, plain scalars where they are
 * unambiguous, double quotes otherwise, `|` blocks for multi-line strings. Written here instead of
 * using the `yaml` package because generation must start fast (that package alone costs about half
 * of a bare `node --import tsx` start) and because a fixed, tiny set of forms is Prettier-stable by
 * construction: no anchors, no aliases, no folding, no flow collections except `{}` and `[]`.
 */
export type YamlValue =
  | string
  | number
  | boolean
  | null
  | readonly YamlValue[]
  | { readonly [key: string]: YamlValue | undefined };

export interface EmitOptions {
  /** A trailing comment for a scalar, e.g. the release tag after a pinned `uses:` SHA. */
  comment?: (key: string, value: string) => string | undefined;
}

const INDENT = "  ";
const RESERVED = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;
const NUMBER_LIKE = /^[-+]?(?:\.?\d|\.(?:inf|nan)$)/i;
const SAFE_FIRST = /^[A-Za-z0-9_$/(.]/;

function isPlainSafe(text: string): boolean {
  return (
    text.length > 0 &&
    SAFE_FIRST.test(text) &&
    !RESERVED.test(text) &&
    !NUMBER_LIKE.test(text) &&
    !/\s$/.test(text) &&
    !/[\n\r\t]/.test(text) &&
    !text.includes(": ") &&
    !text.includes(" #") &&
    !text.endsWith(":")
  );
}

/**
 * Keys may stay plain when only YAML 1.1 would read them as booleans (`on:` is how every workflow
 * spells its triggers); `true`/`false`/`null` keys are quoted because YAML 1.2 reads them too.
 */
function mappingKey(text: string): string {
  return /^(?:on|off|yes|no|y|n)$/i.test(text) ? text : scalar(text);
}

function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return String(value);
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new Error(`emit-yaml: ${value} is not a finite number`);
    }
    return String(value);
  }
  return isPlainSafe(value) ? value : JSON.stringify(value);
}

function isMultiline(value: YamlValue): value is string {
  return typeof value === "string" && value.includes("\n");
}

/** `|` keeps the text byte for byte; the chomping indicator records how it ends. */
function blockScalar(value: string, indent: string): string {
  const trailing = /\n*$/.exec(value)?.[0].length ?? 0;
  const chomp = trailing === 0 ? "-" : trailing === 1 ? "" : "+";
  const body = trailing === 0 ? value : value.slice(0, -1);
  if (/^[ \t]/.test(body)) {
    throw new Error(
      "emit-yaml: a multi-line string starts with whitespace — trim it (it would need an indentation indicator)",
    );
  }
  const lines = body
    .split("\n")
    .map((line) => (line === "" ? "" : indent + line));
  return `|${chomp}\n${lines.join("\n")}`;
}

function isEmptyCollection(value: YamlValue): boolean {
  if (Array.isArray(value)) return value.length === 0;
  return (
    typeof value === "object" &&
    value !== null &&
    Object.values(value).every((v) => v === undefined)
  );
}

function inline(value: YamlValue, key: string, options: EmitOptions): string {
  if (Array.isArray(value)) return "[]";
  if (typeof value === "object" && value !== null) return "{}";
  const text = scalar(value as string | number | boolean | null);
  const comment =
    typeof value === "string" ? options.comment?.(key, value) : undefined;
  return comment ? `${text} # ${comment}` : text;
}

function isCollection(value: YamlValue): boolean {
  return (
    typeof value === "object" && value !== null && !isEmptyCollection(value)
  );
}

function emitMapping(
  map: { readonly [key: string]: YamlValue | undefined },
  indent: string,
  options: EmitOptions,
): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(map)) {
    if (value === undefined) continue;
    const k = mappingKey(name);
    if (isMultiline(value)) {
      out.push(`${indent}${k}: ${blockScalar(value, indent + INDENT)}`);
    } else if (isCollection(value)) {
      out.push(`${indent}${k}:`);
      out.push(...emitNode(value, indent + INDENT, name, options));
    } else {
      out.push(`${indent}${k}: ${inline(value, name, options)}`);
    }
  }
  return out;
}

function emitSequence(
  items: readonly YamlValue[],
  indent: string,
  key: string,
  options: EmitOptions,
): string[] {
  const out: string[] = [];
  for (const item of items) {
    if (isMultiline(item)) {
      out.push(`${indent}- ${blockScalar(item, indent + INDENT)}`);
    } else if (isCollection(item)) {
      // The first line of a nested collection shares the dash; the rest align under it.
      const [first, ...rest] = emitNode(item, indent + INDENT, key, options);
      out.push(`${indent}- ${(first ?? "").trimStart()}`, ...rest);
    } else {
      out.push(`${indent}- ${inline(item, key, options)}`);
    }
  }
  return out;
}

function emitNode(
  value: YamlValue,
  indent: string,
  key: string,
  options: EmitOptions,
): string[] {
  if (Array.isArray(value)) return emitSequence(value, indent, key, options);
  if (typeof value === "object" && value !== null) {
    return emitMapping(
      value as { readonly [key: string]: YamlValue | undefined },
      indent,
      options,
    );
  }
  return [indent + inline(value, key, options)];
}

/** Serialises a document whose root is a mapping; the result ends with one newline. */
export function emitYaml(
  root: { readonly [key: string]: YamlValue | undefined },
  options: EmitOptions = {},
): string {
  return `${emitMapping(root, "", options).join("\n")}\n`;
}
