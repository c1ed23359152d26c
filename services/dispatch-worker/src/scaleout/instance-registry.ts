/**
 * Which instances of a city are alive: each one writes a heartbeat (its id → its URL and Redis's
 * clock) every tick; one is alive while its last beat is younger than the TTL. Redis's clock
 * (`TIME`) is the only one used, so instances on machines with skewed clocks agree.
 */
import type { Redis } from 'ioredis';
import { cityPrefix } from './city-keys.js';

const BEAT_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
redis.call('HSET', KEYS[1], ARGV[1], now .. '|' .. ARGV[2])
return now
`;

const ALIVE_LUA = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local all = redis.call('HGETALL', KEYS[1])
local out = {}
for i = 1, #all, 2 do
  local at, url = string.match(all[i + 1], '^(%d+)|(.*)$')
  local age = now - tonumber(at)
  if age <= tonumber(ARGV[1]) then
    out[#out + 1] = all[i]
    out[#out + 1] = url
  elseif age > tonumber(ARGV[2]) then
    redis.call('HDEL', KEYS[1], all[i])
  end
end
return out
`;

interface RegistryCommands {
  o2oBeat(key: string, id: string, url: string): Promise<number>;
  o2oAlive(key: string, ttlMs: number, forgetMs: number): Promise<string[]>;
}

export class InstanceRegistry {
  private readonly redis: Redis & RegistryCommands;
  private readonly key: string;

  constructor(
    redis: Redis,
    city: string,
    readonly instanceId: string,
    readonly url: string,
    readonly ttlMs: number,
  ) {
    if (instanceId.length === 0 || instanceId.includes('|')) throw new RangeError(`instanceId must be non-empty without "|", got ${JSON.stringify(instanceId)}`);
    this.redis = redis as Redis & RegistryCommands;
    this.key = `${cityPrefix(city)}instances`;
    redis.defineCommand('o2oBeat', { numberOfKeys: 1, lua: BEAT_LUA });
    redis.defineCommand('o2oAlive', { numberOfKeys: 1, lua: ALIVE_LUA });
  }

  /** Records that this instance is alive now. */
  async beat(): Promise<void> {
    await this.redis.o2oBeat(this.key, this.instanceId, this.url);
  }

  /** Instances alive now (id → URL); entries dead for 100 TTLs are forgotten. */
  async alive(): Promise<Map<string, string>> {
    const flat = await this.redis.o2oAlive(this.key, this.ttlMs, this.ttlMs * 100);
    const out = new Map<string, string>();
    for (let i = 0; i < flat.length; i += 2) out.set(flat[i]!, flat[i + 1]!);
    return out;
  }

  /** Leaves at once (a clean shutdown). */
  async leave(): Promise<void> {
    await this.redis.hdel(this.key, this.instanceId);
  }
}
