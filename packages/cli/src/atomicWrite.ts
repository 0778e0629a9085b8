import { createHash, randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A file as read: its text and what identifies this version (size, mtime, hash), for the check before writing. */
export interface Snapshot {
  abs: string;
  /** How messages name the file. */
  name: string;
  text: string;
  size: number;
  mtimeMs: number;
  hash: string;
  mode: number;
}

export class FileChangedError extends Error {
  constructor(name: string, line: number) {
    super(`${name}:${line}: the file changed on disk since it was read; nothing was written (run the command again)`);
    this.name = 'FileChangedError';
  }
}

function sha256(buf: Buffer): string {
  return createHash('sha256').update(buf).digest('hex');
}

/** Read a file for editing. Refuses a file that is not UTF-8, since writing it back would change its bytes. */
export function readSnapshot(abs: string, name = abs): Snapshot {
  const buf = readFileSync(abs);
  const st = statSync(abs);
  const text = buf.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(buf)) {
    throw new Error(`${name}:1: not valid UTF-8; Plansight only writes files it can write back byte for byte`);
  }
  return { abs, name, text, size: st.size, mtimeMs: st.mtimeMs, hash: sha256(buf), mode: st.mode & 0o7777 };
}

/**
 * Write `text` over the file read as `snap`: to a temporary file in the same folder, then, only if the target is
 * still the version that was read (size, mtime and hash), rename it into place. `line` names the edit in the error.
 */
export function atomicWrite(snap: Snapshot, text: string, line = 1): void {
  const tmp = join(dirname(snap.abs), `.${basename(snap.abs)}.plansight-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  const fd = openSync(tmp, 'wx', snap.mode || 0o644);
  try {
    writeSync(fd, Buffer.from(text, 'utf8'));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    let unchanged = false;
    try {
      const st = statSync(snap.abs);
      unchanged = st.size === snap.size && st.mtimeMs === snap.mtimeMs && sha256(readFileSync(snap.abs)) === snap.hash;
    } catch {
      unchanged = false;
    }
    if (!unchanged) throw new FileChangedError(snap.name, line);
    renameSync(tmp, snap.abs);
  } catch (e) {
    try {
      unlinkSync(tmp);
    } catch {
      /* already renamed or gone */
    }
    throw e;
  }
}
