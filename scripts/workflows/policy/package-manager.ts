/**
 * Which package manager the checkout uses, as the policy reads it: package.json's `packageManager`
 * field (what corepack installs; workflows-src/pipeline.config.ts must agree, gen checks that).
 * No field: npm. The policy then allows exactly that manager's install and run forms
 * (workflows-src/builders/package-manager.ts) and, for pnpm, `corepack enable`.
 */
import {
  PACKAGE_MANAGERS,
  type PackageManager,
} from "../../../workflows-src/builders/package-manager";

export function configuredManager(
  readFile: (file: string) => string | undefined,
): PackageManager {
  let field: unknown;
  try {
    field = (
      JSON.parse(readFile("package.json") ?? "{}") as {
        packageManager?: unknown;
      }
    ).packageManager;
  } catch {
    return "npm";
  }
  const name = typeof field === "string" ? field.split("@")[0] : undefined;
  return PACKAGE_MANAGERS.find((m) => m === name) ?? "npm";
}
