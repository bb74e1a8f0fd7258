/**
 * Which package manager the checkout uses, as the policy reads it: package.json's `packageManager`
 * field (what corepack installs; workflows-src/pipeline.config.ts must agree, gen checks that).
 * No field: npm. The policy then allows exactly that manager's install and run forms
 * (workflows-src/builders/package-manager.ts) and, for pnpm, `corepack enable`.
 */
import type { PackageManager } from "../../../workflows-src/builders/package-manager";
import { managerOf } from "../../cli/package-script";

export function configuredManager(
  readFile: (file: string) => string | undefined,
): PackageManager {
  return managerOf(readFile("package.json"));
}
