/**
 * The Lua scripts of {@link RedisOrderStore}: each write is one script, so Redis applies it
 * atomically (all its preconditions are checked before the first write: a script is not rolled
 * back when it fails half-way). Every key of a store starts with its prefix `o2o:{namespace}:`;
 * the `{namespace}` hash tag keeps them in one Redis Cluster slot.
 *
 * Layout under the prefix:
 * - `seq`, `rseq`: counters for order and reservation creation order (list cursors, restore order);
 * - `order:<id>`: hash `seq v st store rider data` (data = the order's JSON);
 * - `all`, `status:<s>`, `store:<id>`, `rider:<id>`: sorted sets of order ids by seq;
 * - `key:<idempotency key>`: hash `fp order resp`, expiring after `key-ttl-ms` when that is set
 *   (`RedisOrderStoreOptions.idempotencyRetentionMs`);
 * - `res:<id>`: hash `seq order st data`; `res-order:<orderId>`, `held`: sorted sets by seq;
 * - `asg:<orderId>`: list of assignment records (JSON); `routes`, `catalog`: hashes of JSON.
 */

/**
 * Fencing: every write script gets one key, KEYS[1], the region lease its writer holds (under the
 * store's prefix), and as its last argument the value that lease must still hold
 * (`<owner>|<token>`, '' for an unfenced store). A stale owner (paused past its lease, since taken
 * over) is refused before anything is written.
 */
const FENCE_LUA = `
local holder = ARGV[#ARGV]
if holder ~= '' and redis.call('GET', KEYS[1]) ~= holder then return {'fenced'} end
`;

/** Shared by both scripts: reservation preconditions and writes; ARGV[at..] holds n groups of 4. */
const RESERVATIONS_LUA = `
local function checkReservations(p, at, n)
  local seen = {}
  for i = 0, n - 1 do
    local b = at + i * 4
    local rid, st = ARGV[b], ARGV[b + 2]
    local cur = seen[rid] or redis.call('HGET', p .. 'res:' .. rid, 'st')
    if cur and cur ~= 'held' and cur ~= st then return {'resconflict', rid, cur, st} end
    seen[rid] = st
  end
  return nil
end
local function writeReservations(p, at, n)
  for i = 0, n - 1 do
    local b = at + i * 4
    local rid, roid, st, data = ARGV[b], ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
    local rk = p .. 'res:' .. rid
    local cur = redis.call('HMGET', rk, 'seq', 'order')
    local seq = cur[1]
    if not seq then
      seq = redis.call('INCR', p .. 'rseq')
    elseif cur[2] and cur[2] ~= '' and cur[2] ~= roid then
      redis.call('ZREM', p .. 'res-order:' .. cur[2], rid)
    end
    redis.call('HSET', rk, 'seq', seq, 'order', roid, 'st', st, 'data', data)
    if roid ~= '' then redis.call('ZADD', p .. 'res-order:' .. roid, seq, rid) end
    if st == 'held' then redis.call('ZADD', p .. 'held', seq, rid) else redis.call('ZREM', p .. 'held', rid) end
  end
end
`;

/**
 * Create. ARGV: prefix, key ('' for none), fingerprint, order id, status, store id, rider id,
 * order JSON, response JSON, n reservations, then n × (id, order id, status, JSON).
 * Returns {'ok'} | {'replay', fingerprint, order id, response} | {'duplicate'} | {'resconflict', id, from, to}.
 */
export const CREATE_ORDER_LUA = `${RESERVATIONS_LUA}${FENCE_LUA}
local p, key, fp, id, st, store, rider, data, resp = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8], ARGV[9]
local nres = tonumber(ARGV[10])
if key ~= '' then
  local k = redis.call('HMGET', p .. 'key:' .. key, 'fp', 'order', 'resp')
  if k[1] then return {'replay', k[1], k[2], k[3]} end
end
local ok = redis.call('EXISTS', p .. 'order:' .. id)
if ok == 1 then return {'duplicate'} end
local conflict = checkReservations(p, 11, nres)
if conflict then return conflict end
local seq = redis.call('INCR', p .. 'seq')
redis.call('HSET', p .. 'order:' .. id, 'seq', seq, 'v', 1, 'st', st, 'store', store, 'rider', rider, 'data', data)
redis.call('ZADD', p .. 'all', seq, id)
redis.call('ZADD', p .. 'status:' .. st, seq, id)
if store ~= '' then redis.call('ZADD', p .. 'store:' .. store, seq, id) end
if rider ~= '' then redis.call('ZADD', p .. 'rider:' .. rider, seq, id) end
if key ~= '' then
  redis.call('HSET', p .. 'key:' .. key, 'fp', fp, 'order', id, 'resp', resp)
  local keyTtl = redis.call('GET', p .. 'key-ttl-ms')
  if keyTtl then redis.call('PEXPIRE', p .. 'key:' .. key, keyTtl) end
end
writeReservations(p, 11, nres)
return {'ok'}
`;

