/** Shared fixtures of the auth tests: a secret, a settable clock, and principals. */
import type { AdminPrincipal, MerchantPrincipal, RiderPrincipal } from '@o2o/dispatch-worker';

/** 48 bytes, recognisable if it ever leaks into a message. */
export const SECRET = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz';
export const OTHER_SECRET = 'another-secret-9876543210-zyxwvutsrqponmlkjihgfedcba';

/** 2026-01-01T00:00:00Z. */
export const T0_MS = Date.UTC(2026, 0, 1);

/** A clock tests move by hand. */
export class TestClock {
  nowMs: number;
  constructor(startMs = T0_MS) {
    this.nowMs = startMs;
  }
  readonly now = (): number => this.nowMs;
  advanceSec(seconds: number): void {
    this.nowMs += seconds * 1000;
  }
  get nowSec(): number {
    return Math.floor(this.nowMs / 1000);
  }
}

const expiresAt = Math.floor(T0_MS / 1000) + 3_600;

export const ADMIN: AdminPrincipal = { role: 'admin', sub: 'ops', expiresAt };
export const MERCHANT: MerchantPrincipal = { role: 'merchant', sub: 'merchant:s1+s2', storeIds: ['s1', 's2'], expiresAt };
export const RIDER: RiderPrincipal = { role: 'rider', sub: 'rider:r1', riderId: 'r1', expiresAt };
