/** How many callers' tokens, headers or verdicts a process remembers at most. */
export const MAX_CACHED_CALLERS = 10_000;

/**
 * Values remembered until their own expiry, at most `capacity` of them: when full, the oldest
 * entry goes first (a Map iterates in insertion order), so memory stays bounded under many users.
 */
export function expiringCache<V>(capacity: number, now: () => number) {
  const entries = new Map<string, { value: V; expiresAt: number }>();
  return {
    /** The value while `now()` is before its expiry; nothing from that millisecond on. */
    get(key: string): V | undefined {
      const entry = entries.get(key);
      if (!entry) return undefined;
      if (entry.expiresAt > now()) return entry.value;
      entries.delete(key);
      return undefined;
    },
    set(key: string, value: V, expiresAt: number): void {
      entries.delete(key);
      if (entries.size >= capacity) entries.delete(entries.keys().next().value!);
      entries.set(key, { value, expiresAt });
    },
  };
}
