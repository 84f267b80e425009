/**
 * Keeps `key → value` in `map` as its newest entry and drops the oldest beyond `max`: the isolate
 * caches (kept connectors, HubSpot owners, parsed templates, who a session was) stay bounded.
 */
export function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}
