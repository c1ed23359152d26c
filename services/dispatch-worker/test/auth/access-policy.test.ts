/**
 * The auth matrix: role × endpoint action × own vs someone else's resource → allow or 403.
 * The expectations below are written out by hand from the issue (#6, item 5) and the decisions
 * documented in access-rules.ts, not derived from ACCESS_RULES, so a table edit that widens or
 * narrows access fails here.
 */
import assert from 'node:assert/strict';
import {
  ACCESS_ACTIONS,
  ACCESS_RULES,
  ForbiddenError,
  accessScope,
  assertCanAttempt,
  authorize,
  canAttempt,
  decideAccess,
  eventVisibleTo,
  isAllowed,
  isInScope,
  type AccessAction,
  type AccessResource,
  type AccessRule,
  type Principal,
} from '@o2o/dispatch-worker';
import { ADMIN, MERCHANT, RIDER } from './auth-fixtures.js';

/** `own`: only on its own resources; `all`: on any; `none`: never. Admin is `all` everywhere. */
type Expected = 'own' | 'all' | 'none';

const MATRIX: Readonly<Record<AccessAction, readonly [merchant: Expected, rider: Expected]>> = {
  'stores.create': ['none', 'none'],
  'stores.list': ['own', 'none'],
  'stores.read': ['own', 'none'],
  'stores.update': ['own', 'none'],
  'inventory.read': ['own', 'none'],
  'inventory.update': ['own', 'none'],
  'riders.create': ['none', 'none'],
  'riders.list': ['none', 'none'],
  'riders.read': ['none', 'own'],
  'riders.shift': ['none', 'own'],
  'riders.location': ['none', 'own'],
  'riders.locations': ['none', 'own'],
  'offers.accept': ['none', 'own'],
  'offers.decline': ['none', 'own'],
  'orders.pickup': ['none', 'own'],
  'orders.dropoff': ['none', 'own'],
  'orders.create': ['own', 'none'],
  'orders.ingest': ['own', 'none'],
  'orders.webhook': ['own', 'none'],
  'orders.read': ['own', 'own'],
  'orders.list': ['own', 'own'],
  'orders.cancel': ['own', 'none'],
  'orders.accept': ['own', 'none'],
  'orders.ready': ['own', 'none'],
  'quotes.create': ['own', 'none'],
  'heatmap.read': ['all', 'all'],
  'events.subscribe': ['own', 'own'],
  'ops.snapshot': ['none', 'none'],
};

/** Resources that are the principal's own (a merchant's store s2; rider r1's order at a foreign store). */
const OWN: Readonly<Record<Principal['role'], AccessResource>> = {
  admin: { storeId: 's9', riderId: 'r9' },
  merchant: { storeId: 's2', riderId: 'r5' },
  rider: { storeId: 's9', riderId: 'r1' },
};
/** Someone else's: another merchant's store, another rider. */
const OTHERS: AccessResource = { storeId: 's9', riderId: 'r9' };

function assertForbidden(principal: Principal, action: AccessAction, resource: AccessResource, code: 'FORBIDDEN_ROLE' | 'FORBIDDEN_SCOPE'): void {
  assert.equal(isAllowed(principal, action, resource), false, `${principal.role} ${action} ${JSON.stringify(resource)} should be refused`);
  assert.throws(() => authorize(principal, action, resource), (error: unknown) => {
    assert.ok(error instanceof ForbiddenError);
    assert.equal(error.status, 403);
    assert.equal(error.code, code, `${principal.role} ${action} ${JSON.stringify(resource)}`);
    assert.equal(error.action, action);
    assert.equal(error.wwwAuthenticate, 'Bearer realm="o2o-dispatch", error="insufficient_scope"');
    return true;
  });
}

function assertAllowed(principal: Principal, action: AccessAction, resource: AccessResource): void {
  assert.equal(isAllowed(principal, action, resource), true, `${principal.role} ${action} ${JSON.stringify(resource)} should be allowed`);
  authorize(principal, action, resource);
}

describe('access policy: the auth matrix', () => {
  it('covers every action of the table, and only those', () => {
    assert.deepEqual([...ACCESS_ACTIONS].sort(), Object.keys(MATRIX).sort());
  });

  for (const action of Object.keys(MATRIX) as AccessAction[]) {
    const [merchant, rider] = MATRIX[action];
    for (const [principal, expected] of [[ADMIN, 'all'], [MERCHANT, merchant], [RIDER, rider]] as const) {
      it(`${action}: ${principal.role} → ${expected === 'none' ? '403 on every resource' : expected === 'all' ? 'allowed on every resource' : 'allowed on its own, 403 on others'}`, () => {
        const own = OWN[principal.role];
        if (expected === 'none') {
          assert.equal(canAttempt(principal, action), false);
          assert.throws(() => assertCanAttempt(principal, action), ForbiddenError);
          assertForbidden(principal, action, own, 'FORBIDDEN_ROLE');
          assertForbidden(principal, action, OTHERS, 'FORBIDDEN_ROLE');
          assertForbidden(principal, action, {}, 'FORBIDDEN_ROLE');
          return;
        }
        assert.equal(canAttempt(principal, action), true);
        assertCanAttempt(principal, action);
        assertAllowed(principal, action, own);
        if (expected === 'all') assertAllowed(principal, action, OTHERS);
        else assertForbidden(principal, action, OTHERS, 'FORBIDDEN_SCOPE');
      });
    }
  }
});

