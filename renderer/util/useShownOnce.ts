// "Has this pane ever been shown?": panes that are costly to build (a terminal session, the editor) are
// built the first time they are shown and then kept while hidden, so switching tabs loses nothing.
import { useEffect, useState } from 'preact/hooks';

export function useShownOnce(active: boolean): boolean {
  const [shown, setShown] = useState(active);
  useEffect(() => {
    if (active) setShown(true);
  }, [active]);
  return shown;
}
