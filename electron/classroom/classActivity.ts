// What counts as a learner working in a lab, for the idle sweep: a terminal keystroke, a Check, a save, a
// fault, a start. The app's methods are wrapped so each of these touches the lab it concerns.
import type { Handler, Handlers } from '../api/handlerTypes.js';
import type { MethodName } from '../../common/contract.js';
import type { ClassLoad } from './classLoad.js';

type LabMethod = 'checks.run' | 'files.write' | 'files.read' | 'faults.apply' | 'lab.down' | 'topology.watch' | 'protocol.watch';
const LAB_METHODS: LabMethod[] = ['checks.run', 'files.write', 'files.read', 'faults.apply', 'lab.down', 'topology.watch', 'protocol.watch'];

export function withActivity(base: Handlers, load: ClassLoad): Handlers {
  const out: Handlers = {};
  for (const method of LAB_METHODS) {
    const handler = base[method] as Handler<LabMethod> | undefined;
    if (!handler) continue;
    (out as Record<MethodName, unknown>)[method] = async (input: { lab: string }, ctx: Parameters<Handler<LabMethod>>[1]) => {
      load.touch(ctx.scope.instance(input.lab));
      const result = await (handler as (i: unknown, c: typeof ctx) => Promise<unknown>)(input, ctx);
      if (method === 'lab.down') void load.release();
      return result;
    };
  }
  // Keystrokes carry a terminal id, not a lab: the id is mapped to its lab when the terminal opens.
  const terminals = new Map<string, string>();
  const open = base['terminal.open'] as Handler<'terminal.open'>;
  const input = base['terminal.input'] as Handler<'terminal.input'>;
  out['terminal.open'] = async (args, ctx) => {
    const opened = await open(args, ctx);
    const instance = ctx.scope.instance(args.lab);
    terminals.set(opened.id, instance);
    load.touch(instance);
    ctx.onClose(() => terminals.delete(opened.id));
    return opened;
  };
  out['terminal.input'] = (args, ctx) => {
    const instance = terminals.get(args.id);
    if (instance) load.touch(instance);
    return input(args, ctx);
  };
  return out;
}
