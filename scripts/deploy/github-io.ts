/**
 * The three ways a script talks to GitHub Actions — step outputs, the step summary and error
 * annotations — each a no-op (or plain stderr) outside Actions, so CLIs behave the same locally.
 */
import type { EnvVars } from "./env-vars";
import { appendFileSync } from "node:fs";

export function setOutput(
  name: string,
  value: string,
  env: EnvVars = process.env,
): void {
  if (/[\r\n]/.test(value))
    throw new Error(
      `GITHUB_OUTPUT ${name}: value contains a newline — outputs here are single-line`,
    );
  const file = env["GITHUB_OUTPUT"];
  if (file) appendFileSync(file, `${name}=${value}\n`);
}

/**
 * A CLI's outputs, as its script contract names them (defineCli's `setOutputs`); undefined values
 * are not written.
 */
export function writeOutputs(
  values: Readonly<Record<string, string | undefined>>,
  env: EnvVars = process.env,
): void {
  for (const [name, value] of Object.entries(values))
    if (value !== undefined) setOutput(name, value, env);
}

export function appendSummary(
  markdown: string,
  env: EnvVars = process.env,
): void {
  const file = env["GITHUB_STEP_SUMMARY"];
  if (file)
    appendFileSync(file, markdown.endsWith("\n") ? markdown : `${markdown}\n`);
}

/** Workflow-command escaping, so a message cannot end the annotation or start another command. */
export function escapeAnnotation(message: string): string {
  return message
    .replaceAll("%", "%25")
    .replaceAll("\r", "%0D")
    .replaceAll("\n", "%0A");
}

/** Properties (file, title…) also end at `,` and `:`, so those are escaped too. */
function escapeProperty(value: string): string {
  return escapeAnnotation(value).replaceAll(":", "%3A").replaceAll(",", "%2C");
}

export interface AnnotationPlace {
  /** Repository-relative path: GitHub shows the annotation on that file's line. */
  readonly file?: string;
  readonly line?: number;
  readonly title?: string;
}

/**
 * The one place a `::error` / `::warning` / `::notice` workflow command is spelled: every value
 * escaped, so a message or a file name cannot end the command or start another one.
 */
export function annotation(
  level: "error" | "warning" | "notice",
  message: string,
  place: AnnotationPlace = {},
): string {
  const properties = [
    place.file === undefined ? [] : [`file=${escapeProperty(place.file)}`],
    place.line === undefined ? [] : [`line=${place.line}`],
    place.title === undefined ? [] : [`title=${escapeProperty(place.title)}`],
  ].flat();
  const head =
    properties.length === 0 ? level : `${level} ${properties.join(",")}`;
  return `::${head}::${escapeAnnotation(message)}`;
}

export function reportError(message: string, env: EnvVars = process.env): void {
  console.error(
    env["GITHUB_ACTIONS"] === "true"
      ? annotation("error", message)
      : `error: ${message}`,
  );
}

export function reportWarning(
  message: string,
  env: EnvVars = process.env,
): void {
  console.error(
    env["GITHUB_ACTIONS"] === "true"
      ? annotation("warning", message)
      : `warning: ${message}`,
  );
}

export function markdownTable(
  headers: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const cell = (text: string) =>
    text.replaceAll("|", "\\|").replaceAll("\n", " ");
  return [
    `| ${headers.map(cell).join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}
