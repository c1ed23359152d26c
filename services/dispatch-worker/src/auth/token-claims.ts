/**
 * The role claims a token carries besides the registered ones (`iss`, `aud`, `sub`, `iat`, `exp`,
 * `jti`), and the one validator both minting and verifying use:
 * - `role`: `admin` | `merchant` | `rider`;
 * - `stores`: merchant only, a non-empty array of distinct store ids;
 * - `rider`: rider only, one rider id.
 */
import { isRole, type Principal } from './principal.js';

/** Longest accepted store, rider or subject id, in characters. */
export const MAX_ID_CHARS = 128;
/** Most stores one merchant token may list (keeps tokens within header limits). */
export const MAX_TOKEN_STORES = 200;

/** Claims to mint: the role and its scope; `sub` defaults to {@link defaultSubject}. */
export type TokenClaims =
  | { readonly role: 'admin'; readonly sub?: string }
  | { readonly role: 'merchant'; readonly stores: readonly string[]; readonly sub?: string }
  | { readonly role: 'rider'; readonly rider: string; readonly sub?: string };

/**
 * A broken claim rule: the claim at fault, the rule and the value. Minting reports the value; the
 * verifier leaves it out of its messages (it comes from the caller's token).
 */
export interface ClaimIssue {
  readonly field: string;
  readonly rule: string;
  readonly value: unknown;
}

/** `admin`, `merchant:s1+s2`, `rider:r7`: the subject used when the claims give none. */
export function defaultSubject(claims: TokenClaims): string {
  if (claims.role === 'merchant') return `merchant:${claims.stores.join('+')}`.slice(0, MAX_ID_CHARS);
  if (claims.role === 'rider') return `rider:${claims.rider}`.slice(0, MAX_ID_CHARS);
  return 'admin';
}

// Control characters would let an id forge log lines.
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

function idRule(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_CHARS || CONTROL_CHARS.test(value)) {
    return `must be a non-empty string of at most ${MAX_ID_CHARS} characters without control characters`;
  }
  return undefined;
}

/** The first broken rule of a stores claim, or undefined. */
function storesIssue(stores: unknown): ClaimIssue | undefined {
  if (!Array.isArray(stores) || stores.length === 0 || stores.length > MAX_TOKEN_STORES) {
    return { field: 'stores', rule: `must be a non-empty array of at most ${MAX_TOKEN_STORES} store ids for role merchant`, value: stores };
  }
  const seen = new Set<string>();
  for (const [i, storeId] of stores.entries()) {
    const rule = idRule(storeId);
    if (rule !== undefined) return { field: `stores[${i}]`, rule, value: storeId };
    if (seen.has(storeId as string)) return { field: `stores[${i}]`, rule: 'must not repeat a store', value: storeId };
    seen.add(storeId as string);
  }
  return undefined;
}

/**
 * The first broken rule of a claims object, or undefined when it is valid: `role` known, `sub`
 * an id, `stores` present exactly for merchants, `rider` present exactly for riders.
 */
export function findClaimIssue(claims: Readonly<Record<string, unknown>>): ClaimIssue | undefined {
  const { role, sub, stores, rider } = claims;
  if (!isRole(role)) return { field: 'role', rule: 'must be one of admin, merchant, rider', value: role };
  const subRule = idRule(sub);
  if (subRule !== undefined) return { field: 'sub', rule: subRule, value: sub };
  if (role === 'merchant') {
    const issue = storesIssue(stores);
    if (issue !== undefined) return issue;
  } else if (stores !== undefined) {
    return { field: 'stores', rule: 'is only allowed with role merchant', value: stores };
  }
  if (role === 'rider') {
    const rule = idRule(rider);
    if (rule !== undefined) return { field: 'rider', rule: `${rule} for role rider`, value: rider };
  } else if (rider !== undefined) {
    return { field: 'rider', rule: 'is only allowed with role rider', value: rider };
  }
  return undefined;
}

/**
 * The frozen principal of a verified payload whose claims passed {@link findClaimIssue};
 * `expiresAt` is its `exp`.
 */
export function principalFromClaims(claims: Readonly<Record<string, unknown>>, expiresAt: number): Principal {
  const base = { sub: claims['sub'] as string, expiresAt, ...(typeof claims['jti'] === 'string' ? { tokenId: claims['jti'] } : {}) };
  switch (claims['role']) {
    case 'merchant':
      return Object.freeze({ ...base, role: 'merchant', storeIds: Object.freeze([...(claims['stores'] as string[])]) });
    case 'rider':
      return Object.freeze({ ...base, role: 'rider', riderId: claims['rider'] as string });
    default:
      return Object.freeze({ ...base, role: 'admin' });
  }
}
