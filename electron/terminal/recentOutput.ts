// The last stretch of a terminal's output, kept so that someone who starts watching a terminal (a class's
// instructor) sees what the learner has on screen now, not a blank page until the next keystroke.
// Bounded per terminal: a node's shell may print megabytes, and a class runs hundreds of terminals.

/** 16 K characters: several screens of a shell (80 x 24 is 1,920), about 32 KB a terminal. */
export const RECENT_OUTPUT_CHARS = 16 * 1024;

export class RecentOutput {
  private chunks: string[] = [];
  private size = 0;

  constructor(private readonly limit = RECENT_OUTPUT_CHARS) {}

  push(text: string): void {
    if (text === '') return;
    this.chunks.push(text);
    this.size += text.length;
    // Whole chunks go first; the oldest kept one is cut only when the rest fits under the limit.
    while (this.size > this.limit) {
      const first = this.chunks[0] ?? '';
      const over = this.size - this.limit;
      if (first.length <= over) {
        this.chunks.shift();
        this.size -= first.length;
      } else {
        this.chunks[0] = first.slice(over);
        this.size -= over;
      }
    }
  }

  /**
   * What is kept, from the first line start on when it was cut: text that begins inside an escape sequence
   * or a line would show as stray characters.
   */
  text(): string {
    const all = this.chunks.join('');
    this.chunks = all ? [all] : [];
    if (this.size < this.limit) return all;
    const lineStart = all.indexOf('\n');
    return lineStart >= 0 ? all.slice(lineStart + 1) : all;
  }
}
