/** Validation as clack runs it (a message keeps the prompt open) and the names we suggest. */
import { validateComponentName } from '../../templates/index.js';

/**
 * A component name must follow the WIT rules and not be taken. An empty answer means "the
 * suggested default", which is valid by construction.
 */
export function componentNameValidator(taken: ReadonlySet<string>): (value: string | undefined) => string | undefined {
  return (value) => {
    if (!value) return undefined;
    const invalid = validateComponentName(value);
    if (invalid) return invalid;
    if (taken.has(value)) return `${value} is already a component of this app: choose another name`;
    // `a-b:c` and `a:b-c` both live in components-<lang>/a-b-c.
    const folder = value.replace(':', '-');
    const sharing = [...taken].find((t) => t.replace(':', '-') === folder);
    return sharing ? `${value} and ${sharing} would get the same folder name (${folder}): choose another name` : undefined;
  };
}

/** `ns:base`, or `ns:base2`, `ns:base3`, … — the first one not taken. */
export function suggestComponentName(namespace: string, base: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) {
    const name = `${namespace}:${base}${i === 1 ? '' : i}`;
    if (!taken.has(name)) return name;
  }
}

/** The namespace most components of an app use (new components join it), else `fallback`. */
export function commonNamespace(names: Iterable<string>, fallback: string): string {
  const counts = new Map<string, number>();
  for (const n of names) {
    const ns = n.split(':')[0]!;
    counts.set(ns, (counts.get(ns) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? fallback;
}

const FOLDER_FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

export const folderValidator = (value: string | undefined): string | undefined =>
  value && FOLDER_FORBIDDEN.test(value) ? 'A folder name cannot contain <>:"|?* or control characters' : undefined;
