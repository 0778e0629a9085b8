/**
 * Where the persistent index cache lives and how it is read and written: bytes in a store (a local folder through
 * node:fs, or any workspace.fs folder), written to a temporary file and renamed over the old one, so a reader never
 * sees half a cache and a failed write leaves the old one whole.
 */
import * as fs from 'node:fs/promises';
import { dirname } from 'node:path';
import * as vscode from 'vscode';
import { unpackIndexCache, type IndexCache } from '@plansight/core';

export const CACHE_FILE_NAME = 'index-cache.bin';

export interface CacheStore {
  /** Where it is, for messages. */
  readonly name: string;
  /** The bytes, or null when there is no cache file. */
  read(): Promise<Uint8Array | null>;
  write(bytes: Uint8Array): Promise<void>;
  delete(): Promise<void>;
}

/** The node:fs calls a local store makes (a test passes one that fails half way). */
export interface LocalFs {
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
}

let writes = 0;

/** A cache file on the local disk. */
export class LocalCacheStore implements CacheStore {
  constructor(
    readonly name: string,
    private readonly io: LocalFs = fs,
  ) {}

  async read(): Promise<Uint8Array | null> {
    try {
      return await this.io.readFile(this.name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async write(bytes: Uint8Array): Promise<void> {
    const tmp = `${this.name}.${process.pid}.${++writes}.tmp`;
    try {
      await this.io.mkdir(dirname(this.name), { recursive: true });
      await this.io.writeFile(tmp, bytes);
      await this.io.rename(tmp, this.name);
    } catch (e) {
      await this.io.rm(tmp, { force: true }).catch(() => undefined);
      throw e;
    }
  }

  delete(): Promise<void> {
    return this.io.rm(this.name, { force: true });
  }
}

/** A cache file in a folder only workspace.fs reaches (a remote or virtual storage folder). */
class WorkspaceFsCacheStore implements CacheStore {
  readonly name: string;
  constructor(private readonly uri: vscode.Uri) {
    this.name = uri.toString();
  }

  async read(): Promise<Uint8Array | null> {
    try {
      await vscode.workspace.fs.stat(this.uri);
    } catch {
      return null;
    }
    return vscode.workspace.fs.readFile(this.uri);
  }

  async write(bytes: Uint8Array): Promise<void> {
    const tmp = this.uri.with({ path: `${this.uri.path}.${++writes}.tmp` });
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(this.uri, '..'));
    try {
      await vscode.workspace.fs.writeFile(tmp, bytes);
      await vscode.workspace.fs.rename(tmp, this.uri, { overwrite: true });
    } catch (e) {
      await Promise.resolve(vscode.workspace.fs.delete(tmp)).catch(() => undefined);
      throw e;
    }
  }

  async delete(): Promise<void> {
    await Promise.resolve(vscode.workspace.fs.delete(this.uri)).catch(() => undefined);
  }
}

/** The cache file in a storage folder (the extension's `context.storageUri`). */
export function cacheStore(storage: vscode.Uri): CacheStore {
  const file = vscode.Uri.joinPath(storage, CACHE_FILE_NAME);
  return file.scheme === 'file' && typeof file.fsPath === 'string' ? new LocalCacheStore(file.fsPath) : new WorkspaceFsCacheStore(file);
}

/** The cache in a store; null when there is none. Throws, saying why, when it is unreadable or not a cache. */
export async function readIndexCache(store: CacheStore): Promise<IndexCache | null> {
  const bytes = await store.read();
  return bytes === null ? null : unpackIndexCache(bytes);
}
