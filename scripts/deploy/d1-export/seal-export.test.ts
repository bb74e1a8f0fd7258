import { execFileSync } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import {
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openCommands, readRecipient, sealFile, unseal } from "./seal-export";

const pair = (bits: number) =>
  generateKeyPairSync("rsa", {
    modulusLength: bits,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs8", format: "pem" },
  });
const SQL =
  "PRAGMA defer_foreign_keys=TRUE;\nCREATE TABLE notes (id INTEGER PRIMARY KEY, message TEXT);\nINSERT INTO \"notes\" VALUES(1,'written after the bookmark');\n";

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe("sealing the D1 export", () => {
  it("writes nothing readable, and stock openssl with the private key gets the SQL back", () => {
    dir = mkdtempSync(path.join(tmpdir(), "seal-export-"));
    const { publicKey, privateKey } = pair(3072);
    const clear = path.join(dir, "clear", "staging-before-restore.sql");
    const upload = path.join(dir, "upload");
    execFileSync("mkdir", ["-p", path.dirname(clear), upload]);
    writeFileSync(clear, SQL);

    const files = sealFile(clear, upload, readRecipient(publicKey, "test"));
    expect(readdirSync(upload).sort()).toEqual([
      "staging-before-restore.sql.enc",
      "staging-before-restore.sql.key",
    ]);
    const data = readFileSync(files.data);
    expect(data.includes(Buffer.from("notes"))).toBe(false);
    expect(data.subarray(0, 8).toString()).toBe("Salted__");
    expect(
      unseal({ data, key: readFileSync(files.key) }, privateKey).toString(),
    ).toBe(SQL);

    // The runbook's commands, as printed, in the folder the artifact was downloaded to.
    writeFileSync(path.join(upload, "d1-export.key"), privateKey);
    for (const command of openCommands(files))
      execFileSync("sh", ["-c", command], { cwd: upload });
    expect(
      readFileSync(path.join(upload, "staging-before-restore.sql"), "utf8"),
    ).toBe(SQL);
    expect(readdirSync(upload)).not.toContain(
      "staging-before-restore.sql.pass",
    );
  });

  it("refuses a recipient that is not a strong RSA public key, naming the fix", () => {
    expect(() =>
      readRecipient(pair(2048).publicKey, ".github/d1-export-recipient.pem"),
    ).toThrow(
      ".github/d1-export-recipient.pem: needs an RSA public key of at least 3072 bits (has rsa, 2048 bits) — make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out d1-export.key",
    );
    const ec = generateKeyPairSync("ec", {
      namedCurve: "P-256",
      publicKeyEncoding: { type: "spki", format: "pem" },
      privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    expect(() => readRecipient(ec.publicKey, "k.pem")).toThrow(
      "k.pem: needs an RSA public key of at least 3072 bits (has ec)",
    );
    expect(() => readRecipient("not a key", "k.pem")).toThrow(
      /^k\.pem: not a PEM public key .* openssl pkey -in d1-export\.key -pubout -out \.github\/d1-export-recipient\.pem$/,
    );
  });
});
