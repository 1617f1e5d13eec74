// Runs the UI figures alone and prints them as one JSON object (progress goes to stderr):
//   npm run build && node dist/test/bench/ui/runUi.js
import { cpus } from 'node:os';
import { uiFigures } from '../uiBench.js';

const log = (line: string): void => void process.stderr.write(`[ui-bench] ${line}\n`);

uiFigures(log).then(
  (figures) => {
    process.stdout.write(`${JSON.stringify({ cores: cpus().length, ...figures }, null, 2)}\n`);
  },
  (err: unknown) => {
    process.stderr.write(`ui bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  },
);
