import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseOutline, parseProvisional, unpack } from '@plansight/core';
import { runShard, SHARD_CHUNK, type ShardChunk, type ShardMessage, type ShardPlan } from '../src/fastShard.js';

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

const shared = (n = files.length) => ({
  claim: new Int32Array(new SharedArrayBuffer(4)),
  signal: new Int32Array(new SharedArrayBuffer(4)),
  slots: new Int32Array(new SharedArrayBuffer(4 * n)),
});

function run(s = shared()): ShardMessage[] {
  const out: ShardMessage[] = [];
  runShard(files, s, (m) => out.push(m));
  return out;
}

describe('fast-pass shard worker loop', () => {
  it('reads every chunk: outlines for notes, texts for plan files, null for a file it cannot read', () => {
    const messages = run();
    const chunks = messages.filter((m): m is ShardChunk => 'start' in m);
    expect(chunks.map((c) => c.start)).toEqual([0, SHARD_CHUNK, 2 * SHARD_CHUNK]);
    const results = chunks.flatMap((c) => c.results);
    expect(results).toHaveLength(files.length);
    results.forEach((r, i) => {
      if (i === 40) expect(r).toBeNull();
      else if (isPlan(i)) expect(r).toEqual({ text: PLAN.replace('Plan', `Plan ${i}`) });
      else expect(r).toEqual({ outline: parseOutline(files[i]![1], NOTE) });
    });
  });

  it('then parses the plan files nobody claimed, oldest first, packed; claimed ones are left alone', () => {
    const s = shared();
    Atomics.store(s.slots, 14, 1);
    const messages = run(s);
    const plans = messages.filter((m): m is ShardPlan => 'plan' in m);
    expect(plans.map((p) => p.plan)).toEqual([0, 7, 21, 28, 35, 42, 49, 56, 63]);
    for (const p of plans) expect(unpack(p.packed!)).toEqual(parseProvisional(files[p.plan]![1], PLAN.replace('Plan', `Plan ${p.plan}`)));
    expect([...s.slots].map((v, i) => (v ? i : -1)).filter((i) => i >= 0)).toEqual([0, 7, 14, 21, 28, 35, 42, 49, 56, 63]);
    // Plan files come after every chunk: the main thread has their texts first.
    expect(messages.findIndex((m) => 'plan' in m)).toBe(3);
    expect(Atomics.load(s.signal, 0)).toBe(messages.length);
  });

  it('leaves chunks another thread claimed to it', () => {
    const s = shared();
    Atomics.store(s.claim, 0, 1);
    const starts = run(s).filter((m): m is ShardChunk => 'start' in m).map((c) => c.start);
    expect(starts).toEqual([SHARD_CHUNK, 2 * SHARD_CHUNK]);
  });
});
