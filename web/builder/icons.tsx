/** Builder-only icons (the shared set covers navigation and common actions). Decorative. */
const PATHS = {
  undo: "M9 14 4 9l5-5M4 9h10.5a5.5 5.5 0 0 1 0 11H11",
  redo: "M15 14l5-5-5-5M20 9H9.5a5.5 5.5 0 0 0 0 11H13",
  layout: "M3 3h7v7H3zM14 14h7v7h-7zM14 3h7v7h-7zM6.5 10v4.5a2 2 0 0 0 2 2H14",
  play: "M6 4l14 8-14 8z",
  history: "M3 12a9 9 0 1 0 3-6.7L3 8M3 3v5h5M12 7v5l3 2",
  download: "M12 3v12M7 10l5 5 5-5M4 21h16",
  upload: "M12 21V9M7 14l5-5 5 5M4 3h16",
  warning: "M12 9v4M12 17h.01M10.3 3.9 1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0",
  pause: "M7 4h3v16H7zM14 4h3v16h-3z",
  archive: "M3 4h18v4H3zM5 8v12h14V8M10 12h4",
  expand: "M15 3h6v6M9 21H3v-6M21 3l-7 7M3 21l7-7",
  palette: "M3 4h18v16H3zM9 4v16",
  plus: "M12 5v14M5 12h14",
} as const;

export type BuilderIconName = keyof typeof PATHS;

export function BIcon({ name, size = 16 }: { name: BuilderIconName; size?: number }) {
  return (
    <svg class="icon" width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" aria-hidden="true" focusable="false">
      <path d={PATHS[name]} />
    </svg>
  );
}
