// The order of the lab list, shared by the catalogue (CLI, report, API) and the renderer.
// This file is imported by the renderer too: it must stay free of Node imports.

export interface Orderable {
  id: string;
  /** The English title: the order does not change with the language. */
  title: string;
  order?: number | undefined;
  imported?: boolean | undefined;
}

/** Built-in packs before imported ones; within each, by `order` (ties by id), then packs without one by title. */
export function compareLabs(a: Orderable, b: Orderable): number {
  if (!!a.imported !== !!b.imported) return a.imported ? 1 : -1;
  const ao = a.order ?? Infinity;
  const bo = b.order ?? Infinity;
  if (ao !== bo) return ao < bo ? -1 : 1;
  if (ao === Infinity) {
    const byTitle = a.title.localeCompare(b.title, 'en');
    if (byTitle) return byTitle;
  }
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export const sortLabs = <T extends Orderable>(labs: readonly T[]): T[] => [...labs].sort(compareLabs);
