// The browser host's page may be opened with its token (?token=, the URL `halab serve` prints) or a
// one-time launch code (?launch=). Either is removed from the address bar at once, replacing the history
// entry rather than adding one, so it is neither shown, bookmarked nor copied along with the address.
// Nothing keeps it on the page's side: the host answered the page with an HttpOnly cookie, which a reload
// and the API socket use, and which the page's scripts cannot read.

const CREDENTIAL_PARAMS = ['token', 'launch'] as const;

export function dropCredentialsFromAddressBar(loc: Pick<Location, 'href'>, history: Pick<History, 'replaceState' | 'state'>): void {
  const url = new URL(loc.href);
  if (!CREDENTIAL_PARAMS.some((p) => url.searchParams.has(p))) return;
  for (const p of CREDENTIAL_PARAMS) url.searchParams.delete(p);
  history.replaceState(history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
