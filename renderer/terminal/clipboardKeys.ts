// Which key presses in the terminal mean copy or paste. In a terminal Ctrl+C and Ctrl+V belong to the
// shell (interrupt, literal next), so copy is Ctrl+Shift+C (or Cmd+C) and paste Ctrl+Shift+V (Cmd+V is
// left to the browser's own paste event, which xterm handles).

export interface KeyLike {
  type: string;
  key: string;
  code: string;
  ctrlKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
  metaKey: boolean;
}

export type ClipboardAction = 'copy' | 'paste' | null;

export function clipboardAction(ev: KeyLike, hasSelection: boolean): ClipboardAction {
  if (ev.altKey) return null;
  const letter = ev.code === 'KeyC' || ev.key.toLowerCase() === 'c' ? 'c' : ev.code === 'KeyV' || ev.key.toLowerCase() === 'v' ? 'v' : '';
  if (ev.ctrlKey && ev.shiftKey && !ev.metaKey) {
    // Taken even without a selection: in a browser Ctrl+Shift+C would open the element inspector.
    if (letter === 'c') return 'copy';
    if (letter === 'v') return 'paste';
  }
  if (ev.metaKey && !ev.ctrlKey && !ev.shiftKey && letter === 'c' && hasSelection) return 'copy';
  return null;
}
