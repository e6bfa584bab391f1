/**
 * Reading files through one cache: each file is read (and each folder listed) at most once per
 * run, and what was read is remembered with its identity (size, mtime, inode) so that a commit
 * can tell whether a file changed since it was planned from. `FileView` is the read side every
 * planner uses; a `Plan` (plan.ts) is a FileView of the folder as it will be once committed.
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readSync, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../errors.js';
import { parentAndName } from './paths.js';
import { decodeBytes } from './utf8.js';

/** Read-only access to files by absolute path. */
export interface FileView {
  /** The file's bytes, or undefined when there is no regular file at `path`. */
  read(path: string): Buffer | undefined;
  /** The file as UTF-8 text, or undefined. */
  readText(path: string): string | undefined;
  isFile(path: string): boolean;
  isDir(path: string): boolean;
  /** Names in the folder, sorted (empty when it is not a folder). */
  list(path: string): string[];
  /** `path` itself is a symbolic link. */
  isLink(path: string): boolean;
  /** What is at `path` when it is neither a regular file nor a folder ('a FIFO', 'a broken symbolic link', …), else undefined. */
  special(path: string): string | undefined;
}

/** What a file was when it was read: a commit compares it before replacing the file. */
export interface Stamp {
  size: number;
  mtimeMs: number;
  ino: number;
}

export const stampOf = (st: Stats): Stamp => ({ size: st.size, mtimeMs: st.mtimeMs, ino: st.ino });
export const sameStamp = (a: Stamp, b: Stamp): boolean => a.size === b.size && a.mtimeMs === b.mtimeMs && a.ino === b.ino;

/** What a stat says that is neither a regular file nor a folder. */
export function describeSpecial(st: Stats): string {
  if (st.isFIFO()) return 'a FIFO';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** The error for reading something that is not a regular file. */
export function notRegularFile(path: string, what: string): UserError {
  return new UserError(`${path} is ${what}, not a regular file`, { code: 'E_FS', hint: 'Replace it with a regular file or remove it; only regular files are read.' });
}

/**
 * A file's bytes and the stamp of exactly those bytes (one open, fstat, read, close: what
 * readFileSync does). Opened non-blocking and checked to be a regular file, so that a FIFO or a
 * device put where a file was expected is an error, never a read that waits forever.
 */
export function readWithStamp(path: string): { content: Buffer; stamp: Stamp } {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw notRegularFile(path, describeSpecial(st));
    const content = Buffer.allocUnsafe(st.size);
    let at = 0;
    while (at < st.size) {
      const n = readSync(fd, content, at, st.size - at, at);
      if (n === 0) break;
      at += n;
    }
    return { content: at === st.size ? content : content.subarray(0, at), stamp: stampOf(st) };
  } finally {
    closeSync(fd);
  }
}

/** A regular file's text (bytes kept, utf8.ts); a FIFO or device is an error naming it. */
export function readRegularText(path: string): string {
  return decodeBytes(readWithStamp(path).content);
}

type Kind = 'file' | 'dir' | 'other';
/** A folder entry as listed: symbolic links are resolved on demand. */
export type Entry = Kind | 'link';

/** The files on disk, each read at most once. */
export class DiskFiles implements FileView {
  private readonly bytes = new Map<string, { content: Buffer; stamp: Stamp } | null>();
  private readonly texts = new Map<string, string>();
  private readonly listings = new Map<string, Map<string, Entry> | null>();
  private readonly links = new Map<string, Kind | undefined>();
  /** Folders known not to exist. */
  private readonly missing = new Set<string>();

  /** The bytes and stamp of a regular file (symlinks followed), read once; undefined when absent. */
  entry(path: string): { content: Buffer; stamp: Stamp } | undefined {
    let hit = this.bytes.get(path);
    if (hit === undefined) {
      hit = null;
      if (this.kind(path) === 'file') {
        try {
          hit = readWithStamp(path);
        } catch {
          // unreadable: treated as absent here; a write to it reports the real error
        }
      }
      this.bytes.set(path, hit);
    }
    return hit ?? undefined;
  }

