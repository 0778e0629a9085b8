import type { FileStat, IndexSnapshot, VaultIndex } from './vaultIndex.js';
import { hashText } from './hash.js';
import { SNAPSHOT_VERSION } from './vaultIndex.js';
import { pack, unpack } from './pack.js';

/**
 * A host's persistent index cache: the VaultIndex snapshot of the plan files, plus the files read and found not to
 * be plans (path, size, mtime), so that an unchanged workspace is not read at all. Valid only under the same `key`.
 */
export interface IndexCache {
  key: string;
  snapshot: IndexSnapshot;
  /** `racy` is 1 when the stat was racy as read (`FileStat.racy`): such a file is read again, not confirmed. */
  others: [path: string, size: number, mtime: number, racy?: 1][];
}

/** A cache key: the host build, the snapshot format, and a hash of every option that changes what is parsed or kept. */
export function indexCacheKey(build: string, parsing: unknown): string {
  return `${build}:${SNAPSHOT_VERSION}:${hashText(JSON.stringify(parsing ?? null))}`;
}

/**
 * The non-plan side of a host's cache: the files read and found not to be plans, with the stat they were read at
 * (none for an editor's text, which is not written), and the ones a restored cache lists, until a file with the same
 * stat confirms one.
 */
export class NonPlanFiles {
  private readonly read = new Map<string, FileStat | undefined>();
  private readonly restored = new Map<string, FileStat>();

  restore(others: IndexCache['others']): void {
    for (const [path, size, mtime, racy] of others) this.restored.set(path, racy ? { size, mtime, racy: true } : { size, mtime });
  }

  /** Whether the restored cache lists `path` with this very stat, not racy; if so it counts as read at it. */
  confirm(path: string, stat: FileStat): boolean {
    const r = this.restored.get(path);
    if (!r || r.racy || r.size !== stat.size || r.mtime !== stat.mtime) return false;
    this.read.set(path, stat);
    return true;
  }

  set(path: string, stat: FileStat | undefined): void {
    this.read.set(path, stat);
  }

  get(path: string): FileStat | undefined {
    return this.read.get(path);
  }

  delete(path: string): void {
    this.read.delete(path);
  }

  /** Drop the restored list (the files have all been seen); the files read stay. */
  forgetRestored(): void {
    this.restored.clear();
  }

  clear(): void {
    this.read.clear();
    this.restored.clear();
  }

  /** The files read with a stat, as the cache lists them. */
  list(): IndexCache['others'] {
    const out: IndexCache['others'] = [];
    for (const [path, stat] of this.read) if (stat) out.push(stat.racy ? [path, stat.size, stat.mtime, 1] : [path, stat.size, stat.mtime]);
    return out;
  }
}

/**
 * What a host writes to its cache: the accurate plan files of `index` with their stats, the non-plan files, and the
 * built model (built now if nothing asked for it), so that a restart with nothing changed skips `buildModel`.
 */
export function indexCacheOf(key: string, index: VaultIndex, others: NonPlanFiles): IndexCache {
  index.model();
  return { key, snapshot: index.snapshot(), others: others.list() };
}

export function packIndexCache(cache: IndexCache): Uint8Array {
  return pack(cache);
}

/**
 * The cache in `bytes` (as `packIndexCache` wrote it). Throws, saying why, when it is not one: truncated, another
 * format, or a damaged cache that still decodes (refused rather than half used). The key is not checked here.
 */
export function unpackIndexCache(bytes: Uint8Array, options: { sharedArrays?: boolean } = {}): IndexCache {
  return checkIndexCache(unpack(bytes, options));
}

/** `data` as an IndexCache, or an Error naming the first thing wrong with it. */
export function checkIndexCache(data: unknown): IndexCache {
  const c = data as Partial<IndexCache> | null;
  if (!c || typeof c !== 'object' || typeof c.key !== 'string' || !Array.isArray(c.others) || !c.snapshot || !Array.isArray(c.snapshot.entries)) {
    throw new Error('not an index cache');
  }
  c.snapshot.entries.forEach((e, i) => {
    if (!wellFormed(e)) throw new Error(`entry ${i} is not a parsed file`);
  });
  c.others.forEach((o, i) => {
    if (!Array.isArray(o) || typeof o[0] !== 'string' || typeof o[1] !== 'number' || typeof o[2] !== 'number') throw new Error(`non-plan entry ${i} is malformed`);
  });
  return c as IndexCache;
}

const FILE_LISTS = ['headings', 'actors', 'items', 'gates', 'ownership', 'statusReports', 'dependencies', 'references', 'diagnostics'] as const;

/** The shape the index and `buildModel` rely on. */
function wellFormed(e: unknown): boolean {
  const x = e as IndexCache['snapshot']['entries'][number] | null;
  if (!x || typeof x.path !== 'string' || typeof x.size !== 'number' || typeof x.mtime !== 'number' || typeof x.hash !== 'string') return false;
  const f = x.file as unknown as Record<string, unknown> | null;
  return !!f && f.path === x.path && typeof f.checkboxes === 'object' && f.checkboxes !== null && FILE_LISTS.every((k) => Array.isArray(f[k]));
}
