// `npm start`: with arguments, runs `halab <arguments>`; without, brings up the first lab (if it is not
// running yet) and shows the current step, which is what a learner starting out wants.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/electron/cli/halab.js', import.meta.url));
const run = (args) => spawnSync(process.execPath, [cli, ...args], { stdio: 'inherit' }).status ?? 1;
const args = process.argv.slice(2);
if (args.length) process.exit(run(args));

const FIRST_LAB = 'vrrp-pair';
const status = spawnSync(process.execPath, [cli, 'status', '--json'], { encoding: 'utf8' });
const running = status.status === 0 && JSON.parse(status.stdout).labs.some((l) => l.instance === FIRST_LAB);
if (!running) {
  const code = run(['up', FIRST_LAB]);
  if (code !== 0) process.exit(code);
}
process.exit(run(['steps', FIRST_LAB]));
