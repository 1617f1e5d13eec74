// What refusing a hostile pack costs: each case of test/helpers/hostilePacks.ts loaded, linted or imported
// alone in a fresh process (so no other work blurs the figures), `runs` times. Targets: every refusal under
// 1 s and 100 MB of peak memory growth.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hostilePackCases } from '../helpers/hostilePacks.js';
import { makeTempDir, removeTempDirs } from '../helpers/tempDirs.js';
import { roundSpread, spread } from './stats.js';

const MEASURE = join(fileURLToPath(new URL('.', import.meta.url)), '..', 'helpers', 'measurePackLoad.js');

interface Measured {
  ok: boolean;
  ms: number;
  peakGrowthMb: number;
}

export async function hostilePackFigures(runs: number, log: (line: string) => void): Promise<Record<string, unknown>> {
  try {
    const worstMs: number[] = [];
    const worstMb: number[] = [];
    const accepted: string[] = [];
    const cases = await hostilePackCases();
    for (let run = 0; run < runs; run++) {
      let ms = 0;
      let mb = 0;
      for (const c of cases) {
        const res = spawnSync(process.execPath, [MEASURE, c.mode, c.target, makeTempDir('halab-bench-dest-')], { encoding: 'utf8', timeout: 60_000 });
        const m = JSON.parse(res.stdout.trim().split('\n').at(-1) ?? '{}') as Partial<Measured>;
        if (m.ok !== false) accepted.push(c.name);
        ms = Math.max(ms, m.ms ?? Infinity);
        mb = Math.max(mb, m.peakGrowthMb ?? Infinity);
      }
      log(`[bench] hostile packs, run ${run + 1}: slowest refusal ${ms.toFixed(0)} ms, largest peak growth ${mb.toFixed(1)} MB`);
      worstMs.push(ms);
      worstMb.push(mb);
    }
    return {
      hostile_pack_cases: cases.length,
      hostile_pack_refusal_ms_max: roundSpread(spread(worstMs), 0),
      hostile_pack_peak_mb_max: roundSpread(spread(worstMb), 1),
      ...(accepted.length ? { hostile_pack_accepted: [...new Set(accepted)] } : {}),
    };
  } finally {
    removeTempDirs();
  }
}
