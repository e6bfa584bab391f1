/** The text of the "about to create" note: the file plan (folders collapsed) and the dependency graph. */

export interface Edge {
  caller: string;
  target: string;
  type: string;
  /** Why the edge exists when it is not the user's own choice (e.g. "caller template"). */
  origin?: string;
}

/** Folders deeper than this are shown as one line with their file count. */
const SHOWN_DEPTH = 2;

/**
 * Planned paths as lines: files near the top as themselves, deeper folders as `dir/ (n files)`,
 * so the note stays short however many WIT deps a template brings.
 */
export function planLines(paths: string[]): string[] {
  const counts = new Map<string, number>();
  for (const path of paths) {
    const parts = path.split('/');
    const key = parts.length > SHOWN_DEPTH ? `${parts.slice(0, SHOWN_DEPTH).join('/')}/` : path;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].sort(([a], [b]) => a.localeCompare(b)).map(([key, n]) => (key.endsWith('/') ? `${key} (${n} file${n === 1 ? '' : 's'})` : key));
}

/** `caller → target (type)`, one line per edge, or a line saying there are none. */
export function graphLines(edges: Edge[]): string[] {
  if (edges.length === 0) return ['(no worker-to-worker dependencies)'];
  return edges.map((e) => `${e.caller} → ${e.caller === e.target ? 'itself' : e.target} (${e.type}${e.origin ? `, ${e.origin}` : ''})`);
}
