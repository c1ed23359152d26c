/**
 * Riders near a region's border, seen from both sides without double assignment (docs/scaling.md):
 * - **Sharing.** Before each epoch the owner of a region lists its free riders whose position is
 *   within the border rings of another region (`H3Regions.regionsNear`, or inside it) on that
 *   region's guest board (`o2o:{<city>}:guests:<region>`, rider → profile, position, home, expiry),
 *   and reads its own board: those riders join its epoch as guests.
 * - **Claims.** Any region offers a rider work only after claiming it: `o2o:{<city>}:claim:<rider>`
 *   = the region, set if absent (or already ours) with a TTL — the offer's while it is open, hours
 *   while the rider carries the region's orders — and deleted when the rider is free of them. The
 *   home region claims its own riders the same way, so a rider offered by one side is refused by
 *   the other until it is free again.
 * - **Routing.** A rider's offer answers go to the region holding its claim (the router reads it).
 */
import type { H3Regions } from '@o2o/geo';
import type { Redis } from 'ioredis';
import type { DispatchService } from '../service/dispatch-service.js';
import type { GuestRider, RiderGate } from '../service/rider-gate.js';
import type { RiderState } from '../service/rider-registry.js';
import { cityPrefix } from './city-keys.js';

const CLAIM_LUA = `
local cur = redis.call('GET', KEYS[1])
if cur == ARGV[1] then
  redis.call('EXPIRE', KEYS[1], ARGV[2])
  return 1
end
if cur then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return 1
`;

const EXTEND_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('EXPIRE', KEYS[1], ARGV[2]) end
return 0
`;

const RELEASE_LUA = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
`;

interface ClaimCommands {
  o2oRiderClaim(key: string, region: string, ttlSec: number): Promise<number>;
  o2oRiderExtend(key: string, region: string, ttlSec: number): Promise<number>;
  o2oRiderRelease(key: string, region: string): Promise<number>;
}

/** The key of a rider's claim. */
export function riderClaimKey(city: string, riderId: string): string {
  return `${cityPrefix(city)}claim:${riderId}`;
}

/** A region's guest board. */
export function guestBoardKey(city: string, region: string): string {
  return `${cityPrefix(city)}guests:${region}`;
}

interface BoardEntry {
  readonly profile: GuestRider['profile'];
  readonly lng: number;
  readonly lat: number;
  readonly at: number;
  readonly home: string;
  /** Unix seconds after which the entry is stale. */
  readonly until: number;
}

export class BorderRiders implements RiderGate {
  private readonly redis: Redis & ClaimCommands;
  /** What this region last put on each neighbour's board. */
  private readonly published = new Map<string, Set<string>>();

  constructor(
    redis: Redis,
    readonly city: string,
    readonly region: string,
    private readonly regions: H3Regions,
    /** How long a board entry lives without being published again (a few epochs). */
    private readonly entryTtlSec: number,
  ) {
    this.redis = redis as Redis & ClaimCommands;
    redis.defineCommand('o2oRiderClaim', { numberOfKeys: 1, lua: CLAIM_LUA });
    redis.defineCommand('o2oRiderExtend', { numberOfKeys: 1, lua: EXTEND_LUA });
    redis.defineCommand('o2oRiderRelease', { numberOfKeys: 1, lua: RELEASE_LUA });
  }

  async claim(riderId: string, ttlSec: number): Promise<boolean> {
    return (await this.redis.o2oRiderClaim(riderClaimKey(this.city, riderId), this.region, Math.max(1, Math.ceil(ttlSec)))) === 1;
  }

  async extend(riderId: string, ttlSec: number): Promise<void> {
    await this.redis.o2oRiderExtend(riderClaimKey(this.city, riderId), this.region, Math.max(1, Math.ceil(ttlSec)));
  }

  async release(riderId: string): Promise<void> {
    await this.redis.o2oRiderRelease(riderClaimKey(this.city, riderId), this.region);
  }

  /**
   * Before an epoch: puts this region's free riders near (or in) other regions on their boards,
   * takes off those no longer free or near, and hands this region's board to the service as guests.
   */
  async share(service: DispatchService, now: number): Promise<number> {
    const boards = new Map<string, Map<string, string>>();
    const put = (other: string, r: RiderState): void => {
      let board = boards.get(other);
      if (board === undefined) boards.set(other, (board = new Map()));
      const entry: BoardEntry = { profile: r.profile, lng: r.lng, lat: r.lat, at: r.locAt, home: this.region, until: now + this.entryTtlSec };
      board.set(r.profile.id, JSON.stringify(entry));
    };
    // Own riders on shift and free here: who holds a claim on them (another region: busy there).
    const free: RiderState[] = [];
    for (const r of service.riders.values()) {
      const p = r.profile;
      if (r.guestOf !== undefined || !p.onShift || r.locAt === 0 || r.orders.size > 0 || r.offerId !== undefined || p.shiftEnd <= now) continue;
      free.push(r);
    }
    const claims = free.length === 0 ? [] : await this.redis.mget(...free.map((r) => riderClaimKey(this.city, r.profile.id)));
    free.forEach((r, i) => {
      const holder = claims[i];
      if (holder !== null && holder !== undefined && holder !== this.region) {
        // Working for region `holder`: not offered here, and that region gets its positions.
        r.coolDownUntil = Math.max(r.coolDownUntil, now + 1);
        put(holder, r);
        return;
      }
      if (r.coolDownUntil > now) return;
      for (const other of this.regions.regionsNear(r.lng, r.lat)) if (other !== this.region) put(other, r);
    });
    const pipe = this.redis.pipeline();
    for (const [other, board] of boards) pipe.hset(guestBoardKey(this.city, other), Object.fromEntries(board));
    for (const [other, ids] of this.published) {
      const still = boards.get(other);
      const gone = [...ids].filter((id) => still === undefined || !still.has(id));
      if (gone.length > 0) pipe.hdel(guestBoardKey(this.city, other), ...gone);
    }
    pipe.hgetall(guestBoardKey(this.city, this.region));
    const results = await pipe.exec();
    this.published.clear();
    for (const [other, board] of boards) this.published.set(other, new Set(board.keys()));
    const mine = (results?.[results.length - 1]?.[1] ?? {}) as Record<string, string>;
    const guests: GuestRider[] = [];
    const stale: string[] = [];
    for (const [id, text] of Object.entries(mine)) {
      let e: BoardEntry;
      try {
        e = JSON.parse(text) as BoardEntry;
      } catch {
        stale.push(id);
        continue;
      }
      if (e.until < now || e.home === this.region) {
        stale.push(id);
        continue;
      }
      guests.push({ profile: e.profile, lng: e.lng, lat: e.lat, at: e.at, home: e.home });
    }
    // Entries left by a home region that stopped publishing (died, lost the region) expire here.
    if (stale.length > 0) await this.redis.hdel(guestBoardKey(this.city, this.region), ...stale);
    service.setGuests(guests);
    return guests.length;
  }
}
