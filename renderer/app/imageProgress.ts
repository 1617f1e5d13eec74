// Turns the image builder's output lines into a phase and a fraction for the progress bar.
// The offline builder prints `[image] <phase>: <message> (<seconds>s)` with known phases;
// `docker build --progress=plain` prints `#N [k/n] ...` for its steps.
export const IMAGE_PHASES = ['check', 'mirror', 'debootstrap', 'updates', 'rootfs', 'setup', 'import', 'done'] as const;
export type ImagePhase = (typeof IMAGE_PHASES)[number];

export interface ImageProgressUpdate {
  phase?: ImagePhase;
  message?: string;
  /** 0..1 when the line says how far the build is. */
  fraction?: number;
  /** Seconds since the build started, as the builder counted them. */
  seconds?: number;
  error?: string;
}

const PHASE_LINE = /^\[image\]\s+([a-z]+):\s*(.*?)(?:\s+\((\d+(?:\.\d+)?)s\))?\s*$/;
const DOCKER_STEP = /\[\s*(?:[\w-]+\s+)?(\d+)\/(\d+)\]/;

function isPhase(v: string): v is ImagePhase {
  return (IMAGE_PHASES as readonly string[]).includes(v);
}

export function parseImageLine(line: string): ImageProgressUpdate | undefined {
  const m = PHASE_LINE.exec(line.trim());
  if (m) {
    const [, word = '', message = '', secs] = m;
    if (word === 'ERROR') return { error: message };
    if (isPhase(word)) {
      const idx = IMAGE_PHASES.indexOf(word);
      const update: ImageProgressUpdate = { phase: word, message, fraction: word === 'done' ? 1 : idx / (IMAGE_PHASES.length - 1) };
      if (secs !== undefined) update.seconds = Number(secs);
      return update;
    }
  }
  if (/^\[image\]\s+ERROR:/.test(line.trim())) return { error: line.trim().replace(/^\[image\]\s+ERROR:\s*/, '') };
  const d = DOCKER_STEP.exec(line);
  if (d && !line.trim().startsWith('[image]')) {
    const k = Number(d[1]);
    const n = Number(d[2]);
    if (n > 0 && k <= n) return { fraction: (k - 1) / n, message: line.replace(/^#\d+\s+/, '').trim() };
  }
  if (line.trim().startsWith('[image]')) return { message: line.trim().replace(/^\[image\]\s+/, '') };
  return undefined;
}
