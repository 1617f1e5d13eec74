// @vitest-environment happy-dom
// The page opened with ?token= (the URL halab serve prints) or ?launch= removes it from the address bar at
// once, without a new history entry. A reload keeps working: the host set its HttpOnly
// cookie when it served the page, and the socket authenticates with that cookie, never with the URL.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { dropCredentialsFromAddressBar } from '../../../renderer/api/launchUrl.js';

describe('the address bar after the page opens', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('drops token and launch, keeps the path, other parameters and the hash, and adds no history entry', () => {
    window.history.replaceState({ kept: 1 }, '', '/labs/vrrp-pair?token=abcdef&lang=en&launch=xyz#step-2');
    const length = window.history.length;
    const push = vi.spyOn(window.history, 'pushState');
    dropCredentialsFromAddressBar(window.location, window.history);
    expect(window.location.pathname).toBe('/labs/vrrp-pair');
    expect(window.location.search).toBe('?lang=en');
    expect(window.location.hash).toBe('#step-2');
    expect(window.location.href).not.toContain('abcdef');
    expect(window.history.length).toBe(length);
    expect(window.history.state).toEqual({ kept: 1 });
    expect(push).not.toHaveBeenCalled();
  });

  it('leaves a clean address alone', () => {
    window.history.replaceState(null, '', '/?lang=zh-CN');
    const replace = vi.spyOn(window.history, 'replaceState');
    dropCredentialsFromAddressBar(window.location, window.history);
    expect(replace).not.toHaveBeenCalled();
    expect(window.location.search).toBe('?lang=zh-CN');
  });

  it('leaves nothing but "/" when the token was all there was', () => {
    window.history.replaceState(null, '', '/?token=abcdef');
    dropCredentialsFromAddressBar(window.location, window.history);
    expect(`${window.location.pathname}${window.location.search}`).toBe('/');
  });
});
