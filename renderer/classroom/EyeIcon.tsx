// The mark of looking without touching: the grid's "watch this learner's lab" button and the read-only badge.
export function EyeIcon() {
  return (
    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
      <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8 12.1 12.5 8 12.5 1.5 8 1.5 8z" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
      <circle cx="8" cy="8" r="2" fill="currentColor" />
    </svg>
  );
}
