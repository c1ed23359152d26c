/**
 * Region leases on Redis with fencing tokens: at most one instance owns a region at a time. The
 * owner holds `<prefix>lease:<region>` = `<owner>|<token>` with a TTL and renews it; when it stops
 * renewing (dies or pauses) the key expires and another instance acquires the region with a
 * larger token (`<prefix>lease-token:<region>`, never reused). Stores fenced with a lease
 * ({@link RedisOrderStore} `fence`) refuse every write once the lease holds another value, so an
 * owner that wakes up after losing its region cannot write (`LEASE_LOST`).
 */
import type { Redis } from 'ioredis';

const ACQUIRE_LUA = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local owner, token = string.match(cur, '^(.*)|(%d+)$')
  if owner == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return tonumber(token)
  end
  return 0
end
local token = redis.call('INCR', KEYS[2])
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. token, 'PX', ARGV[2])
return token
`;

const RENEW_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface LeaseCommands {
  o2oLeaseAcquire(lease: string, tokenKey: string, owner: string, ttlMs: number): Promise<number>;
  o2oLeaseRenew(lease: string, holder: string, ttlMs: number): Promise<number>;
  o2oLeaseRelease(lease: string, holder: string): Promise<number>;
}

/** A lease this instance holds. */
export interface HeldLease {
  readonly region: string;
  readonly token: number;
  /** The lease key's value while held: `<owner>|<token>`. */
  readonly holder: string;
  /** The lease key. */
  readonly key: string;
}

export class RegionLeases {
  private readonly redis: Redis & LeaseCommands;

  /**
   * @param redis a connection (the store's or another one to the same server)
   * @param prefix the store's key prefix (`o2o:{namespace}:`), so leases and the writes they fence share a slot
   * @param owner this instance's id (no `|`)
   * @param ttlMs how long a lease lives without renewal
   */
  constructor(
    redis: Redis,
    readonly prefix: string,
    readonly owner: string,
    readonly ttlMs: number,
  ) {
    if (owner.length === 0 || owner.includes('|')) throw new RangeError(`owner must be non-empty without "|", got ${JSON.stringify(owner)}`);
    if (!Number.isInteger(ttlMs) || ttlMs < 100) throw new RangeError(`ttlMs must be an integer ≥ 100, got ${ttlMs}`);
    this.redis = redis as Redis & LeaseCommands;
    redis.defineCommand('o2oLeaseAcquire', { numberOfKeys: 2, lua: ACQUIRE_LUA });
    redis.defineCommand('o2oLeaseRenew', { numberOfKeys: 1, lua: RENEW_LUA });
    redis.defineCommand('o2oLeaseRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
  }

  /** The lease key of `region`. */
  keyOf(region: string): string {
    return `${this.prefix}lease:${region}`;
  }

  /** Takes `region` when nobody holds it (or renews it when we do); undefined when another instance holds it. */
  async acquire(region: string): Promise<HeldLease | undefined> {
    const key = this.keyOf(region);
    const token = await this.redis.o2oLeaseAcquire(key, `${this.prefix}lease-token:${region}`, this.owner, this.ttlMs);
    return token === 0 ? undefined : { region, token, holder: `${this.owner}|${token}`, key };
  }

  /** Extends a held lease; false when it was lost (expired, taken over). */
  async renew(lease: HeldLease): Promise<boolean> {
    return (await this.redis.o2oLeaseRenew(lease.key, lease.holder, this.ttlMs)) === 1;
  }

  /** Gives a held lease back at once (a clean shutdown), so another instance need not wait for the TTL. */
  async release(lease: HeldLease): Promise<boolean> {
    return (await this.redis.o2oLeaseRelease(lease.key, lease.holder)) === 1;
  }
}
