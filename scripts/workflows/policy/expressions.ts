/**
 * What a value reads from GitHub's contexts. Expressions are found inside `${{ … }}` (and in whole
 * `if:` values, which GitHub evaluates without the braces); only their bodies are searched, so a
 * description that mentions "secrets" is not a finding.
 */

/** Bodies of the `${{ … }}` expressions in a value. */
export function expressionsIn(value: string): string[] {
  return [...value.matchAll(/\$\{\{([\s\S]*?)\}\}/g)].map((m) => m[1] ?? "");
}

export interface SecretUse {
  /** Named secrets (`secrets.NAME`, `secrets['NAME']` counts as dynamic). */
  readonly names: readonly string[];
  /** The whole context or a computed index: toJSON(secrets), secrets[…], secrets passed on. */
  readonly dynamic: boolean;
}

export function secretUse(expressions: readonly string[]): SecretUse {
  const names: string[] = [];
  let dynamic = false;
  for (const body of expressions) {
    for (const match of body.matchAll(
      /\bsecrets\b(\s*\.\s*([A-Za-z_][\w-]*))?/g,
    )) {
      if (match[2]) names.push(match[2]);
      else dynamic = true;
    }
  }
  return { names, dynamic };
}

/**
 * Context paths an outsider controls: anything from the event payload (titles, bodies, branch
 * names, commit messages), the head branch, and `inputs` where a caller other than a person with
 * write access (workflow_call, a composite action's user) provides them.
 */
export function untrustedIn(
  expressions: readonly string[],
  inputsUntrusted: boolean,
): string | undefined {
  for (const body of expressions) {
    const found =
      /\bgithub\s*(?:\.\s*event\b|\[\s*['"]event['"]\s*\])[\w.[\]'"*-]*/.exec(
        body,
      ) ??
      /\bgithub\s*(?:\.\s*head_ref\b|\[\s*['"]head_ref['"]\s*\])/.exec(body) ??
      (inputsUntrusted ? /\binputs\b[\w.[\]'"*-]*/.exec(body) : null);
    if (found) return found[0].replace(/\s+/g, "");
  }
  return undefined;
}
