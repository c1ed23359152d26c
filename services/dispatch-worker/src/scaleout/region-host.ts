/**
 * Region ownership for one instance: every tick it beats in the instance registry, renews the
 * leases it holds (a lease it cannot renew is dropped at once: its region stops here), and
 * shares the city's regions out: it holds at most ⌈regions ÷ live instances⌉, hands surplus
 * regions back (so a new instance gets work) and takes free ones up to its share, trying them in
 * rendezvous-hash order so instances prefer different regions. A region whose owner died is free
 * once its lease expires (the TTL), so takeover takes one TTL plus one tick plus the restore.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RegionLeases, type HeldLease } from '../store/region-lease.js';
import { regionPrefix } from './city-keys.js';
import type { InstanceRegistry } from './instance-registry.js';
import type { RegionDirectory } from './region-directory.js';
import type { RegionRuntime } from './region-runtime.js';

export interface RegionHostOptions {
  readonly redis: Redis;
  readonly city: string;
  readonly registry: InstanceRegistry;
  readonly directory: RegionDirectory;
  readonly logger: Logger;
  /** Lease TTL; renewed every `ttlMs / 3`. */
  readonly leaseTtlMs: number;
  /** Opens a region under a lease just taken. */
  readonly openRegion: (region: string, lease: HeldLease) => Promise<RegionRuntime>;
  /** Called after a region was taken or dropped here. */
  readonly onChange?: (change: { region: string; held: boolean; token?: number; reason: string }) => void;
}

/** Who owns a region now, as read from its lease. */
export interface RegionOwner {
  readonly instanceId: string;
  readonly token: number;
}

export class RegionHost {
  private readonly runtimes = new Map<string, RegionRuntime>();
  private readonly leasesByRegion = new Map<string, RegionLeases>();
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private stopped = false;
  private readonly lost = new Set<string>();
  /**
   * Regions whose lease was taken here and whose runtime is being opened (restored): the lease,
   * renewed like held ones until it is `lost`, and the open's end.
   */
  private readonly opening = new Map<string, { readonly lease: HeldLease; lost: boolean; done: Promise<void> }>();
  /** Regions taken over / dropped since start. */
  readonly stats = { taken: 0, released: 0, lost: 0, ticks: 0 };

  constructor(private readonly o: RegionHostOptions) {}

  get instanceId(): string {
    return this.o.registry.instanceId;
  }

  /** The runtime of a region held here. */
  runtime(region: string): RegionRuntime | undefined {
    return this.runtimes.get(region);
  }

  /**
   * The runtime of a region held here, after waiting for it when it is being opened here: its
   * lease already names this instance, so other instances send it requests during the restore.
   */
  async whenOpen(region: string): Promise<RegionRuntime | undefined> {
    await this.opening.get(region)?.done;
    return this.runtimes.get(region);
  }

  /** Regions held here. */
  held(): string[] {
    return [...this.runtimes.keys()].sort();
  }

  runtimesHeld(): IterableIterator<RegionRuntime> {
    return this.runtimes.values();
  }

  /** Runs the first tick, then one every `leaseTtlMs / 3`. */
  async start(): Promise<void> {
    await this.tick();
    // The first regions are open (restored) before start resolves.
    await this.allOpened();
    this.timer = setInterval(() => void this.tick(), Math.max(50, Math.floor(this.o.leaseTtlMs / 3)));
    this.timer.unref();
  }

  /** Resolves when every region being opened now is open (or failed). */
  private async allOpened(): Promise<void> {
    await Promise.all([...this.opening.values()].map((o) => o.done));
  }

  /** Marks a region's lease as lost (a write was fenced); it is dropped on the next tick, or now. */
  leaseLost(region: string): void {
    if (!this.runtimes.has(region) || this.lost.has(region)) return;
    this.lost.add(region);
    void this.drop(region, 'lease lost (a write was fenced)', false);
  }

  /** The owner of `region` as its lease says; undefined when nobody holds it. */
  async ownerOf(region: string): Promise<RegionOwner | undefined> {
    const value = await this.o.redis.get(this.leases(region).keyOf(region));
    if (value === null) return undefined;
    const bar = value.lastIndexOf('|');
    return { instanceId: value.slice(0, bar), token: Number(value.slice(bar + 1)) };
  }

  /** One round of beat, renew and share-out (no two rounds overlap). */
  tick(): Promise<void> {
    if (this.ticking !== undefined || this.stopped) return this.ticking ?? Promise.resolve();
    this.ticking = this.round()
      .catch((error: unknown) => this.o.logger.warn({ err: error }, 'region ownership round failed'))
      .finally(() => {
        this.ticking = undefined;
      });
    return this.ticking;
  }

