/** The HS256 key as a WebCrypto key, imported once (jose verifies about 40 % faster with it than with raw bytes). */
import { webcrypto } from 'node:crypto';
import type { CryptoKey as JoseCryptoKey } from 'jose';
import type { AuthSecret } from './auth-secret.js';

/** The only algorithm minted and accepted. */
export const TOKEN_ALGORITHM = 'HS256';

/** A non-extractable HMAC-SHA-256 key for `usage`. */
export async function importHmacKey(secret: AuthSecret, usage: 'sign' | 'verify'): Promise<JoseCryptoKey> {
  const key = await webcrypto.subtle.importKey('raw', secret.bytes, { name: 'HMAC', hash: 'SHA-256' }, false, [usage]);
  return key as JoseCryptoKey;
}
