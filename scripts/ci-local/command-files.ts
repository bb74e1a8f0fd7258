/**
 * GITHUB_OUTPUT / GITHUB_ENV / GITHUB_PATH as the runner reads them after a step: `name=value`
 * lines, or `name<<DELIMITER` … `DELIMITER` for multi-line values.
 * https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#multiline-strings
 */
import { existsSync, readFileSync } from "node:fs";

export function parseKeyValueFile(
  text: string,
  file: string,
): Record<string, string> {
  const result: Record<string, string> = {};
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line === "") continue;
    const heredoc = /^([^=]+?)<<(.+)$/.exec(line);
    const eq = line.indexOf("=");
    if (heredoc && (eq === -1 || eq > line.indexOf("<<"))) {
      const [, name, delimiter] = heredoc as unknown as [
        string,
        string,
        string,
      ];
      const body: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delimiter)
        body.push(lines[i++] as string);
      if (i >= lines.length)
        throw new Error(
          `${file}: ${name}<<${delimiter}: no closing "${delimiter}" line`,
        );
      result[name] = body.join("\n");
    } else if (eq > 0) {
      result[line.slice(0, eq)] = line.slice(eq + 1);
    } else {
      throw new Error(
        `${file}: "${line}": expected name=value or name<<DELIMITER`,
      );
    }
  }
  return result;
}

export function readKeyValueFile(file: string): Record<string, string> {
  return existsSync(file)
    ? parseKeyValueFile(readFileSync(file, "utf8"), file)
    : {};
}

export function readPathFile(file: string): string[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split(/\r?\n/)
    .filter((line) => line.trim() !== "");
}
