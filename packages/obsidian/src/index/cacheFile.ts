import { unpack } from '@plansight/core';
import type { DataAdapter } from 'obsidian';
import type { IndexCache } from './planIndex.js';

/** What the cache needs of the vault adapter (Obsidian ≥ 1.0 has all of it on every platform). */
export type CacheAdapter = Pick<DataAdapter, 'exists' | 'readBinary' | 'writeBinary' | 'remove' | 'rename'>;

/**
 * The cache file's contents; null when there is none. Throws when it cannot be read or is not a packed cache
 * (the caller warns and starts cold).
 */
export async function readCache(adapter: CacheAdapter, file: string): Promise<IndexCache | null> {
  if (!(await adapter.exists(file))) return null;
  const data = unpack(new Uint8Array(await adapter.readBinary(file))) as Partial<IndexCache> | null;
  if (!data || typeof data.key !== 'string' || !Array.isArray(data.others) || !data.snapshot || !Array.isArray(data.snapshot.entries)) {
    throw new Error('not an index cache');
  }
  data.snapshot.entries.forEach((e, i) => {
    if (!wellFormed(e)) throw new Error(`entry ${i} is not a parsed file`);
  });
  data.others.forEach((o, i) => {
    if (!Array.isArray(o) || typeof o[0] !== 'string' || typeof o[1] !== 'number' || typeof o[2] !== 'number') throw new Error(`non-plan entry ${i} is malformed`);
  });
  return data as IndexCache;
}

/** The bytes as an ArrayBuffer of their own (to write or transfer): the view's buffer when it is all of it, else a copy. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

const FILE_LISTS = ['headings', 'actors', 'items', 'gates', 'ownership', 'statusReports', 'dependencies', 'references', 'diagnostics'] as const;

/** The shape the index and `buildModel` rely on; a damaged cache that still decodes is refused rather than half used. */
function wellFormed(e: unknown): boolean {
  const x = e as IndexCache['snapshot']['entries'][number] | null;
  if (!x || typeof x.path !== 'string' || typeof x.size !== 'number' || typeof x.mtime !== 'number' || typeof x.hash !== 'string') return false;
  const f = x.file as unknown as Record<string, unknown> | null;
  return !!f && f.path === x.path && typeof f.checkboxes === 'object' && f.checkboxes !== null && FILE_LISTS.every((k) => Array.isArray(f[k]));
}

/**
 * Write a packed cache (core `pack` of an IndexCache) through a temporary file and a rename, so a reader never sees half a cache; where the adapter cannot
 * rename over a file, the old one is removed first, and where renaming fails the file is written whole.
 * Throws only when even that fails.
 */
export async function writeCache(adapter: CacheAdapter, file: string, bytes: Uint8Array): Promise<void> {
  const data = ownBuffer(bytes);
  const tmp = `${file}.tmp`;
  try {
    await adapter.writeBinary(tmp, data);
    if (await adapter.exists(file)) await adapter.remove(file);
    await adapter.rename(tmp, file);
  } catch {
    await adapter.writeBinary(file, data);
    if (await adapter.exists(tmp).catch(() => false)) await adapter.remove(tmp).catch(() => undefined);
  }
}
