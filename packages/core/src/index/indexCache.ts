import type { IndexSnapshot } from './vaultIndex.js';
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
  others: [path: string, size: number, mtime: number][];
}

/** A cache key: the host build, the snapshot format, and a hash of every option that changes what is parsed or kept. */
export function indexCacheKey(build: string, parsing: unknown): string {
  return `${build}:${SNAPSHOT_VERSION}:${hashText(JSON.stringify(parsing ?? null))}`;
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
