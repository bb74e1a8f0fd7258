/**
 * A resource is something `npm run setup` makes match the source: inspect it (read-only), and when
 * asked, apply the difference. Resources run in order, so a later inspection sees what an earlier
 * apply created (an environment before its secrets). A failed resource does not stop the others:
 * everything is idempotent, so a re-run finishes what one run could not.
 */
import type { SetupItem, SetupMode } from "./report";

export interface Inspection {
  /** "ungated": refused to apply because GitHub cannot gate it (accepted with --accept-ungated). */
  readonly state: "ok" | "missing" | "differs" | "ungated";
  readonly detail: string;
  readonly gateOnly?: boolean;
  /** Makes the resource match; returns what it did (created/updated/ungated). */
  readonly apply?: () => Promise<SetupItem>;
}

export interface Resource {
  readonly name: string;
  readonly inspect: () => Promise<Inspection>;
}

export type Describe = (what: string, error: unknown) => string;

export async function runResources(
  resources: readonly Resource[],
  mode: SetupMode,
  describe: Describe,
  onItem: (item: SetupItem) => void = () => {},
): Promise<SetupItem[]> {
  const items: SetupItem[] = [];
  const push = (item: SetupItem) => {
    items.push(item);
    onItem(item);
  };
  for (const resource of resources) {
    let inspection: Inspection;
    try {
      inspection = await resource.inspect();
    } catch (error) {
      push({
        resource: resource.name,
        state: "failed",
        detail: describe(`reading ${resource.name}`, error),
      });
      continue;
    }
    if (mode === "apply" && inspection.state !== "ok" && inspection.apply) {
      try {
        push(await inspection.apply());
      } catch (error) {
        push({
          resource: resource.name,
          state: "failed",
          detail: describe(`changing ${resource.name}`, error),
        });
      }
      continue;
    }
    push({
      resource: resource.name,
      state: inspection.state,
      detail: inspection.detail,
      ...(inspection.gateOnly ? { gateOnly: true } : {}),
    });
  }
  return items;
}
