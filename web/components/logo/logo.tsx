/** The product mark: a small flow of three steps on the brand colour. Decorative. */
export function Logo({ size = 28 }: { size?: number }) {
  return (
    <svg class="logo" width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--brand-600)" />
      <circle cx="9" cy="11" r="3" fill="#fff" />
      <circle cx="23" cy="11" r="3" fill="#fff" fill-opacity=".7" />
      <circle cx="16" cy="22" r="3" fill="#fff" />
      <path d="M11.5 12.5 14.5 19.5M20.5 12.5 17.5 19.5" stroke="#fff" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}
