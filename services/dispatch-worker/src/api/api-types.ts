/**
 * The JSON shapes of the v1 HTTP API (request bodies and answers). Positions are `{ lat, lng }`
 * objects in degrees; every instant is an integer Unix epoch second; durations are integer seconds.
 * The OpenAPI document (`GET /v1/openapi.json`) describes the same shapes.
 */
import type { OrderStatus } from '@o2o/dispatch-core';

/** A position in degrees. */
export interface LatLng {
  readonly lat: number;
  readonly lng: number;
}

/** One line of an order. */
export interface OrderItemBody {
  readonly sku: string;
  /** Units, integer ≥ 1. */
  readonly quantity: number;
  /** Bag units per unit, integer ≥ 0 (default 1). */
  readonly size?: number;
}

/** `POST /v1/orders`. */
export interface CreateOrderBody {
  /** The caller's order id (1–128 chars of `[A-Za-z0-9._:-]`); generated when omitted. */
  readonly id?: string;
  /** Store that fulfils it; omitted: store matching picks the nearest store with the stock. */
  readonly storeId?: string;
  readonly items: readonly OrderItemBody[];
  readonly dropOff: LatLng;
  /** Default: now. */
  readonly placedAt?: number;
  /** Delivery promised by; default placedAt + the service's promise time. */
  readonly promisedBy?: number;
  /** Bag units of the whole order, integer ≥ 1; default Σ quantity × (size ?? 1). */
  readonly size?: number;
  /** Free-form reference of the platform the order came from (kept, not interpreted). */
  readonly externalRef?: string;
}

/** An order as the API returns it. */
export interface OrderView {
  readonly id: string;
  readonly status: OrderStatus;
  readonly storeId?: string;
  readonly riderId?: string;
  readonly items: readonly OrderItemBody[];
  readonly dropOff: LatLng;
  readonly placedAt: number;
  readonly readyAt: number;
  readonly promisedBy: number;
  readonly size: number;
  /** When it entered each status after `placed`. */
  readonly statusAt?: Readonly<Partial<Record<OrderStatus, number>>>;
  /** While a rider has it: the last predicted pickup and drop-off, and whether it will be late. */
  readonly eta?: { readonly pickupAt: number; readonly dropoffAt: number; readonly late: boolean };
}

/** `POST /v1/stores`. */
export interface CreateStoreBody {
  readonly id: string;
  readonly name?: string;
  /** `store` (a shop, restaurant), `warehouse` or `dark_store`. */
  readonly kind: 'store' | 'warehouse' | 'dark_store';
  readonly location: LatLng;
  /**
   * Units on hand per sku. Given: the store tracks stock (orders reserve it at placement, deduct
   * at pickup, release on cancel). Omitted: it does not (a restaurant cooking to order).
   */
  readonly inventory?: Readonly<Record<string, number>>;
  /** Typical seconds from acceptance to ready (default 600). */
  readonly prepTimeSec?: number;
}

/** `POST /v1/riders`. */
export interface CreateRiderBody {
  readonly id: string;
  readonly name?: string;
  /** `walk`, `bike`, `escooter` or `car`. */
  readonly mode: 'walk' | 'bike' | 'escooter' | 'car';
  /** Bag units, integer ≥ 1 (default 10). */
  readonly capacity?: number;
  /** Most orders at once, integer ≥ 1 (default 3). */
  readonly bagLimit?: number;
  /**
   * Where the rider is based. With several regions (docs/scaling.md) it places the rider in a
   * region (required there); otherwise it is kept with the profile.
   */
  readonly home?: { readonly lat: number; readonly lng: number };
}

/** `POST /v1/riders/:riderId/shift`. */
export interface ShiftBody {
  readonly action: 'start' | 'end';
  /** With `start`: where the rider is. */
  readonly position?: LatLng;
  /** With `start`: planned end of the shift (default now + 8 h). */
  readonly shiftEnd?: number;
}

/** `PUT /v1/riders/:riderId/location`. */
export interface LocationBody {
  readonly lat: number;
  readonly lng: number;
  /** When the position was taken; default now. */
  readonly at?: number;
}

/** One entry of `POST /v1/riders/locations`. */
export interface LocationEntry extends LocationBody {
  readonly riderId: string;
}

/** `POST /v1/riders/locations`: up to 1,000 entries. */
export interface LocationBatchBody {
  readonly locations: readonly LocationEntry[];
}

/** Answer of `POST /v1/riders/locations`. */
export interface LocationBatchResult {
  /** Entries applied. */
  readonly accepted: number;
  /** Entries naming a rider that is not registered or not on shift (not applied). */
  readonly rejected: ReadonlyArray<{ readonly index: number; readonly riderId: string; readonly code: string }>;
}

/** `POST /v1/quotes`. */
export interface QuoteBody {
  readonly storeId: string;
  readonly dropOff: LatLng;
  /** Order subtotal in cents (for free-delivery thresholds), integer ≥ 0; default 0. */
  readonly subtotalCents?: number;
  /** Default: now. */
  readonly at?: number;
}

/** The error body of every 4xx/5xx answer. */
export interface ErrorBody {
  readonly error: {
    /** Stable code, e.g. `INVALID_INPUT`, `ILLEGAL_TRANSITION`, `FORBIDDEN_SCOPE`. */
    readonly code: string;
    readonly message: string;
    /** For bad input: the field at fault, the rule it breaks and the value it had. */
    readonly field?: string;
    readonly rule?: string;
    readonly value?: unknown;
    /** Every broken rule when there were several. */
    readonly issues?: ReadonlyArray<{ readonly field: string; readonly rule: string; readonly value?: unknown }>;
    /** The request id (also in the `x-request-id` header and the log line). */
    readonly requestId?: string;
  };
}
