/**
 * A rider's offer as the store keeps it: a catalog row of kind `offer` keyed by the rider's id
 * (the rider's latest offer overwrites the previous one, so the rows stay one per rider). It is
 * written with the assignment of its orders (same transaction) and again when the rider accepts;
 * a decline, an expiry or a withdrawal need no write, since a restored offer keeps only the orders
 * still assigned to its rider. On restore an open offer comes back with its id and expiry (it then
 * expires or is answered as before), and orders assigned under an accepted offer stay with their
 * rider.
 */
import type { CatalogRow } from '../store/order-store.js';
import type { Offer, OfferStatus } from './offer-book.js';

const STATUSES: readonly OfferStatus[] = ['open', 'accepted', 'declined', 'expired', 'withdrawn'];

/** The catalog row of `offer` (as it is now, or with `status`). */
export function offerRow(offer: Offer, status: OfferStatus = offer.status): CatalogRow {
  const { id, riderId, orderIds, createdAt, expiresAt, pickupAt, dropoffAt } = offer;
  return { kind: 'offer', id: riderId, data: { id, riderId, orderIds: [...orderIds], createdAt, expiresAt, pickupAt, dropoffAt: [...dropoffAt], status } };
}

/** The offer a stored row holds, or undefined when the row is not one (it is then ignored). */
export function offerOfRow(data: unknown): Offer | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const o = data as Record<string, unknown>;
  const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
  if (typeof o.id !== 'string' || typeof o.riderId !== 'string' || !isStrings(o.orderIds) || !isNum(o.createdAt) || !isNum(o.expiresAt) || !isNum(o.pickupAt)) return undefined;
  if (!Array.isArray(o.dropoffAt) || !o.dropoffAt.every(isNum) || !STATUSES.includes(o.status as OfferStatus)) return undefined;
  return { id: o.id, riderId: o.riderId, orderIds: [...o.orderIds], createdAt: o.createdAt, expiresAt: o.expiresAt, pickupAt: o.pickupAt, dropoffAt: [...o.dropoffAt], status: o.status as OfferStatus };
}
