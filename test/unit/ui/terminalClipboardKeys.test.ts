// Copy/paste keys in the terminal: the shell keeps Ctrl+C / Ctrl+V, copy and paste take Shift (or Cmd).
import { describe, expect, it } from 'vitest';
import { clipboardAction, type KeyLike } from '../../../renderer/terminal/clipboardKeys.js';

const key = (k: string, mods: Partial<KeyLike> = {}): KeyLike => ({
  type: 'keydown',
  key: k,
  code: `Key${k.toUpperCase()}`,
  ctrlKey: false,
  shiftKey: false,
  altKey: false,
  metaKey: false,
  ...mods,
});

describe('clipboardAction', () => {
  it('copies on Ctrl+Shift+C (always taken: a browser would open its inspector) and Cmd+C with a selection', () => {
    expect(clipboardAction(key('C', { ctrlKey: true, shiftKey: true }), true)).toBe('copy');
    expect(clipboardAction(key('C', { ctrlKey: true, shiftKey: true }), false)).toBe('copy');
    expect(clipboardAction(key('c', { metaKey: true }), true)).toBe('copy');
    expect(clipboardAction(key('c', { metaKey: true }), false)).toBeNull();
  });

  it('pastes on Ctrl+Shift+V', () => {
    expect(clipboardAction(key('V', { ctrlKey: true, shiftKey: true }), false)).toBe('paste');
  });

  it('leaves Ctrl+C (interrupt), Ctrl+V, Cmd+V and plain keys to the terminal', () => {
    expect(clipboardAction(key('c', { ctrlKey: true }), true)).toBeNull();
    expect(clipboardAction(key('v', { ctrlKey: true }), false)).toBeNull();
    expect(clipboardAction(key('v', { metaKey: true }), false)).toBeNull();
    expect(clipboardAction(key('c'), true)).toBeNull();
    expect(clipboardAction(key('C', { ctrlKey: true, shiftKey: true, altKey: true }), true)).toBeNull();
  });
});
