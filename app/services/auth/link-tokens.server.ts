import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase64urlNoPadding, encodeHexLowerCase } from "@oslojs/encoding";

/**
 * The secrets in e-mailed and printed links (invitations, password resets, the set-up link): 32
 * random bytes, written into the URL in base64url; only their SHA-256 (hex) is stored, so that a
 * copy of the database opens no link.
 */
export interface LinkToken {
  /** What goes into the URL. */
  token: string;
  /** What the database keeps. */
  hash: string;
}

export function generateLinkToken(): LinkToken {
  const bytes = new Uint8Array(32);
  crypto.getRandomValues(bytes);
  const token = encodeBase64urlNoPadding(bytes);
  return { token, hash: hashLinkToken(token) };
}

export function hashLinkToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

/** Whether a URL segment can be a link token at all (43 base64url characters): anything else names nothing. */
export function isLinkTokenShape(value: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(value);
}