/**
 * Transition (compare-and-set on the version). ARGV: prefix, order id, expected version, status,
 * store id, rider id, order JSON, assignment JSON ('' for none), n reservations + n × 4, m routes
 * + m × (rider id, route JSON or '' to delete), c catalog rows + c × (field, JSON).
 * Returns {'ok'} | {'notfound'} | {'conflict'} | {'resconflict', id, from, to}.
 */
export const TRANSITION_LUA = `${RESERVATIONS_LUA}${FENCE_LUA}
local p, id, expected, st, store, rider, data, asg = ARGV[1], ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], ARGV[7], ARGV[8]
local ok = redis.call('HMGET', p .. 'order:' .. id, 'v', 'st', 'store', 'rider', 'seq')
if not ok[1] then return {'notfound'} end
if tonumber(ok[1]) ~= expected then return {'conflict'} end
local nres = tonumber(ARGV[9])
local conflict = checkReservations(p, 10, nres)
if conflict then return conflict end
local seq = ok[5]
redis.call('HSET', p .. 'order:' .. id, 'v', expected + 1, 'st', st, 'store', store, 'rider', rider, 'data', data)
if ok[2] ~= st then
  redis.call('ZREM', p .. 'status:' .. ok[2], id)
  redis.call('ZADD', p .. 'status:' .. st, seq, id)
end
if ok[3] ~= store then
  if ok[3] ~= '' then redis.call('ZREM', p .. 'store:' .. ok[3], id) end
  if store ~= '' then redis.call('ZADD', p .. 'store:' .. store, seq, id) end
end
if ok[4] ~= rider then
  if ok[4] ~= '' then redis.call('ZREM', p .. 'rider:' .. ok[4], id) end
  if rider ~= '' then redis.call('ZADD', p .. 'rider:' .. rider, seq, id) end
end
if asg ~= '' then redis.call('RPUSH', p .. 'asg:' .. id, asg) end
writeReservations(p, 10, nres)
local at = 10 + nres * 4
local nroutes = tonumber(ARGV[at])
for i = 0, nroutes - 1 do
  local rid, route = ARGV[at + 1 + i * 2], ARGV[at + 2 + i * 2]
  if route == '' then redis.call('HDEL', p .. 'routes', rid) else redis.call('HSET', p .. 'routes', rid, route) end
end
at = at + 1 + nroutes * 2
local ncat = tonumber(ARGV[at])
for i = 0, ncat - 1 do redis.call('HSET', p .. 'catalog', ARGV[at + 1 + i * 2], ARGV[at + 2 + i * 2]) end
return {'ok'}
`;

/** Reservations alone. ARGV: prefix, n + n × 4. Returns {'ok'} | {'resconflict', id, from, to}. */
export const SAVE_RESERVATIONS_LUA = `${RESERVATIONS_LUA}${FENCE_LUA}
local p = ARGV[1]
local n = tonumber(ARGV[2])
local conflict = checkReservations(p, 3, n)
if conflict then return conflict end
writeReservations(p, 3, n)
return {'ok'}
`;

/** A fenced HSET or HDEL on one of the store's hashes. ARGV: hash key, 'set' | 'del', field, value..., holder. */
export const HASH_WRITE_LUA = `${FENCE_LUA}
if ARGV[2] == 'del' then redis.call('HDEL', ARGV[1], ARGV[3]) else redis.call('HSET', ARGV[1], unpack(ARGV, 3, #ARGV - 1)) end
return {'ok'}
`;
