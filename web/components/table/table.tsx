import type { ComponentChildren } from "preact";
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

/** A data table with a fixed column layout, so widths do not jump as rows change. */
export function Table<T>({ columns, rows, rowKey, caption, empty, rowMuted }: TableProps<T>) {
  if (rows.length === 0 && empty !== undefined) return <>{empty}</>;
  return (
    <div class="table-wrap">
      <table class="table">
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
