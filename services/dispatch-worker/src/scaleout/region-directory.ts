/**
 * Where things live in a city run on several instances: the set of its regions and, for each
 * store, rider and order, the region that holds it (`dir` hash: `s:<id>`, `r:<id>`, `o:<id>`).
 * Entries never change once written (a store does not move; a rider and an order stay in the
 * region they were created in), so lookups are cached without invalidation; the cache is bounded.
 */
import type { Redis } from 'ioredis';
import { cityPrefix } from './city-keys.js';

export type DirectoryKind = 'store' | 'rider' | 'order';

const TAG: Record<DirectoryKind, string> = { store: 's:', rider: 'r:', order: 'o:' };
const CACHE_LIMIT = 200_000;

const UNPLACE_LUA = `
if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then return redis.call('HDEL', KEYS[1], ARGV[1]) end
return 0
`;

export class RegionDirectory {
  private readonly dirKey: string;
  private readonly regionsKey: string;
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly redis: Redis,
    city: string,
  ) {
    this.dirKey = `${cityPrefix(city)}dir`;
    this.regionsKey = `${cityPrefix(city)}regions`;
  }

  /** Records the region of a store, rider or order (first write wins: returns the region it is in). */
  async place(kind: DirectoryKind, id: string, region: string): Promise<string> {
    return (await this.placeNew(kind, id, region)).region;
  }

  /** As {@link place}, also telling whether this call wrote the entry. */
  async placeNew(kind: DirectoryKind, id: string, region: string): Promise<{ region: string; added: boolean }> {
    const field = TAG[kind] + id;
    const added = (await this.redis.hsetnx(this.dirKey, field, region)) === 1;
    const actual = added ? region : ((await this.redis.hget(this.dirKey, field)) ?? region);
    this.remember(field, actual);
    return { region: actual, added };
  }

  /**
   * Takes back an entry this caller just placed (the create it was for was refused), unless it
   * now names another region.
   */
  async unplace(kind: DirectoryKind, id: string, region: string): Promise<void> {
    const field = TAG[kind] + id;
    await this.redis.eval(UNPLACE_LUA, 1, this.dirKey, field, region);
    if (this.cache.get(field) === region) this.cache.delete(field);
  }

  /**
   * The directory write of {@link place} as (key, field, value) for a caller that pipelines it
   * (HSETNX: first write wins); the entry is cached here as written.
   */
  entry(kind: DirectoryKind, id: string, region: string): [string, string, string] {
    const field = TAG[kind] + id;
    this.remember(field, region);
    return [this.dirKey, field, region];
  }

  /** The region of a store, rider or order; undefined when unknown. */
  async regionOf(kind: DirectoryKind, id: string): Promise<string | undefined> {
    const field = TAG[kind] + id;
    const cached = this.cache.get(field);
    if (cached !== undefined) return cached;
    const region = await this.redis.hget(this.dirKey, field);
    if (region !== null) this.remember(field, region);
    return region ?? undefined;
  }

  /** Adds a region to the city (instances then share it out). */
  async addRegion(region: string): Promise<void> {
    await this.redis.sadd(this.regionsKey, region);
  }

  /** The city's regions, sorted. */
  async regions(): Promise<string[]> {
    return (await this.redis.smembers(this.regionsKey)).sort();
  }

  private remember(field: string, region: string): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    this.cache.set(field, region);
  }
}
