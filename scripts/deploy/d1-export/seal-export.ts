/**
 * Seals the D1 export taken before a restore, so it can be uploaded as an artifact without
 * handing user data to everyone who can download artifacts (on a public repository: anyone).
 *
 * Sealed to a public key committed in the repository (D1_EXPORT_RECIPIENT), like age: the runner
 * holds nothing that decrypts it, so no secret has to reach the job, and only whoever holds the
 * private key (offline, outside GitHub) can read it. The format is stock openssl's, so at 2 a.m.
 * decrypting needs openssl and the private key, not this repository:
 * - `<name>.key`: a random passphrase, RSA-OAEP (SHA-256) encrypted to the recipient;
 * - `<name>.enc`: the export, `openssl enc -aes-256-cbc -pbkdf2 -md sha256` with that passphrase.
 * CBC carries no MAC: this protects confidentiality, not against someone who can replace artifacts
 * (that needs write access, which can also change this code).
 */
import {
  constants,
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  pbkdf2Sync,
  privateDecrypt,
  publicEncrypt,
  randomBytes,
  type KeyObject,
} from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The recipient's public key (PEM), committed; absent = exports are not sealed. */
export const D1_EXPORT_RECIPIENT = ".github/d1-export-recipient.pem";
const ITERATIONS = 100_000;
const MIN_RSA_BITS = 3072;
const MAGIC = Buffer.from("Salted__");

/** The recipient key, checked: RSA of at least 3072 bits, or an error naming the fix. */
export function readRecipient(pem: string, where: string): KeyObject {
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (error) {
    throw new Error(
      `${where}: not a PEM public key (${(error as Error).message}) — write it with: openssl pkey -in d1-export.key -pubout -out ${D1_EXPORT_RECIPIENT}`,
      { cause: error },
    );
  }
  const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (key.asymmetricKeyType !== "rsa" || bits < MIN_RSA_BITS)
    throw new Error(
      `${where}: needs an RSA public key of at least ${MIN_RSA_BITS} bits (has ${key.asymmetricKeyType ?? "?"}${bits ? `, ${bits} bits` : ""}) — make one with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out d1-export.key`,
    );
  return key;
}

const oaep = (key: KeyObject | string) => ({
  key,
  padding: constants.RSA_PKCS1_OAEP_PADDING,
  oaepHash: "sha256",
});

function derive(passphrase: string, salt: Buffer): [Buffer, Buffer] {
  const bytes = pbkdf2Sync(passphrase, salt, ITERATIONS, 48, "sha256");
  return [bytes.subarray(0, 32), bytes.subarray(32)];
}

export function seal(
  plain: Buffer,
  recipient: KeyObject,
): { data: Buffer; key: Buffer } {
  const passphrase = randomBytes(32).toString("hex");
  const salt = randomBytes(8);
  const [key, iv] = derive(passphrase, salt);
  const cipher = createCipheriv("aes-256-cbc", key, iv);
  return {
    data: Buffer.concat([MAGIC, salt, cipher.update(plain), cipher.final()]),
    key: publicEncrypt(oaep(recipient), Buffer.from(passphrase)),
  };
}

/** The inverse of seal, for tests and for a reader without openssl. */
export function unseal(
  sealed: { data: Buffer; key: Buffer },
  privateKeyPem: string,
): Buffer {
  const passphrase = privateDecrypt(oaep(privateKeyPem), sealed.key).toString();
  if (!sealed.data.subarray(0, 8).equals(MAGIC))
    throw new Error("not an openssl enc file (no Salted__ header)");
  const [key, iv] = derive(passphrase, sealed.data.subarray(8, 16));
  const decipher = createDecipheriv("aes-256-cbc", key, iv);
  return Buffer.concat([
    decipher.update(sealed.data.subarray(16)),
    decipher.final(),
  ]);
}

export interface SealedFiles {
  readonly data: string;
  readonly key: string;
}

/** Seals `file` into `dir` as <name>.enc + <name>.key; the clear file is left where it is. */
export function sealFile(
  file: string,
  dir: string,
  recipient: KeyObject,
): SealedFiles {
  const sealed = seal(readFileSync(file), recipient);
  const base = path.join(dir, path.basename(file));
  const files = { data: `${base}.enc`, key: `${base}.key` };
  writeFileSync(files.data, sealed.data);
  writeFileSync(files.key, sealed.key);
  return files;
}

/** The two openssl commands that turn the downloaded artifact back into SQL. */
export function openCommands(files: SealedFiles): string[] {
  const data = path.basename(files.data);
  const key = path.basename(files.key);
  const sql = data.replace(/\.enc$/, "");
  return [
    `openssl pkeyutl -decrypt -inkey d1-export.key -pkeyopt rsa_padding_mode:oaep -pkeyopt rsa_oaep_md:sha256 -in ${key} -out ${sql}.pass`,
    `openssl enc -d -aes-256-cbc -pbkdf2 -iter ${ITERATIONS} -md sha256 -pass file:${sql}.pass -in ${data} -out ${sql} && rm ${sql}.pass`,
  ];
}
