// Where the learner is, kept in the URL hash so a reload (or the browser's Back) keeps the place. A class's
// instructor has one more place: the dashboard (#/class); a pack's author the preview of `halab pack dev` (#/packdev).
import { useEffect, useState } from 'preact/hooks';

export type Route = { view: 'labs' } | { view: 'lab'; lab: string } | { view: 'class' } | { view: 'packdev' };

export function parseRoute(hash: string): Route {
  if (hash === '#/class') return { view: 'class' };
  if (hash === '#/packdev') return { view: 'packdev' };
  const m = /^#\/lab\/([a-z][a-z0-9-]{0,30})$/.exec(hash);
  return m?.[1] ? { view: 'lab', lab: m[1] } : { view: 'labs' };
}

export function routeHash(route: Route): string {
  if (route.view === 'class') return '#/class';
  if (route.view === 'packdev') return '#/packdev';
  return route.view === 'lab' ? `#/lab/${route.lab}` : '#/';
}

export function useHashRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (): void => {
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => {
      window.removeEventListener('hashchange', onChange);
    };
  }, []);
  const go = (r: Route): void => {
    const hash = routeHash(r);
    if (window.location.hash !== hash) window.location.hash = hash;
    setRoute(r);
  };
  return [route, go];
}
