/**
 * Runs the Cloudflare API double until SIGTERM/SIGINT and prints one JSON line on stdout:
 * `{"url","apiBaseUrl","pid","caFile","accountId","token","subdomain","env":{…}}`.
 *
 *   npm run cloudflare-double -- --port 0 --state DIR [--d1 NAME[:UUID],…]
 */
import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defineCli } from "../cli/define-cli";
import { doubleEnv } from "./double-env";
import { startDoubleServer } from "./server";

const doubleCli = defineCli({
  usage: "npm run cloudflare-double -- [options]",
  description: `Starts a local stand-in for Cloudflare's API (wrangler talks to it through CLOUDFLARE_API_BASE_URL)
that also serves *.workers.dev as an HTTPS proxy. Prints its URL and the env to pass as one JSON line.`,
  options: {
    port: {
      type: "string",
      value: "<n>",
      default: "0",
      description: "port on 127.0.0.1 (default 0: any free port)",
    },
    state: {
      type: "string",
      value: "<dir>",
      description:
        "state directory: D1 SQLite files, snapshots, state.json, TLS files\n(default: a fresh temp dir; an existing state.json is continued)",
    },
    "account-id": {
      type: "string",
      value: "<id>",
      description: "account id (default: random 32 hex)",
    },
    token: {
      type: "string",
      value: "<token>",
      description: "the one valid API token (default: random)",
    },
    subdomain: {
      type: "string",
      value: "<name>",
      default: "example",
      description:
        'the account\'s workers.dev subdomain (default: example; "none" for none)',
    },
    d1: {
      type: "string",
      value: "<name[:uuid],…>",
      description: "D1 databases to create at start, comma-separated",
    },
    "parent-pid": {
      type: "string",
      value: "<pid>",
      description:
        "stop when that process is gone (no orphaned double after a crashed test)",
    },
  },
});

const { values } = doubleCli.parseOrExit();
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `--port: "${values.port}" is not a port number (0–65535) — see --help`,
  );
  process.exit(2);
}
const dir = values.state ?? mkdtempSync(join(tmpdir(), "cloudflare-double-"));
const accountId = values["account-id"] ?? randomBytes(16).toString("hex");
const token = values.token ?? `cfd-${randomBytes(20).toString("hex")}`;
const server = await startDoubleServer({
  dir,
  port,
  accountId,
  tokens: [token],
  subdomain: values.subdomain === "none" ? null : values.subdomain,
});
for (const spec of (values.d1 ?? "").split(",").filter(Boolean)) {
  const [name, uuid] = spec.split(":");
  if (name && server.state.d1.find(uuid ?? name) === undefined)
    server.state.d1.create(name, uuid);
}
server.state.save();
const endpoint = {
  url: server.url,
  apiBaseUrl: server.apiBaseUrl,
  caFile: server.caFile,
  accountId: server.state.accountId,
  token: [...server.state.tokens.keys()][0] ?? token,
};
console.log(
  JSON.stringify({
    ...endpoint,
    pid: process.pid,
    port: server.port,
    state: dir,
    subdomain: server.state.subdomain,
    env: doubleEnv(endpoint),
  }),
);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, stop);
const parent = Number(values["parent-pid"]);
if (Number.isInteger(parent) && parent > 0) {
  setInterval(() => {
    try {
      process.kill(parent, 0);
    } catch {
      stop();
    }
  }, 1000).unref();
}
