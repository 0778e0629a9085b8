import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { outlineFromWire, parseOutline } from '@plansight/core';
import { runShard, SHARD_CHUNK, type ShardChunk } from '../src/fastShard.js';

const PLAN = ['# Plan', '', '## Worker 1: Core', '- [ ] T1-001: server setup', '- [x] T1-002: config', ''].join('\n');
const NOTE = ['# Groceries', '', 'Milk and bread.', ''].join('\n');

const dir = mkdtempSync(join(tmpdir(), 'plansight-shard-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 70 files (three chunks): every seventh a plan, file 40 missing. */
const files: [string, string][] = [];
for (let i = 0; i < 70; i++) {
  const rel = `f${String(i).padStart(2, '0')}.md`;
  if (i !== 40) writeFileSync(join(dir, rel), i % 7 === 0 ? PLAN.replace('Plan', `Plan ${i}`) : NOTE);
  files.push([join(dir, rel), rel]);
}
const isPlan = (i: number) => i % 7 === 0 && i !== 40;

const shared = () => ({ claim: new Int32Array(new SharedArrayBuffer(4)), signal: new Int32Array(new SharedArrayBuffer(4)) });

function run(s = shared()): ShardChunk[] {
  const out: ShardChunk[] = [];
  runShard(files, s.claim, s.signal, (m) => out.push(m));
  expect(Atomics.load(s.signal, 0)).toBe(out.length);
  return out;
}

describe('fast-pass shard worker loop', () => {
  it('reads every chunk: outlines for notes, texts for plan files, null for a file it cannot read', () => {
    const chunks = run();
    expect(chunks.map((c) => c.start)).toEqual([0, SHARD_CHUNK, 2 * SHARD_CHUNK]);
    const results = chunks.flatMap((c) => c.results);
    expect(results).toHaveLength(files.length);
    results.forEach((r, i) => {
      if (i === 40) expect(r).toBeNull();
      else if (isPlan(i)) expect(r).toEqual({ text: PLAN.replace('Plan', `Plan ${i}`) });
      else {
        // A plain note's outline travels in its wire form and comes back whole.
        expect(r && 'wire' in r).toBe(true);
        expect(outlineFromWire(files[i]![1], (r as { wire: Parameters<typeof outlineFromWire>[1] }).wire)).toEqual(parseOutline(files[i]![1], NOTE));
      }
    });
  });

  it('leaves chunks another thread claimed to it', () => {
    const s = shared();
    Atomics.store(s.claim, 0, 1);
    const starts = run(s).map((c) => c.start);
    expect(starts).toEqual([SHARD_CHUNK, 2 * SHARD_CHUNK]);
  });
});
