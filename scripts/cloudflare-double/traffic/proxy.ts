/**
 * The double as an HTTPS proxy for workers.dev: Node's fetch (NODE_USE_ENV_PROXY=1 + HTTPS_PROXY)
 * sends `CONNECT host:443`; for `*.workers.dev` the double answers 200, terminates TLS with a
 * certificate from its own CA (certs.ts) and serves the request as that host. Any other host is
 * refused: nothing else should leave a test through this proxy.
 */
import type { IncomingMessage, Server as HttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { Duplex } from "node:stream";
import type { CertificateAuthority } from "./certs";
import { isWorkersDev } from "./serve-traffic";

export function attachProxy(
  server: HttpServer,
  ca: CertificateAuthority,
  onRequest: Parameters<typeof createHttpsServer>[1],
): void {
  const tlsServer = createHttpsServer(
    {
      SNICallback: (servername, cb) => {
        try {
          cb(null, ca.contextFor(servername));
        } catch (error) {
          cb(error as Error);
        }
      },
    },
    onRequest,
  );
  server.on("connect", (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const target = req.url ?? "";
    const host = target.replace(/:\d+$/, "");
    if (!isWorkersDev(host)) {
      socket.end(
        `HTTP/1.1 403 Forbidden\r\ncontent-type: text/plain\r\n\r\ncloudflare-double proxy: only *.workers.dev is served, not ${target} — add it to NO_PROXY\r\n`,
      );
      return;
    }
    socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
    if (head.length > 0) socket.unshift(head);
    tlsServer.emit("connection", socket);
  });
}
