import { createHash, randomBytes } from "node:crypto";
import { API_KEY_PREFIX, API_KEY_RANDOM_LENGTH, apiKeyPrefixOf, BASE58_ALPHABET } from "./key-rules";

/**
 * A new API key: `vmi_` and 40 random base-58 characters. Only its SHA-256 (hex) is stored: the key
 * itself is handed back once, to be shown or printed, and a copy of the database opens nothing.
 * A fast hash suffices (unlike passwords): the key carries about 234 random bits.
 */
export interface NewApiKeySecret {
  /** What the integration sends as `Authorization: Bearer …`. */
  key: string;
  /** What the list shows: `vmi_` and the first six characters. */
  prefix: string;
  /** What the database keeps. */
  sha256: string;
}

/**
 * Each character is drawn from one random byte below 232 (4 × 58) by its remainder, so every one
 * of the 58 is equally likely; the bytes at or above 232 are skipped.
 */
export function randomBase58(length: number): string {
  const limit = 256 - (256 % BASE58_ALPHABET.length);
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte >= limit) continue;
      out += BASE58_ALPHABET[byte % BASE58_ALPHABET.length];
      if (out.length === length) break;
    }
  }
  return out;
}

export function generateApiKey(): NewApiKeySecret {
  const key = `${API_KEY_PREFIX}${randomBase58(API_KEY_RANDOM_LENGTH)}`;
  return { key, prefix: apiKeyPrefixOf(key), sha256: hashApiKey(key) };
}

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}
