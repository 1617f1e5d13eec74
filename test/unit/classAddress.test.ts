// The name a class's links carry: a wildcard bind names no address anybody can open, so it needs
// --url-host; any other bind is the links' address unless a name is given.
import { describe, expect, it } from 'vitest';
import { linkHostOf } from '../../electron/classroom/classAddress.js';
import { cmdClassroom } from '../../electron/cli/classroomCommand.js';
import { createCli, parseCommandLine, UsageError } from '../../electron/cli/context.js';

describe('the address in a class link', () => {
  it('refuses a wildcard bind without --url-host, saying what to add', () => {
    for (const bind of ['0.0.0.0', '::']) expect(() => linkHostOf(bind)).toThrow(/listens on every address.*\n?/);
    try {
      linkHostOf('0.0.0.0');
    } catch (err) {
      expect((err as { fix?: string }).fix).toMatch(/--url-host NAME/);
    }
  });

  it('uses --url-host with a wildcard bind, and the bind address otherwise', () => {
    expect(linkHostOf('0.0.0.0', '192.168.1.10')).toBe('192.168.1.10');
    expect(linkHostOf('::', 'lab.example.org')).toBe('lab.example.org');
    expect(linkHostOf('::', '[fd00::10]')).toBe('fd00::10');
    expect(linkHostOf('192.168.1.10')).toBe('192.168.1.10');
    expect(linkHostOf('127.0.0.1')).toBe('127.0.0.1');
  });

  it('refuses a --url-host that is no host name', () => {
    for (const bad of ['https://lab.example.org', 'lab.example.org:7420', '0.0.0.0', 'a b', '']) expect(() => linkHostOf('0.0.0.0', bad), bad).toThrow(/--url-host/);
  });

  it('makes `halab classroom --bind 0.0.0.0` without --url-host a usage error before anything starts', async () => {
    const cli = createCli(parseCommandLine(['classroom', '--bind', '0.0.0.0', '--learners', '2', '--labs', 'vrrp-pair', '--dir', '/nonexistent/class']).values);
    await expect(cmdClassroom(cli)).rejects.toThrow(UsageError);
    await expect(cmdClassroom(cli)).rejects.toThrow(/--url-host NAME/);
  });
});
