import { unpackIndexCache, type IndexCache } from '@plansight/core';
import type { DataAdapter } from 'obsidian';

/** What the cache needs of the vault adapter (Obsidian ≥ 1.0 has all of it on every platform). */
export type CacheAdapter = Pick<DataAdapter, 'exists' | 'readBinary' | 'writeBinary' | 'remove' | 'rename'>;

/**
 * The cache file's contents; null when there is none. Throws when it cannot be read or is not a packed cache
 * (the caller warns and starts cold).
 */
export async function readCache(adapter: CacheAdapter, file: string): Promise<IndexCache | null> {
  if (!(await adapter.exists(file))) return null;
  return unpackIndexCache(new Uint8Array(await adapter.readBinary(file)));
}

/** The bytes as an ArrayBuffer of their own (to write or transfer): the view's buffer when it is all of it, else a copy. */
export function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
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
