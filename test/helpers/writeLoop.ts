// Child process for the crash-safety test: writes progress and a learner file in a tight loop until killed.
import { writeFileAtomic } from '../../electron/util/atomicWrite.js';
import { recordStep } from '../../electron/progress/progressStore.js';

const learnerFile = process.argv[2] ?? '';
let n = 0;
for (;;) {
  n += 1;
  // A file whose completeness can be verified: numbered lines and an END trailer.
  const body = Array.from({ length: 2000 }, (_, i) => `line ${i} of version ${n} 主备切换`).join('\n') + `\nEND ${n}\n`;
  await writeFileAtomic(learnerFile, body);
  await recordStep('lab', { step: `s${n % 5}`, passed: n % 2 === 0 });
  if (n === 1) process.stdout.write('writing\n');
}
