/**
 * TLS for the workers.dev traffic the double serves as an HTTPS proxy: a throw-away CA made at
 * start with /usr/bin/openssl (children trust it through NODE_EXTRA_CA_CERTS), and one leaf
 * certificate per `*.<subdomain>.workers.dev`, made when a client first asks for that name (SNI).
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createSecureContext, type SecureContext } from "node:tls";

const OPENSSL = "openssl";

function openssl(args: readonly string[], cwd: string): void {
  execFileSync(OPENSSL, args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

export interface CertificateAuthority {
  readonly caFile: string;
  /** Secure context for a host name like `x.example.workers.dev` (cached per subdomain). */
  contextFor(servername: string): SecureContext;
}

export function createCertificateAuthority(dir: string): CertificateAuthority {
  mkdirSync(dir, { recursive: true });
  const ec = [
    "-newkey",
    "ec",
    "-pkeyopt",
    "ec_paramgen_curve:prime256v1",
    "-nodes",
  ];
  openssl(
    [
      "req",
      "-x509",
      ...ec,
      "-keyout",
      "ca.key",
      "-out",
      "ca.pem",
      "-days",
      "2",
      "-subj",
      "/CN=cloudflare-double test CA",
      "-addext",
      "basicConstraints=critical,CA:TRUE",
      "-addext",
      "keyUsage=critical,keyCertSign,cRLSign",
    ],
    dir,
  );
  const cache = new Map<string, SecureContext>();
  let serial = 1;
  return {
    caFile: join(dir, "ca.pem"),
    contextFor(servername) {
      // a.b.example.workers.dev → example.workers.dev: one wildcard covers every Worker there.
      const zone = servername.toLowerCase().split(".").slice(-3).join(".");
      const cached = cache.get(zone);
      if (cached !== undefined) return cached;
      const base = `leaf-${zone.replace(/[^a-z0-9.-]/g, "_")}`;
      writeFileSync(
        join(dir, `${base}.ext`),
        [
          `subjectAltName=DNS:*.${zone},DNS:${zone}`,
          "basicConstraints=CA:FALSE",
          "keyUsage=digitalSignature,keyEncipherment",
          "extendedKeyUsage=serverAuth",
          "",
        ].join("\n"),
      );
      openssl(
        [
          "req",
          ...ec,
          "-keyout",
          `${base}.key`,
          "-out",
          `${base}.csr`,
          "-subj",
          `/CN=*.${zone}`,
        ],
        dir,
      );
      serial += 1;
      openssl(
        [
          "x509",
          "-req",
          "-in",
          `${base}.csr`,
          "-CA",
          "ca.pem",
          "-CAkey",
          "ca.key",
          "-set_serial",
          String(serial),
          "-days",
          "2",
          "-out",
          `${base}.pem`,
          "-extfile",
          `${base}.ext`,
        ],
        dir,
      );
      const context = createSecureContext({
        key: readFileSync(join(dir, `${base}.key`)),
        cert: readFileSync(join(dir, `${base}.pem`)),
      });
      cache.set(zone, context);
      return context;
    },
  };
}
