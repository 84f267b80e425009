import type { ComponentChildren, JSX } from "preact";
import { useLayoutEffect, useState } from "preact/hooks";
import { cx } from "../../lib/cx";

export interface Column<T> {
  /** Stable key for the column. */
  key: string;
  header: ComponentChildren;
  render: (row: T) => ComponentChildren;
  /** CSS width, e.g. `"160px"` or `"20%"`. */
  width?: string;
  align?: "start" | "end" | "center";
  /** Hide the header text visually (e.g. an actions column) while keeping it for screen readers. */
  hideHeader?: boolean;
}

export interface TableProps<T> {
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  /** Describes the table for assistive tech (visually hidden). */
  caption: string;
  /** Shown instead of the table when there are no rows. */
  empty?: ComponentChildren;
  /** Dims a row, e.g. a deactivated user. */
  rowMuted?: (row: T) => boolean;
}

/**
 * The narrowest the table gets before it scrolls sideways inside its own box (below laptop width,
 * see data.css): the pixel columns at their width, each column without a width at least 180 px,
 * and the percentage columns their share of the total (but 100 px or more each).
 */
export function tableMinWidth(columns: readonly Pick<Column<unknown>, "width">[]): number {
  let fixed = 0;
  let share = 0;
  let smallestShare = 1;
  for (const c of columns) {
    const px = /^(\d+(?:\.\d+)?)px$/.exec(c.width ?? "");
    const pct = /^(\d+(?:\.\d+)?)%$/.exec(c.width ?? "");
    if (px) fixed += Number(px[1]);
    else if (pct) {
      share += Number(pct[1]) / 100;
      smallestShare = Math.min(smallestShare, Number(pct[1]) / 100);
    } else fixed += 180;
  }
  if (share === 0) return fixed;
  return Math.ceil(Math.max(fixed / Math.max(1 - share, 0.1), 100 / smallestShare));
}

/**
 * True while the element's content is wider than its box. A box that scrolls must be reachable
 * from the keyboard (then it gets `tabIndex=0` and a name), one that does not must not add a stop.
 */
function useScrollsSideways() {
  // A callback ref: the wrapper comes and goes as the table empties and fills.
  const [el, ref] = useState<HTMLElement | null>(null);
  const [scrolls, setScrolls] = useState(false);
  useLayoutEffect(() => {
    if (!el || typeof ResizeObserver === "undefined") return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [el]);
  return [ref, scrolls] as const;
}

/**
 * A data table with a fixed column layout, so widths do not jump as rows change. On narrow screens
 * it keeps a readable width and scrolls sideways in its wrapper; the page itself never does.
 */
export function Table<T>({ columns, rows, rowKey, caption, empty, rowMuted }: TableProps<T>) {
  const [wrap, scrolls] = useScrollsSideways();
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  const minWidth = { "--table-min-width": `${tableMinWidth(columns)}px` } as JSX.CSSProperties;
  return (
    <div
      ref={wrap}
      class="table-wrap"
      role={scrolls ? "region" : undefined}
      aria-label={scrolls ? `${caption} (scrolls sideways)` : undefined}
      tabIndex={scrolls ? 0 : undefined}
    >
      <table class="table" style={minWidth}>
        <caption class="visually-hidden">{caption}</caption>
        <colgroup>
          {columns.map((c) => (
            <col key={c.key} style={c.width ? { width: c.width } : undefined} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c.key} scope="col" class={cx(c.align && `align-${c.align}`)}>
                {c.hideHeader ? <span class="visually-hidden">{c.header}</span> : c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} class={cx(rowMuted?.(row) && "is-muted")}>
              {columns.map((c) => (
                <td key={c.key} class={cx(c.align && `align-${c.align}`)}>
                  {c.render(row)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
