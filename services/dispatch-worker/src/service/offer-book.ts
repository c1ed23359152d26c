/**
 * Offers: the dispatch loop's assignment sent to a rider, who accepts or declines it before it
 * expires. The orders are assigned to the rider from the moment of the offer (so no other epoch
 * takes them); a decline or an expiry hands them back to dispatch.
 */

export type OfferStatus = 'open' | 'accepted' | 'declined' | 'expired' | 'withdrawn';

export interface Offer {
  readonly id: string;
  readonly riderId: string;
  /** Drop-off sequence. */
  orderIds: string[];
  readonly createdAt: number;
  readonly expiresAt: number;
  status: OfferStatus;
  /** Planned pickup and drop-off instants from the epoch. */
  readonly pickupAt: number;
  readonly dropoffAt: readonly number[];
}

export class OfferBook {
  private readonly offers = new Map<string, Offer>();
  private seq = 0;

  constructor(private readonly prefix: string) {}

  get open(): number {
    let n = 0;
    for (const o of this.offers.values()) if (o.status === 'open') n++;
    return n;
  }

  /** A new open offer with its id, not in the book yet ({@link OfferBook.add} puts it there). */
  draft(riderId: string, orderIds: readonly string[], now: number, ttlSec: number, pickupAt: number, dropoffAt: readonly number[]): Offer {
    return { id: `${this.prefix}${++this.seq}`, riderId, orderIds: [...orderIds], createdAt: now, expiresAt: now + ttlSec, status: 'open', pickupAt, dropoffAt };
  }

  /** Puts a drafted or restored offer in the book. */
  add(offer: Offer): void {
    this.offers.set(offer.id, offer);
  }

  get(offerId: string): Offer | undefined {
    return this.offers.get(offerId);
  }

  /** Open offers whose time is up at `now`. */
  due(now: number): Offer[] {
    const out: Offer[] = [];
    for (const o of this.offers.values()) if (o.status === 'open' && o.expiresAt <= now) out.push(o);
    return out;
  }

  /** Forgets offers that ended before `before` (answered offers are kept a while for late retries). */
  prune(before: number): void {
    for (const [id, o] of this.offers) if (o.status !== 'open' && o.expiresAt < before) this.offers.delete(id);
  }
}
