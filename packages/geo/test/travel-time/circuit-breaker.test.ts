import assert from 'node:assert/strict';
import {
  CircuitBreaker,
  CircuitOpenError,
  DEFAULT_CIRCUIT_BREAKER_OPTIONS,
  GeoInputError,
  TravelTimeError,
  type CircuitBreakerOptions,
  type CircuitStateChange,
} from '@o2o/geo';

/** A manual clock, milliseconds. */
function manualClock(startMs = 1_000_000): { now: () => number; advance: (ms: number) => void } {
  let t = startMs;
  return { now: () => t, advance: (ms) => (t += ms) };
}

const ok = (): Promise<string> => Promise.resolve('ok');
const boom = (): Promise<never> => Promise.reject(new TravelTimeError('TRAVEL_TIME_FAILED', 'down'));

/** Runs `n` failing calls through the breaker (each rejects with the failure). */
async function fail(breaker: CircuitBreaker, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await assert.rejects(breaker.execute(boom), /down/);
}

/** A call that settles when the test says so. */
function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('travel-time/CircuitBreaker', () => {
  it('starts closed and passes results and rejections through', async () => {
    const breaker = new CircuitBreaker();
    assert.equal(breaker.state, 'closed');
    assert.equal(await breaker.execute(ok), 'ok');
    await assert.rejects(breaker.execute(boom), (err: unknown) => err instanceof TravelTimeError && err.message === 'down');
    const stats = breaker.stats();
    assert.equal(stats.successes, 1);
    assert.equal(stats.failures, 1);
    assert.equal(stats.consecutiveFailures, 1);
  });

  it('documents its defaults', () => {
    const breaker = new CircuitBreaker();
    assert.equal(breaker.failureThreshold, DEFAULT_CIRCUIT_BREAKER_OPTIONS.failureThreshold);
    assert.equal(breaker.openMs, 30_000);
    assert.equal(breaker.halfOpenMaxCalls, 1);
    assert.equal(breaker.name, 'circuit');
  });

  it('opens after failureThreshold consecutive failures, and a success resets the count', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 3, now: clock.now });
    await fail(breaker, 2);
    await breaker.execute(ok);
    await fail(breaker, 2);
    assert.equal(breaker.state, 'closed');
    await fail(breaker, 1);
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.stats().halfOpenAtMs, clock.now() + DEFAULT_CIRCUIT_BREAKER_OPTIONS.openMs);
  });

  it('rejects fast while open, without running the call, with TRAVEL_TIME_UNAVAILABLE and the wait left', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ name: 'osrm', failureThreshold: 1, openMs: 1000, now: clock.now });
    await fail(breaker, 1);
    clock.advance(400);
    let ran = 0;
    await assert.rejects(
      breaker.execute(async () => {
        ran++;
        return 1;
      }),
      (err: unknown) => {
        assert.ok(err instanceof CircuitOpenError);
        assert.ok(err instanceof TravelTimeError);
        assert.equal(err.code, 'TRAVEL_TIME_UNAVAILABLE');
        assert.equal(err.breakerName, 'osrm');
        assert.equal(err.retryAfterMs, 600);
        assert.equal(err.message, 'osrm: circuit open, calls rejected for another 600 ms');
        return true;
      },
    );
    assert.equal(ran, 0);
    assert.equal(breaker.stats().rejected, 1);
  });

  it('turns half-open after openMs; a successful trial closes it', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 5000, now: clock.now });
    await fail(breaker, 2);
    clock.advance(4999);
    assert.equal(breaker.state, 'open');
    clock.advance(1);
    assert.equal(breaker.state, 'half-open');
    assert.equal(await breaker.execute(ok), 'ok');
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.stats().consecutiveFailures, 0);
  });

  it('reopens for another openMs when the trial fails', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 1000, now: clock.now });
    await fail(breaker, 1);
    clock.advance(1500);
    await fail(breaker, 1); // the trial
    assert.equal(breaker.state, 'open');
    clock.advance(999);
    await assert.rejects(breaker.execute(ok), CircuitOpenError);
    clock.advance(1);
    assert.equal(await breaker.execute(ok), 'ok');
    assert.equal(breaker.state, 'closed');
  });

  it('lets only halfOpenMaxCalls trials run at a time when half-open', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 100, halfOpenMaxCalls: 2, now: clock.now });
    await fail(breaker, 1);
    clock.advance(100);
    const first = deferred<string>();
    const second = deferred<string>();
    const p1 = breaker.execute(() => first.promise);
    const p2 = breaker.execute(() => second.promise);
    assert.equal(breaker.stats().trialsInFlight, 2);
    await assert.rejects(breaker.execute(ok), (err: unknown) => {
      assert.ok(err instanceof CircuitOpenError);
      assert.equal(err.retryAfterMs, 0);
      assert.match(err.message, /half-open, 2 trial call\(s\) already running/);
      return true;
    });
    first.resolve('a');
    assert.equal(await p1, 'a');
    assert.equal(breaker.state, 'closed');
    // The second trial started before the breaker closed: its failure does not move the state.
    second.reject(new Error('late'));
    await assert.rejects(p2, /late/);
    assert.equal(breaker.state, 'closed');
    assert.equal(breaker.stats().consecutiveFailures, 0);
  });

  it('ignores outcomes of calls that started before the breaker opened', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 2, openMs: 1000, now: clock.now });
    const slow = deferred<string>();
    const pending = breaker.execute(() => slow.promise);
    await fail(breaker, 2);
    assert.equal(breaker.state, 'open');
    slow.resolve('late');
    assert.equal(await pending, 'late');
    assert.equal(breaker.state, 'open');
    assert.equal(breaker.stats().successes, 1);
  });

  it('opens on the failure rate over the rolling window once minCallsInWindow calls ended', async () => {
    const clock = manualClock(0);
    const breaker = new CircuitBreaker({
      failureThreshold: 100,
      failureRateThreshold: 0.5,
      minCallsInWindow: 10,
      windowMs: 10_000,
      now: clock.now,
    });
    // Alternating success and failure: the rate is 50 % but only counts from the 10th call.
    for (let i = 0; i < 4; i++) {
      await breaker.execute(ok);
      await fail(breaker, 1);
      clock.advance(100);
    }
    await breaker.execute(ok);
    assert.equal(breaker.state, 'closed');
    const stats = breaker.stats();
    assert.equal(stats.windowCalls, 9);
    assert.equal(stats.windowFailures, 4);
    await fail(breaker, 1);
    assert.equal(breaker.state, 'open');
  });

  it('forgets failures older than the window', async () => {
    const clock = manualClock(0);
    const breaker = new CircuitBreaker({ failureThreshold: 100, minCallsInWindow: 4, windowMs: 1000, failureRateThreshold: 0.75, now: clock.now });
    await fail(breaker, 3);
    clock.advance(1000); // the three failures leave the window
    await breaker.execute(ok);
    await breaker.execute(ok);
    await breaker.execute(ok);
    await fail(breaker, 1);
    assert.equal(breaker.stats().windowCalls, 4);
    assert.equal(breaker.stats().windowFailures, 1);
    assert.equal(breaker.state, 'closed');
  });

  it('does not count bad input (GeoInputError) or errors isFailure rejects as failures', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1, isFailure: (err) => !(err instanceof RangeError) });
    await assert.rejects(breaker.execute(() => Promise.reject(new RangeError('mine'))), RangeError);
    assert.equal(breaker.state, 'closed');
    const byDefault = new CircuitBreaker({ failureThreshold: 1 });
    const input = new GeoInputError('GEO_INVALID_ARGUMENT', 'x', 'must be 1', 2);
    await assert.rejects(byDefault.execute(() => Promise.reject(input)), GeoInputError);
    await assert.rejects(
      byDefault.execute(() => Promise.reject(new Error('cancelled')), { isFailure: () => false }),
      /cancelled/,
    );
    assert.equal(byDefault.state, 'closed');
    assert.equal(byDefault.stats().ignored, 2);
  });

  it('releases a half-open trial slot on an ignored outcome without closing', async () => {
    const clock = manualClock();
    const breaker = new CircuitBreaker({ failureThreshold: 1, openMs: 10, now: clock.now });
    await fail(breaker, 1);
    clock.advance(10);
    await assert.rejects(breaker.execute(() => Promise.reject(new Error('aborted')), { isFailure: () => false }));
    assert.equal(breaker.state, 'half-open');
    assert.equal(breaker.stats().trialsInFlight, 0);
    assert.equal(await breaker.execute(ok), 'ok');
    assert.equal(breaker.state, 'closed');
  });

  it('counts a synchronous throw of the call as a failure', async () => {
    const breaker = new CircuitBreaker({ failureThreshold: 1 });
    await assert.rejects(
      breaker.execute(() => {
        throw new Error('sync');
      }),
      /sync/,
    );
    assert.equal(breaker.state, 'open');
  });

  it('reports every state change, in order, to the option and to subscribers', async () => {
    const clock = manualClock(0);
    const seen: CircuitStateChange[] = [];
    const viaSubscribe: string[] = [];
    const breaker = new CircuitBreaker({ name: 'b', failureThreshold: 1, openMs: 50, now: clock.now, onStateChange: (c) => seen.push(c) });
    const unsubscribe = breaker.subscribe((c) => viaSubscribe.push(`${c.from}->${c.to}`));
    await fail(breaker, 1);
    clock.advance(70);
    await breaker.execute(ok);
    unsubscribe();
    await fail(breaker, 1);
    breaker.reset();
    assert.deepEqual(
      seen.map((c) => [c.from, c.to, c.reason, c.atMs]),
      [
        ['closed', 'open', 'consecutive-failures', 0],
        ['open', 'half-open', 'open-elapsed', 50],
        ['half-open', 'closed', 'trial-succeeded', 70],
        ['closed', 'open', 'consecutive-failures', 70],
        ['open', 'closed', 'reset', 70],
      ],
    );
    assert.ok(seen.every((c) => c.name === 'b'));
    assert.deepEqual(viaSubscribe, ['closed->open', 'open->half-open', 'half-open->closed']);
    assert.equal(breaker.stats().stateChanges, 5);
  });

  it('validates its options, naming the field', () => {
    const make = (options: unknown) => () => new CircuitBreaker(options as CircuitBreakerOptions);
    assert.throws(make({ failureThreshold: 0 }), /options\.failureThreshold must be an integer in \[1, 1000000\], got 0/);
    assert.throws(make({ failureRateThreshold: 0 }), /options\.failureRateThreshold must be a number in \(0, 1\], got 0/);
    assert.throws(make({ failureRateThreshold: 1.5 }), /options\.failureRateThreshold must be a number in \(0, 1\], got 1\.5/);
    assert.throws(make({ openMs: 2.5 }), /options\.openMs must be an integer in \[1, 86400000\], got 2\.5/);
    assert.throws(make({ windowMs: 5 }), /options\.windowMs must be an integer/);
    assert.throws(make({ halfOpenMaxCalls: 0 }), /options\.halfOpenMaxCalls must be an integer/);
    assert.throws(make({ minCallsInWindow: -1 }), /options\.minCallsInWindow must be an integer/);
    assert.throws(make({ now: 5 }), /options\.now must be a function, got 5/);
    assert.throws(make({ name: '' }), /options\.name must be a non-empty string/);
    assert.throws(make({ openMS: 5 }), (err: unknown) => err instanceof GeoInputError && err.field === 'options.openMS' && /is not an option/.test(err.message));
    assert.throws(make(null), /options must be an object, got null/);
    assert.throws(() => new CircuitBreaker({ openMs: 0 }, 'options.breaker'), /options\.breaker\.openMs must be an integer/);
  });
});
