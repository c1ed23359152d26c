/**
 * Authorisation as pure functions of a principal, an action of {@link ACCESS_RULES} and the ids
 * of the resource it touches. No I/O: the HTTP layer loads the resource (an order's store and
 * assigned rider), then asks.
 *
 * Typical route:
 * ```ts
 * assertCanAttempt(principal, 'orders.cancel');            // 403 before a lookup that could 404
 * const order = store.getOrder(id);                         // 404 if absent
 * authorize(principal, 'orders.cancel', { storeId: order.storeId, riderId: order.riderId });
 * ```
 * and for a list: `const scope = authorize(principal, 'orders.list', filter)`, then keep the rows
 * for which `isInScope(scope, row)`.
 */
import { ACCESS_RULES, type AccessAction, type AccessRule, type RoleScope } from './access-rules.js';
import { ForbiddenError } from './forbidden-error.js';
import { ROLES, type Principal } from './principal.js';

/** The ids the policy reads from a resource (or, for a collection, from the query's filter). */
export interface AccessResource {
  readonly storeId?: string | undefined;
  readonly riderId?: string | undefined;
}

/** What a principal may see of a collection: everything, some stores, one rider, or nothing. */
export type AccessScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'stores'; readonly storeIds: readonly string[] }
  | { readonly kind: 'rider'; readonly riderId: string }
  | { readonly kind: 'none' };

/** The outcome of {@link decideAccess}. */
export type AccessDecision =
  | { readonly allowed: true; readonly scope: AccessScope }
  | { readonly allowed: false; readonly error: ForbiddenError };

const ALL: AccessScope = Object.freeze({ kind: 'all' });
const NONE: AccessScope = Object.freeze({ kind: 'none' });

function roleScopeOf(principal: Principal, action: AccessAction): RoleScope {
  // Fail closed on an unknown action or role (a JS caller, a table edit).
  const rule = Object.hasOwn(ACCESS_RULES, action) ? (ACCESS_RULES as Readonly<Record<string, AccessRule>>)[action] : undefined;
  return (ROLES as readonly string[]).includes(principal.role) ? (rule?.[principal.role] ?? 'deny') : 'deny';
}

function scopeOf(principal: Principal, roleScope: RoleScope): AccessScope {
  if (roleScope === 'any') return ALL;
  if (roleScope === 'own-store' && principal.role === 'merchant') return { kind: 'stores', storeIds: principal.storeIds };
  if (roleScope === 'own-rider' && principal.role === 'rider') return { kind: 'rider', riderId: principal.riderId };
  return NONE;
}

/** True when the resource lies in the scope (a resource lacking the id a scope needs does not). */
export function isInScope(scope: AccessScope, resource: AccessResource): boolean {
  switch (scope.kind) {
    case 'all':
      return true;
    case 'stores':
      return resource.storeId !== undefined && scope.storeIds.includes(resource.storeId);
    case 'rider':
      return resource.riderId !== undefined && resource.riderId === scope.riderId;
    default:
      return false;
  }
}

/** True when the principal's role may perform the action on some resource (`deny` is the only no). */
export function canAttempt(principal: Principal, action: AccessAction): boolean {
  return roleScopeOf(principal, action) !== 'deny';
}

function who(principal: Principal): string {
  return `${JSON.stringify(principal.sub)} (role ${principal.role})`;
}

function scopeRefusal(principal: Principal, action: AccessAction, scope: AccessScope, resource: AccessResource): ForbiddenError {
  let detail = 'outside its scope';
  if (scope.kind === 'stores') {
    detail = `only for its own stores, ${resource.storeId === undefined ? 'and this resource names no store' : `not store ${JSON.stringify(resource.storeId)}`}`;
  } else if (scope.kind === 'rider') {
    detail = `only as rider ${JSON.stringify(scope.riderId)}, ${resource.riderId === undefined ? 'and this resource names no rider' : `not rider ${JSON.stringify(resource.riderId)}`}`;
  }
  return new ForbiddenError('FORBIDDEN_SCOPE', action, principal.role, `${who(principal)} may ${action} ${detail}`);
}

/**
 * Whether `principal` may perform `action` on `resource`, and within which scope.
 * - role `deny` → refused, `FORBIDDEN_ROLE`;
 * - `item`: the resource must be in scope, else `FORBIDDEN_SCOPE`;
 * - `collection`: a filter naming a store or rider outside the scope is `FORBIDDEN_SCOPE`; an open
 *   filter is allowed, narrowed to the returned scope.
 */
export function decideAccess(principal: Principal, action: AccessAction, resource: AccessResource = {}): AccessDecision {
  const roleScope = roleScopeOf(principal, action);
  if (roleScope === 'deny') {
    const error = new ForbiddenError('FORBIDDEN_ROLE', action, principal.role, `${who(principal)} may not ${action}`);
    return { allowed: false, error };
  }
  const scope = scopeOf(principal, roleScope);
  const inScope =
    ACCESS_RULES[action].kind === 'item'
      ? isInScope(scope, resource)
      : scope.kind !== 'none' &&
        (scope.kind !== 'stores' || resource.storeId === undefined || isInScope(scope, resource)) &&
        (scope.kind !== 'rider' || resource.riderId === undefined || isInScope(scope, resource));
  return inScope ? { allowed: true, scope } : { allowed: false, error: scopeRefusal(principal, action, scope, resource) };
}

/** True when {@link decideAccess} allows it. */
export function isAllowed(principal: Principal, action: AccessAction, resource: AccessResource = {}): boolean {
  return decideAccess(principal, action, resource).allowed;
}

/**
 * Allows or throws; returns the scope (for a collection, what the listing must be narrowed to).
 * @throws {ForbiddenError} `FORBIDDEN_ROLE` or `FORBIDDEN_SCOPE`.
 */
export function authorize(principal: Principal, action: AccessAction, resource: AccessResource = {}): AccessScope {
  const decision = decideAccess(principal, action, resource);
  if (!decision.allowed) throw decision.error;
  return decision.scope;
}

/**
 * Throws unless the role may perform the action at all: call it before loading the resource, so a
 * role that can never act gets 403 rather than learning from a 404 whether the resource exists.
 * @throws {ForbiddenError} `FORBIDDEN_ROLE`.
 */
export function assertCanAttempt(principal: Principal, action: AccessAction): void {
  if (!canAttempt(principal, action)) throw new ForbiddenError('FORBIDDEN_ROLE', action, principal.role, `${who(principal)} may not ${action}`);
}

/** The scope of a collection action for this principal (`none` when its role is denied). */
export function accessScope(principal: Principal, action: AccessAction): AccessScope {
  return scopeOf(principal, roleScopeOf(principal, action));
}

/**
 * Whether an SSE subscriber may receive an event: admin every event, a merchant events carrying one
 * of its stores, a rider events carrying its rider id. An event naming neither is admin-only; an
 * event about several stores (a bundle) is sent once per order so each carries its store.
 */
export function eventVisibleTo(principal: Principal, event: AccessResource): boolean {
  return isInScope(accessScope(principal, 'events.subscribe'), event);
}
