/**
 * The real D1 binding, watched: each `batch` and each statement run is one round trip. Nothing is
 * faked; the app gets this in place of `env.DB` and D1 answers as always.
 */
export function watched(d1: D1Database) {
  const trips: string[] = [];
  const originals = new WeakMap<object, D1PreparedStatement>();
  const statement = (s: D1PreparedStatement, sql: string): D1PreparedStatement => {
    const p = new Proxy(s, {
      get(target, key) {
        const v = Reflect.get(target, key) as unknown;
        if (key === "bind") return (...args: unknown[]) => statement((v as Function).apply(target, args), sql);
        if (key === "first" || key === "all" || key === "run" || key === "raw") {
          return (...args: unknown[]) => {
            trips.push(sql);
            return (v as Function).apply(target, args);
          };
        }
        return typeof v === "function" ? (v as Function).bind(target) : v;
      },
    });
    originals.set(p, s);
    return p;
  };
  const binding = new Proxy(d1, {
    get(target, key) {
      const v = Reflect.get(target, key) as unknown;
      if (key === "prepare") return (sql: string) => statement(target.prepare(sql), sql);
      if (key === "batch") {
        return (list: D1PreparedStatement[]) => {
          trips.push(`batch of ${list.length}`);
          return target.batch(list.map((s) => originals.get(s) ?? s));
        };
      }
      return typeof v === "function" ? (v as Function).bind(target) : v;
    },
  });
  return { binding, trips };
}
