/**
 * Minimal, text-preserving edits of a TOML file by `[table]` section: set or remove a key,
 * replace a section's key lines. Only what the Cargo.toml update needs; lines it does not touch
 * stay byte-identical (comments, order, other tables).
 */

interface Section {
  name: string;
  /** Index of the header line (-1 for the root table). */
  header: number;
  /** One past the last line that belongs to it (trailing blank lines excluded). */
  end: number;
}

const HEADER = /^\s*\[\s*([^[\]]+?)\s*\]\s*(#.*)?$/;
const keyOf = (line: string): string | undefined => /^\s*("(?:[^"\\]|\\.)*"|[A-Za-z0-9_-]+)\s*=/.exec(line)?.[1]?.replace(/^"|"$/g, '');

export class TomlText {
  private lines: string[];
  private readonly nl: string;

  constructor(text: string) {
    this.nl = text.includes('\r\n') ? '\r\n' : '\n';
    this.lines = text.split(/\r?\n/);
  }

  toString(): string {
    return this.lines.join(this.nl);
  }

  private sections(): Section[] {
    const out: Section[] = [];
    let current: Section = { name: '', header: -1, end: 0 };
    this.lines.forEach((line, i) => {
      const m = HEADER.exec(line);
      if (m && !line.trimStart().startsWith('[[')) {
        out.push(current);
        current = { name: m[1]!.replace(/\s*\.\s*/g, '.'), header: i, end: i + 1 };
      } else if (line.trim() !== '') current.end = i + 1;
    });
    out.push(current);
    return out;
  }

  has(section: string): boolean {
    return this.sections().some((s) => s.name === section);
  }

  /** The raw value text of `key` in `section`. */
  get(section: string, key: string): string | undefined {
    const s = this.sections().find((x) => x.name === section);
    if (!s) return undefined;
    for (let i = s.header + 1; i < s.end; i++) {
      if (keyOf(this.lines[i]!) === key) return this.lines[i]!.slice(this.lines[i]!.indexOf('=') + 1).trim();
    }
    return undefined;
  }

  /** Sets `key = value` (value already TOML), replacing the line in place or adding it at the section's end. */
  set(section: string, key: string, value: string, quoteKey = false): void {
    const s = this.ensure(section);
    const line = `${quoteKey ? JSON.stringify(key) : key} = ${value}`;
    for (let i = s.header + 1; i < s.end; i++) {
      if (keyOf(this.lines[i]!) === key) {
        this.lines[i] = line;
        return;
      }
    }
    this.lines.splice(s.end, 0, line);
  }

  remove(section: string, key: string): void {
    const s = this.sections().find((x) => x.name === section);
    if (!s) return;
    for (let i = s.end - 1; i > s.header; i--) if (keyOf(this.lines[i]!) === key) this.lines.splice(i, 1);
  }

  /** Removes every key line of the section (comments stay). */
  clear(section: string): void {
    const s = this.sections().find((x) => x.name === section);
    if (!s) return;
    for (let i = s.end - 1; i > s.header; i--) if (keyOf(this.lines[i]!) !== undefined) this.lines.splice(i, 1);
  }

  private ensure(section: string): Section {
    const found = this.sections().find((x) => x.name === section);
    if (found) return found;
    while (this.lines.length > 0 && this.lines.at(-1) === '') this.lines.pop();
    this.lines.push('', `[${section}]`, '');
    return this.sections().find((x) => x.name === section)!;
  }
}