  private async round(): Promise<void> {
    this.stats.ticks++;
    await this.o.registry.beat();
    for (const [region, runtime] of [...this.runtimes]) {
      if (!(await this.leases(region).renew(runtime.lease))) await this.drop(region, 'lease not renewed (expired or taken over)', false);
    }
    // Regions still opening (restoring) keep their leases too: a long restore must not lose them.
    for (const [region, o] of [...this.opening]) {
      if (!o.lost && !(await this.leases(region).renew(o.lease))) o.lost = true;
    }
    if (this.stopped) return;
    const [regions, alive] = await Promise.all([this.o.directory.regions(), this.o.registry.alive()]);
    if (regions.length === 0) return;
    const share = Math.ceil(regions.length / Math.max(1, alive.size));
    const me = this.instanceId;
    const order = regions.map((r) => ({ r, rank: rank(r, me) })).sort((a, b) => (a.rank < b.rank ? -1 : a.rank > b.rank ? 1 : 0));
    const heldOrOpening = (): number => {
      let n = this.runtimes.size;
      for (const o of this.opening.values()) if (!o.lost) n++;
      return n;
    };
    if (this.runtimes.size > share) {
      // Hand back the regions this instance ranks lowest, one per round (keeps the city stable).
      const surplus = order.filter((x) => this.runtimes.has(x.r)).slice(share);
      const last = surplus[surplus.length - 1];
      if (last !== undefined) await this.drop(last.r, `share is ${share} with ${alive.size} instances`, true);
      return;
    }
    for (const { r } of order) {
      if (heldOrOpening() >= share || this.stopped) break;
      if (this.runtimes.has(r) || this.opening.has(r)) continue;
      const lease = await this.leases(r).acquire(r);
      if (lease === undefined) continue;
      // Opened in the background: the next rounds keep renewing this and the other leases meanwhile.
      const entry = { lease, lost: false, done: Promise.resolve() };
      this.opening.set(r, entry);
      entry.done = this.open(r, entry);
    }
  }

  /** Opens a region just acquired; registers it unless the instance stopped or the lease went meanwhile. */
  private async open(r: string, entry: { readonly lease: HeldLease; lost: boolean }): Promise<void> {
    const { lease } = entry;
    try {
      const runtime = await this.o.openRegion(r, lease);
      if (this.stopped || entry.lost) {
        await runtime.close();
        if (this.stopped) await this.leases(r).release(lease).catch(() => false);
        return;
      }
      this.runtimes.set(r, runtime);
      this.lost.delete(r);
      this.stats.taken++;
      this.o.logger.info({ region: r, token: lease.token }, 'region taken');
      this.o.onChange?.({ region: r, held: true, token: lease.token, reason: 'lease acquired' });
    } catch (error) {
      this.o.logger.error({ err: error, region: r }, 'region open failed; lease released');
      await this.leases(r).release(lease).catch(() => false);
    } finally {
      this.opening.delete(r);
    }
  }

  private async drop(region: string, reason: string, release: boolean): Promise<void> {
    const runtime = this.runtimes.get(region);
    if (runtime === undefined) return;
    this.runtimes.delete(region);
    if (release) this.stats.released++;
    else this.stats.lost++;
    this.o.logger.warn({ region, reason }, 'region dropped');
    await runtime.close().catch((error: unknown) => this.o.logger.warn({ err: error, region }, 'region close failed'));
    if (release) await this.leases(region).release(runtime.lease).catch(() => false);
    this.o.onChange?.({ region, held: false, reason });
  }

  /** Stops ticking, closes every region (writes flushed) and releases their leases. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.ticking;
    await this.allOpened();
    for (const region of [...this.runtimes.keys()]) await this.drop(region, 'instance stopping', true);
    await this.o.registry.leave().catch(() => undefined);
  }

  private leases(region: string): RegionLeases {
    let l = this.leasesByRegion.get(region);
    if (l === undefined) {
      l = new RegionLeases(this.o.redis, regionPrefix(this.o.city, region), this.instanceId, this.o.leaseTtlMs);
      this.leasesByRegion.set(region, l);
    }
    return l;
  }
}

/** Rendezvous rank of (region, instance): lower ranks are tried first. */
function rank(region: string, instanceId: string): string {
  return createHash('sha1').update(`${region}|${instanceId}`).digest('hex');
}
