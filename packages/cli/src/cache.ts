import { existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { hashText, pack, SNAPSHOT_VERSION, unpack, type IndexSnapshot } from '@plansight/core';

/**
 * The CLI's persistent index cache: one JSON snapshot per vault folder, entries keyed by path + size + mtime +
 * content hash (see VaultIndex). Where: `$PLANSIGHT_CACHE` (`off` disables), else `.plansight-cache/` in the
 * working directory when that folder exists, else `$XDG_CACHE_HOME/plansight` (`~/.cache/plansight`).
 * A snapshot made by another build of the CLI is ignored, so a new parser never serves old results.
 */
export function cacheDir(cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | null {
  const explicit = env.PLANSIGHT_CACHE;
  if (explicit !== undefined) return explicit === '' || explicit === 'off' || explicit === '0' ? null : explicit;
  const local = join(cwd, '.plansight-cache');
  if (existsSync(local)) return local;
  const xdg = env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(xdg, 'plansight');
}

/** The build the snapshot belongs to: the running bundle's size and mtime. Unbundled (tests) there is none. */
export function buildId(file: string = __filename): string | null {
  if (!file.endsWith('.cjs')) return null;
  const st = statSync(file, { throwIfNoEntry: false });
  return st ? `${SNAPSHOT_VERSION}:${st.size}:${Math.floor(st.mtimeMs)}` : null;
}

export function cacheFile(dir: string, vaultBase: string): string {
  return join(dir, `index-${hashText(vaultBase)}.bin`);
}

/** A snapshot written by `writeSnapshot`; null when missing, unreadable or in another format. */
export function readSnapshot(file: string): IndexSnapshot | null {
  try {
    // The index and the model only read the snapshot's files: equal arrays of primitives can be one.
    const data = unpack(readFileSync(file), { sharedArrays: true }) as IndexSnapshot;
    return data && Array.isArray(data.entries) ? data : null;
  } catch {
    return null;
  }
}

/** Write through a temporary file and a rename, so a reader never sees half a snapshot. Failing to cache is not an error. */
export function writeSnapshot(file: string, snapshot: IndexSnapshot): boolean {
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(tmp, pack(snapshot));
    renameSync(tmp, file);
    // The JSON snapshot of earlier builds, now unused.
    if (existsSync(file.replace(/\.bin$/, '.json'))) unlinkSync(file.replace(/\.bin$/, '.json'));
    return true;
  } catch {
    try {
      unlinkSync(tmp);
    } catch {
      /* nothing to clean */
    }
    return false;
  }
}
