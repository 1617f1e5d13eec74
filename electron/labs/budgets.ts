// Budgets of a lab pack: what one pack may make the app parse, hold and read. A pack is untrusted input (an
// imported zip, a cloned folder), and every text it names is read on each lab view, so each budget is a
// bound on the work a single pack can cause. Each number keeps several times the headroom of the largest
// built-in pack (figures of labs/ on 2026-12-02 in brackets), and hostile packs at every budget load or are
// refused in well under a second and 100 MB (test/unit/packBudgets.test.ts).

/** lab.yaml's size [largest built-in: 38 KB, health-check]. */
export const MAX_MANIFEST_BYTES = 256 * 1024;
/** YAML tokens in lab.yaml (spaces and punctuation count), counted by the lexer before anything is parsed:
 *  parsing costs grow with tokens, whatever the bytes (120k items in one flow list took 2.3 s and 160 MB; 29k
 *  tokens up to 0.6 s on a 2-core machine). Room for the step budget at the built-ins' density (750 tokens a
 *  step) [4,510, health-check]. */
export const MAX_MANIFEST_TOKENS = 20_000;
/** Nesting of lab.yaml: the schema goes 7 deep; recursion over deeper input could exhaust the stack. */
export const MAX_MANIFEST_DEPTH = 32;
/** Values in lab.yaml once aliases are expanded (each alias counts its whole target), so aliases cannot
 *  multiply a small file into millions of values for the schema check to copy [623, health-check]. */
export const MAX_MANIFEST_VALUES = 20_000;
/** Alias uses in lab.yaml as the YAML library weighs them (a use of a large value weighs more), refused before
 *  anything is expanded [0: no built-in pack uses an alias]. */
export const MAX_ALIAS_COUNT = 50;
/** Steps of one lab [8, failure-modes]. */
export const MAX_STEPS = 24;
/** Nodes of one lab: each is a container with its own memory and pids [6, vrrp-pair]. */
export const MAX_NODES = 16;
/** Checks of one step [8, full-design]. */
export const MAX_CHECKS_PER_STEP = 24;
/** Files of one node, and solution files of one step [7, nginx-warmup]. */
export const MAX_FILES_PER_LIST = 32;
/** One text file of the pack: a step, an intro or a file put into a node [5.7 KB]. */
export const MAX_TEXT_FILE_BYTES = 256 * 1024;
/** All the texts the manifest names, a file counted once for each place that names it: this bounds what one
 *  lab view reads and sends (every step's texts) [55 KB, health-check]. */
export const MAX_PACK_TEXT_BYTES = 2 * 1024 * 1024;

/** "256 KiB", "2 MiB": budgets as the messages print them. */
export function formatBytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`;
}
