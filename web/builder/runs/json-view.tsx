/**
 * Step input and output as a JSON tree: objects and arrays fold (native details/summary, so it works
 * by keyboard), the first two levels start open, long strings wrap.
 */
import type { ComponentChildren } from "preact";

function Scalar({ value }: { value: unknown }) {
  if (value === null) return <span class="json__null">null</span>;
  if (typeof value === "string") return <span class="json__string">"{value}"</span>;
  if (typeof value === "number") return <span class="json__number">{String(value)}</span>;
  if (typeof value === "boolean") return <span class="json__bool">{String(value)}</span>;
  return <span class="json__null">{String(value)}</span>;
}

function Entry({ name, value, depth }: { name: ComponentChildren; value: unknown; depth: number }) {
  if (value === null || typeof value !== "object") {
    return (
      <li class="json__row">
        <span class="json__key">{name}</span>: <Scalar value={value} />
      </li>
    );
  }
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value as Record<string, unknown>);
  const brief = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  if (entries.length === 0) {
    return (
      <li class="json__row">
        <span class="json__key">{name}</span>: <span class="json__null">{Array.isArray(value) ? "[]" : "{}"}</span>
      </li>
    );
  }
  return (
    <li class="json__row">
      <details open={depth < 2}>
        <summary>
          <span class="json__key">{name}</span> <span class="json__brief">{brief}</span>
        </summary>
        <ul class="json__list">
          {entries.map(([k, v]) => (
            <Entry key={k} name={k} value={v} depth={depth + 1} />
          ))}
        </ul>
      </details>
    </li>
  );
}

export function JsonView({ value, label }: { value: unknown; label: string }) {
  if (value === undefined) return <p class="json__none">No {label.toLowerCase()}.</p>;
  return (
    <div class="json" role="group" aria-label={label}>
      <ul class="json__list json__list--root">
        <Entry name={label} value={value} depth={0} />
      </ul>
    </div>
  );
}
