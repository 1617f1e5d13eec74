// The terminal component: what the rest of the UI uses.
export { mountTerminal, type TerminalHandle, type TerminalOptions } from './mountTerminal.js';
export { terminalStrings } from './strings.js';
