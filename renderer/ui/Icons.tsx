// The few icons the UI uses, inline SVG so nothing is fetched.
export function TickIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M3.5 8.5l3 3 6-7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}

export function CrossIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M4.5 4.5l7 7m0-7l-7 7" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
    </svg>
  );
}

export function DotIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
      <circle cx="8" cy="8" r="3" fill="currentColor" />
    </svg>
  );
}

export function LogoMark() {
  // Two load balancers sharing one address: the product in a glyph.
  return (
    <svg class="logo" viewBox="0 0 28 28" aria-hidden="true">
      <rect x="1" y="1" width="26" height="26" rx="7" fill="var(--accent)" />
      <circle cx="14" cy="8.5" r="3" fill="#fff" />
      <path d="M14 11.5v3M14 14.5l-5 3.5M14 14.5l5 3.5" stroke="#fff" stroke-width="1.6" fill="none" stroke-linecap="round" />
      <rect x="5" y="18" width="7" height="5" rx="1.5" fill="#fff" />
      <rect x="16" y="18" width="7" height="5" rx="1.5" fill="#fff" opacity="0.65" />
    </svg>
  );
}
