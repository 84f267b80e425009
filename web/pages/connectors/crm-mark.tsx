import type { JSX } from "preact";
import type { ConnectorKind } from "../../lib/api-types";

/** Simplified marks in each CRM's colour (not the vendors' logos), so a list is scannable by CRM. Decorative. */
const MARKS: Record<ConnectorKind, { bg: string; glyph: JSX.Element }> = {
  hubspot: {
    bg: "#ff7a59",
    glyph: (
      <g fill="none" stroke="#fff" stroke-width="2.4" stroke-linecap="round">
        <circle cx="18.5" cy="18.5" r="4.2" />
        <path d="M18.5 14.3V9.5M15.5 21.5l-5 4.5M15.3 15.5 9.5 11" />
        <circle cx="18.5" cy="8" r="1.6" fill="#fff" stroke="none" />
      </g>
    ),
  },
  salesforce: {
    bg: "#0b7fc7",
    glyph: <path fill="#fff" d="M13.3 10.6a4.6 4.6 0 0 1 7.4 1 5.1 5.1 0 0 1 6.3 4.9 5 5 0 0 1-6.2 4.9 4 4 0 0 1-5.8 1.6 4.5 4.5 0 0 1-8.2-.9A4.2 4.2 0 0 1 5 14.4a4.2 4.2 0 0 1 7.4-2.6z" />,
  },
  notion: {
    bg: "#191919",
    glyph: <path fill="none" stroke="#fff" stroke-width="2.6" stroke-linejoin="round" stroke-linecap="round" d="M10.5 23V9l11 14V9" />,
  },
};

export function CrmMark({ kind, size = 28 }: { kind: ConnectorKind; size?: number }) {
  const m = MARKS[kind];
  return (
    <svg class="crm-mark" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill={m?.bg ?? "#667085"} />
      {m?.glyph}
    </svg>
  );
}
