// A labelled progress bar; without a value it shows an indeterminate stripe.
export function ProgressBar(props: { value?: number; label: string; tone?: 'accent' | 'success'; small?: boolean }) {
  const pct = props.value === undefined ? undefined : Math.max(0, Math.min(100, Math.round(props.value)));
  return (
    <div
      class={`progress ${props.tone === 'success' ? 'progress-success' : ''} ${props.small ? 'progress-small' : ''} ${pct === undefined ? 'progress-indeterminate' : ''}`}
      role="progressbar"
      aria-label={props.label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct}
    >
      <div class="progress-fill" style={pct === undefined ? undefined : { width: `${pct}%` }} />
    </div>
  );
}
