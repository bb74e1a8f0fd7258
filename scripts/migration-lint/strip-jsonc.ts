/**
 * Turns JSONC (as in wrangler.jsonc: // and /* comments, trailing commas) into JSON text while
 * keeping line breaks, so JSON.parse errors still point at the right line.
 */
export function stripJsonc(text: string): string {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const ch = text.charAt(i);
    if (ch === '"') {
      let end = i + 1;
      while (end < text.length && text.charAt(end) !== '"')
        end += text.charAt(end) === "\\" ? 2 : 1;
      out += text.slice(i, end + 1);
      i = end + 1;
    } else if (text.startsWith("//", i)) {
      const end = text.indexOf("\n", i);
      i = end === -1 ? text.length : end;
    } else if (text.startsWith("/*", i)) {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, " ");
      i = stop;
    } else {
      out += ch;
      i += 1;
    }
  }
  return removeTrailingCommas(out);
}

function removeTrailingCommas(json: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < json.length; i += 1) {
    const ch = json.charAt(i);
    if (inString) {
      if (ch === "\\") {
        out += ch + json.charAt(i + 1);
        i += 1;
        continue;
      }
      if (ch === '"') inString = false;
    } else if (ch === '"') {
      inString = true;
    } else if (ch === "," && /^\s*[}\]]/.test(json.slice(i + 1))) {
      continue;
    }
    out += ch;
  }
  return out;
}
