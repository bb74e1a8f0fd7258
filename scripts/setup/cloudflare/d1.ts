/**
 * Each environment's D1 database: found by name in the account (the API's list, d1-list.ts) or
 * created (`wrangler d1 create` with the source's location/jurisdiction), and its id written into
 * wrangler.jsonc's env block. Re-runs find the database and the id in place: "ok".
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { Environment } from "../../../workflows-src/builders/environment-model";
import { failureReason, type Wrangler } from "../../deploy/wrangler";
import type { SetupItem } from "../report";
import type { Resource } from "../resources";
import { d1CreateArgs } from "./d1-args";
import type { D1Database } from "../../deploy/cloudflare/d1-list";
import { readDatabaseId, writeDatabaseId } from "./wrangler-config-edit";

export interface D1Options {
  readonly wrangler: Wrangler;
  /** Absolute path of wrangler.jsonc. */
  readonly configFile: string;
  /** The account's databases, listed once per run and refreshed after a create. */
  readonly databases: () => Promise<D1Database[]>;
  readonly refresh: () => void;
}

export function d1Resource(env: Environment, options: D1Options): Resource {
  const name = `D1 ${env.d1DatabaseName} (${env.name})`;
  const where = `wrangler.jsonc env.${env.wranglerEnv}.d1_databases[${env.d1Binding}].database_id`;

  function writeId(id: string): void {
    const text = readFileSync(options.configFile, "utf8");
    writeFileSync(
      options.configFile,
      writeDatabaseId(text, env.wranglerEnv, env.d1Binding, id),
    );
  }

  return {
    name,
    inspect: async () => {
      const found = (await options.databases()).find(
        (db) => db.name === env.d1DatabaseName,
      );
      const configured = readDatabaseId(
        readFileSync(options.configFile, "utf8"),
        env.wranglerEnv,
        env.d1Binding,
      );
      if (
        found &&
        env.d1Jurisdiction &&
        (found.jurisdiction ?? undefined) !== env.d1Jurisdiction
      ) {
        throw new Error(
          `${name}: exists with jurisdiction ${found.jurisdiction ?? "none"}, environments.ts asks for ${env.d1Jurisdiction} — a jurisdiction is fixed at creation: choose another d1DatabaseName or move the data`,
        );
      }
      if (found && configured === found.uuid) {
        return { state: "ok", detail: `${found.uuid} in ${where}` };
      }
      if (found) {
        return {
          state: "differs",
          detail: `${where}: ${configured ?? "unset"} → ${found.uuid}`,
          apply: async (): Promise<SetupItem> => {
            writeId(found.uuid);
            return {
              resource: name,
              state: "updated",
              detail: `${where} = ${found.uuid}`,
            };
          },
        };
      }
      const placement = env.d1Jurisdiction
        ? `jurisdiction ${env.d1Jurisdiction}`
        : env.d1Location
          ? `location ${env.d1Location}`
          : "location chosen by Cloudflare";
      return {
        state: "missing",
        detail: `would create (${placement}) and write its id into ${where}`,
        apply: async (): Promise<SetupItem> => {
          const run = await options.wrangler(
            d1CreateArgs(env.d1DatabaseName, {
              location: env.d1Location,
              jurisdiction: env.d1Jurisdiction,
            }),
          );
          if (run.code !== 0 || run.timedOut) {
            throw new Error(
              `wrangler d1 create ${env.d1DatabaseName} failed: ${failureReason(run)}`,
            );
          }
          options.refresh();
          const created = (await options.databases()).find(
            (db) => db.name === env.d1DatabaseName,
          );
          if (!created) {
            throw new Error(
              `${name}: created, but the account's database list does not show it yet — re-run setup to write its id`,
            );
          }
          writeId(created.uuid);
          return {
            resource: name,
            state: "created",
            detail: `${created.uuid} (${placement}), written to ${where}`,
          };
        },
      };
    },
  };
}
