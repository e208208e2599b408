import { LeakverifyError } from '../core/errors.js';

/**
 * Token buckets per client (an IP address, or an IP and a route): each holds up to
 * `capacity` tokens, refills at `refillPerSecond`, and a request takes one. Buckets sit in
 * slots of flat arrays linked in least-recently-used order, with a Map from client to slot:
 * touching a bucket, evicting the oldest when `maxClients` is reached and every `take` are
 * O(1), and memory stays bounded however many addresses an attacker rotates through. (A Map
 * re-inserted on every touch is not O(1): V8 leaves deleted entries as holes that
 * `keys().next()` walks over.) An evicted client starts again with a full bucket, which is
 * what an idle client would have anyway.
 */

export interface RateLimitOptions {
  /** Burst size: requests a fresh client may make at once. */
  readonly capacity: number;
  readonly refillPerSecond: number;
  /** Most clients tracked at once. */
  readonly maxClients: number;
}

export interface RateDecision {
  readonly allowed: boolean;
  /** Whole seconds until a request would be allowed; 0 when allowed (for `Retry-After`). */
  readonly retryAfterSeconds: number;
}

export interface RateLimiter {
  /** Takes one token for `client`; `now` in milliseconds (default `Date.now()`). */
  take(client: string, now?: number): RateDecision;
  /** Clients currently tracked. */
  readonly size: number;
}

function positive(name: string, value: number, integer: boolean): void {
  if (!(Number.isFinite(value) && value > 0 && (!integer || Number.isInteger(value))))
    throw new LeakverifyError(
      'server.invalid-input',
      `rate limit ${name} must be a positive number, got ${value}`,
    );
}

/**
 * @example const limiter = createRateLimiter({ capacity: 30, refillPerSecond: 2, maxClients: 100_000 })
 *          if (!limiter.take(ip).allowed) return c.text('slow down', 429)
 */
export function createRateLimiter(options: RateLimitOptions): RateLimiter {
  const { capacity, refillPerSecond, maxClients } = options;
  positive('capacity', capacity, false);
  positive('refillPerSecond', refillPerSecond, false);
  positive('maxClients', maxClients, true);
  const slots = new Map<string, number>();
  const clients: string[] = [];
  const tokens: number[] = [];
  const updated: number[] = [];
  // Doubly linked list of slots, oldest first; -1 ends it.
  const prev: number[] = [];
  const next: number[] = [];
  let oldest = -1;
  let newest = -1;
  const allowed: RateDecision = { allowed: true, retryAfterSeconds: 0 };

  const unlink = (slot: number): void => {
    const p = prev[slot]!;
    const n = next[slot]!;
    if (p >= 0) next[p] = n;
    else oldest = n;
    if (n >= 0) prev[n] = p;
    else newest = p;
  };
  const append = (slot: number): void => {
    prev[slot] = newest;
    next[slot] = -1;
    if (newest >= 0) next[newest] = slot;
    else oldest = slot;
    newest = slot;
  };
  const allocate = (client: string, now: number): number => {
    let slot: number;
    if (clients.length < maxClients) {
      slot = clients.length;
      clients.push(client);
      tokens.push(capacity);
      updated.push(now);
      prev.push(-1);
      next.push(-1);
    } else {
      slot = oldest;
      unlink(slot);
      slots.delete(clients[slot]!);
      clients[slot] = client;
      tokens[slot] = capacity;
      updated[slot] = now;
    }
    slots.set(client, slot);
    append(slot);
    return slot;
  };

  const take = (client: string, now: number = Date.now()): RateDecision => {
    let slot = slots.get(client);
    if (slot === undefined) {
      slot = allocate(client, now);
    } else {
      if (slot !== newest) {
        unlink(slot);
        append(slot);
      }
      // A clock that steps back refills nothing rather than draining the bucket.
      const last = updated[slot]!;
      const elapsed = Math.max(0, now - last) / 1000;
      tokens[slot] = Math.min(capacity, tokens[slot]! + elapsed * refillPerSecond);
      updated[slot] = Math.max(last, now);
    }
    const left = tokens[slot]!;
    if (left >= 1) {
      tokens[slot] = left - 1;
      return allowed;
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - left) / refillPerSecond)) };
  };

  return {
    take,
    get size() {
      return slots.size;
    },
  };
}
