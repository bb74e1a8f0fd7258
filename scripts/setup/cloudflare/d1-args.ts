/**
 * wrangler argv for the D1 operation setup needs (the listing is an API read: d1-list.ts). It acts
 * on the remote account (CLOUDFLARE_API_TOKEN / CLOUDFLARE_ACCOUNT_ID). `d1 create` gets --update-config=false: wrangler
 * would otherwise offer to edit the config itself, and without --env it edits the top-level (local)
 * binding; setup writes database_id into the right env block with a JSONC edit instead.
 */
import type {
  D1_JURISDICTIONS,
  D1_LOCATIONS,
} from "../../../workflows-src/builders/environment-model";

export interface D1Placement {
  readonly location?: (typeof D1_LOCATIONS)[number] | undefined;
  readonly jurisdiction?: (typeof D1_JURISDICTIONS)[number] | undefined;
}

export function d1CreateArgs(name: string, placement: D1Placement): string[] {
  return [
    "d1",
    "create",
    name,
    ...(placement.location ? ["--location", placement.location] : []),
    ...(placement.jurisdiction
      ? ["--jurisdiction", placement.jurisdiction]
      : []),
    "--update-config=false",
  ];
}