  read(path: string): Buffer | undefined {
    return this.entry(path)?.content;
  }

  readText(path: string): string | undefined {
    let text = this.texts.get(path);
    if (text === undefined) {
      const content = this.read(path);
      if (content === undefined) return undefined;
      text = decodeBytes(content);
      this.texts.set(path, text);
    }
    return text;
  }

  /** The folder's entries by name, listed once; null when it cannot be listed. */
  private listing(dir: string): Map<string, Entry> | null {
    let entries = this.listings.get(dir);
    if (entries !== undefined) return entries;
    // A folder the parent's listing does not have (or whose parent is known to be missing) is
    // missing too: no failing call for every path of a new app.
    const [parent, name] = parentAndName(dir);
    if (parent !== dir) {
      const siblings = this.listing(parent);
      const entry = siblings?.get(name);
      if ((siblings && entry !== 'dir' && entry !== 'link') || (!siblings && this.missing.has(parent))) {
        if (siblings && entry === undefined) this.missing.add(dir);
        if (!siblings) this.missing.add(dir);
        this.listings.set(dir, null);
        return null;
      }
    }
    try {
      entries = new Map();
      for (const d of readdirSync(dir, { withFileTypes: true })) {
        entries.set(d.name, d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'link' : 'other');
      }
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') this.missing.add(dir);
      entries = null;
    }
    this.listings.set(dir, entries);
    return entries;
  }

  /** The folder's entries (name → kind, links followed), in listing order; empty when it is not a folder. */
  entries(dir: string): [string, Kind][] {
    const listing = this.listing(dir);
    if (!listing) return [];
    return [...listing.keys()].map((name) => [name, this.kind(join(dir, name))!]);
  }

  /** The folder's entries by name as listed (a link is 'link', not what it points to), in listing order; undefined when it cannot be listed. */
  rawEntries(dir: string): ReadonlyMap<string, Entry> | undefined {
    return this.listing(dir) ?? undefined;
  }

  /** What is at `path` without following a final symbolic link (found by listing its folder: one call per folder). */
  entryKind(path: string): Entry | undefined {
    const [parent, name] = parentAndName(path);
    if (parent === path) return 'dir';
    return this.listing(parent)?.get(name);
  }

  /** What is at `path`, symbolic links followed (a dangling link is 'other'). */
  kind(path: string): Kind | undefined {
    const entry = this.entryKind(path);
    if (entry !== 'link') return entry;
    if (!this.links.has(path)) {
      let kind: Kind = 'other';
      try {
        const st = statSync(path);
        kind = st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other';
      } catch {
        // dangling
      }
      this.links.set(path, kind);
    }
    return this.links.get(path);
  }

  isFile(path: string): boolean {
    return this.kind(path) === 'file';
  }

  isDir(path: string): boolean {
    return this.kind(path) === 'dir';
  }

  list(path: string): string[] {
    const entries = this.listing(path);
    return entries ? [...entries.keys()].sort() : [];
  }

  isLink(path: string): boolean {
    return this.entryKind(path) === 'link';
  }

  special(path: string): string | undefined {
    if (this.kind(path) !== 'other') return undefined;
    try {
      return describeSpecial(statSync(path));
    } catch {
      try {
        return lstatSync(path).isSymbolicLink() ? 'a broken symbolic link' : undefined;
      } catch {
        return undefined;
      }
    }
  }

  /**
   * A fresh view that keeps the files read so far whose stamp (checked now) is unchanged: after
   * taking a lock, what was read before it is trusted only if nobody changed it meanwhile.
   */
  revalidated(): DiskFiles {
    const fresh = new DiskFiles();
    for (const [path, hit] of this.bytes) {
      if (!hit) continue;
      try {
        if (!sameStamp(stampOf(statSync(path)), hit.stamp)) continue;
      } catch {
        continue;
      }
      fresh.bytes.set(path, hit);
      const text = this.texts.get(path);
      if (text !== undefined) fresh.texts.set(path, text);
    }
    return fresh;
  }
}