describe('access policy: scopes', () => {
  it('fails closed on an item without the id its scope needs (an unmatched or unassigned order)', () => {
    assertForbidden(MERCHANT, 'orders.read', { riderId: 'r5' }, 'FORBIDDEN_SCOPE');
    assertForbidden(RIDER, 'orders.read', { storeId: 's1' }, 'FORBIDDEN_SCOPE');
    assertForbidden(RIDER, 'orders.pickup', {}, 'FORBIDDEN_SCOPE');
    assertAllowed(ADMIN, 'orders.read', {});
  });

  it('narrows an open list to the principal, and refuses a filter naming someone else', () => {
    assert.deepEqual(authorize(MERCHANT, 'orders.list', {}), { kind: 'stores', storeIds: ['s1', 's2'] });
    assert.deepEqual(authorize(RIDER, 'orders.list', {}), { kind: 'rider', riderId: 'r1' });
    assert.deepEqual(authorize(ADMIN, 'orders.list', {}), { kind: 'all' });
    // A merchant filtering by rider still only sees its stores' orders; a rider filtering by store only its own.
    assert.deepEqual(authorize(MERCHANT, 'orders.list', { riderId: 'r9' }), { kind: 'stores', storeIds: ['s1', 's2'] });
    assert.deepEqual(authorize(RIDER, 'orders.list', { storeId: 's9' }), { kind: 'rider', riderId: 'r1' });
    assertForbidden(MERCHANT, 'orders.list', { storeId: 's9' }, 'FORBIDDEN_SCOPE');
    assertForbidden(RIDER, 'orders.list', { riderId: 'r9' }, 'FORBIDDEN_SCOPE');
    assertForbidden(MERCHANT, 'stores.list', { storeId: 's3' }, 'FORBIDDEN_SCOPE');
  });

  it('filters rows with isInScope', () => {
    const orders = [
      { id: 'o1', storeId: 's1', riderId: 'r1' },
      { id: 'o2', storeId: 's2' },
      { id: 'o3', storeId: 's9', riderId: 'r1' },
      { id: 'o4', storeId: 's9', riderId: 'r9' },
      { id: 'o5' },
    ];
    const visible = (principal: Principal) => orders.filter((o) => isInScope(authorize(principal, 'orders.list'), o)).map((o) => o.id);
    assert.deepEqual(visible(ADMIN), ['o1', 'o2', 'o3', 'o4', 'o5']);
    assert.deepEqual(visible(MERCHANT), ['o1', 'o2']);
    assert.deepEqual(visible(RIDER), ['o1', 'o3']);
    assert.equal(isInScope({ kind: 'none' }, { storeId: 's1', riderId: 'r1' }), false);
  });

  it('shows SSE events to admin, to the merchant of the store and to the rider named', () => {
    const events: AccessResource[] = [{ storeId: 's1' }, { storeId: 's9', riderId: 'r1' }, { riderId: 'r9' }, {}];
    const seen = (principal: Principal) => events.map((event) => eventVisibleTo(principal, event));
    assert.deepEqual(seen(ADMIN), [true, true, true, true]);
    assert.deepEqual(seen(MERCHANT), [true, false, false, false]);
    assert.deepEqual(seen(RIDER), [false, true, false, false]);
  });

  it('gives a denied role the empty scope', () => {
    assert.deepEqual(accessScope(RIDER, 'stores.list'), { kind: 'none' });
    assert.deepEqual(accessScope(MERCHANT, 'heatmap.read'), { kind: 'all' });
  });

  it('fails closed on an unknown action or role', () => {
    assert.equal(isAllowed(ADMIN, 'orders.delete' as AccessAction), false);
    assert.equal(isAllowed(ADMIN, 'toString' as AccessAction), false);
    const forged = { ...ADMIN, role: 'root' } as unknown as Principal;
    assert.equal(isAllowed(forged, 'heatmap.read'), false);
  });

  it('names the principal, the action and the foreign id in a refusal, and keeps the table consistent', () => {
    const decision = decideAccess(MERCHANT, 'orders.cancel', { storeId: 's9' });
    assert.equal(decision.allowed, false);
    assert.equal(!decision.allowed && decision.error.message, '"merchant:s1+s2" (role merchant) may orders.cancel only for its own stores, not store "s9"');
    assert.equal(
      (() => { try { authorize(RIDER, 'orders.cancel', {}); } catch (e) { return (e as Error).message; } return ''; })(),
      '"rider:r1" (role rider) may not orders.cancel',
    );
    for (const action of ACCESS_ACTIONS) {
      const rule: AccessRule = ACCESS_RULES[action];
      assert.match(rule.endpoint, /^(GET|POST|PUT|PATCH|DELETE) \/v1\//, action);
      assert.equal(rule.admin, 'any', `${action}: admin may do everything`);
      assert.ok(rule.merchant !== 'own-rider' && rule.rider !== 'own-store', `${action}: a scope its role cannot hold`);
    }
    assert.equal(new Set(ACCESS_ACTIONS.map((a) => ACCESS_RULES[a].endpoint)).size, ACCESS_ACTIONS.length, 'one action per endpoint');
  });
});
