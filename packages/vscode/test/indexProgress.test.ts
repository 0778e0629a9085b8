import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  IDLE,
  ProgressThrottle,
  progressLabel,
  readWithProgress,
  statusText,
  statusTooltip,
  viewMessage,
  type Clock,
  type IndexState,
} from '../src/indexProgress.js';

/** Timers run only when the test advances the clock, in due order. */
class FakeClock implements Clock {
  t = 0;
  private seq = 0;
  private timers: { at: number; id: number; fn: () => void }[] = [];
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.seq;
    this.timers.push({ at: this.t + Math.max(0, ms), id, fn });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== handle);
  }
  get pending(): number {
    return this.timers.length;
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const due = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.timers = this.timers.filter((x) => x !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = end;
  }
}

const reading = (done: number, total: number): IndexState => ({ phase: 'reading', done, total });
const refining = (left: number): IndexState => ({ phase: 'refining', left });

function recorder(interval = 100) {
  const clock = new FakeClock();
  const seen: { at: number; s: IndexState }[] = [];
  const throttle = new ProgressThrottle((s) => seen.push({ at: clock.now(), s }), clock, interval);
  return { clock, seen, throttle, states: () => seen.map((x) => x.s) };
}

describe('indexing progress text', () => {
  it('says indexing n/N while reading, refining k left after, nothing when idle', () => {
    expect(statusText({ phase: 'finding' })).toBe('$(sync~spin) Plansight: indexing…');
    expect(statusText(reading(120, 10000))).toBe('$(sync~spin) Plansight: indexing 120/10000');
    expect(statusText(refining(37))).toBe('$(sync~spin) Plansight: refining 37 left');
    expect(statusText(IDLE)).toBeUndefined();
    expect(progressLabel(reading(0, 3))).toBe('Plansight: indexing 0/3');
  });

  it('puts the same words in the rollup view while there is nothing to show, and none while refining', () => {
    expect(viewMessage({ phase: 'finding' })).toBe('Plansight: indexing…');
    expect(viewMessage(reading(5, 13))).toBe('Plansight: indexing 5/13…');
    expect(viewMessage(refining(4))).toBeUndefined();
    expect(viewMessage(IDLE)).toBeUndefined();
  });

  it('explains each phase in the tooltip', () => {
    expect(statusTooltip(reading(2, 9))).toBe('Plansight is reading the markdown files of this workspace: 2 of 9 read.');
    expect(statusTooltip(refining(1))).toContain('re-parsing 1 plan file with the accurate parser');
    expect(statusTooltip(refining(2))).toContain('re-parsing 2 plan files');
    expect(statusTooltip(IDLE)).toBeUndefined();
  });
});

describe('ProgressThrottle', () => {
  it('passes a new phase on at once and coalesces counts to one update per interval', () => {
    const { clock, throttle, seen, states } = recorder();
    throttle.set({ phase: 'finding' });
    throttle.set(reading(0, 50));
    for (let i = 1; i <= 50; i++) {
      clock.advance(7);
      throttle.set(reading(i, 50));
    }
    clock.advance(200);
    expect(states()[0]).toEqual({ phase: 'finding' });
    expect(states()[1]).toEqual(reading(0, 50));
    expect(states().at(-1)).toEqual(reading(50, 50));
    const counts = seen.slice(1);
    for (let i = 1; i < counts.length; i++) expect(counts[i]!.at - counts[i - 1]!.at).toBeGreaterThanOrEqual(100);
    // 350 ms of reading at one update per 100 ms: the first, three or four in between, the trailing last.
    expect(counts.length).toBeGreaterThanOrEqual(4);
    expect(counts.length).toBeLessThanOrEqual(6);
    expect(clock.pending).toBe(0);
  });

  it('shows the latest count when the trailing timer fires, not the one that started it', () => {
    const { clock, throttle, states } = recorder();
    throttle.set(reading(0, 10));
    clock.advance(10);
    throttle.set(reading(1, 10));
    throttle.set(reading(2, 10));
    expect(states()).toEqual([reading(0, 10)]);
    clock.advance(89);
    expect(states()).toEqual([reading(0, 10)]);
    clock.advance(1);
    expect(states()).toEqual([reading(0, 10), reading(2, 10)]);
  });

  it('goes to refining and idle at once, dropping a pending count', () => {
    const { clock, throttle, states } = recorder();
    throttle.set(reading(0, 3));
    throttle.set(reading(2, 3));
    throttle.set(refining(3));
    expect(states()).toEqual([reading(0, 3), refining(3)]);
    throttle.set(refining(1));
    throttle.set(IDLE);
    expect(states()).toEqual([reading(0, 3), refining(3), IDLE]);
    expect(throttle.current).toEqual(IDLE);
    clock.advance(500);
    expect(states()).toEqual([reading(0, 3), refining(3), IDLE]);
  });

  it('ignores a state equal to the one shown and cancels a pending change back to it', () => {
    const { clock, throttle, states } = recorder();
    throttle.set(refining(5));
    throttle.set(refining(5));
    throttle.set(refining(4));
    throttle.set(refining(5));
    clock.advance(1000);
    expect(states()).toEqual([refining(5)]);
    expect(clock.pending).toBe(0);
  });

  it('leaves no timer behind after dispose', () => {
    const { clock, throttle, states } = recorder();
    throttle.set(reading(0, 2));
    throttle.set(reading(1, 2));
    throttle.dispose();
    expect(clock.pending).toBe(0);
    clock.advance(1000);
    expect(states()).toEqual([reading(0, 2)]);
  });

  it('for any sequence: phases in order at once, counts at most once per interval, the last state shown at the end', () => {
    const state = fc.oneof(
      fc.constant<IndexState>(IDLE),
      fc.constant<IndexState>({ phase: 'finding' }),
      fc.tuple(fc.nat(20), fc.nat(20)).map(([d, t]) => reading(d, t)),
      fc.nat(20).map(refining),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(state, fc.nat(250)), { maxLength: 60 }), (steps) => {
        const { clock, throttle, seen } = recorder();
        let last: IndexState = IDLE;
        for (const [s, wait] of steps) {
          throttle.set(s);
          last = s;
          expect(seen.at(-1)?.s.phase ?? 'idle').toBe(s.phase);
          clock.advance(wait);
        }
        clock.advance(1000);
        expect(throttle.current).toEqual(last);
        if (seen.length) expect(seen.at(-1)!.s).toEqual(last);
        for (let i = 1; i < seen.length; i++) {
          expect(seen[i]!.s).not.toEqual(seen[i - 1]!.s);
          if (seen[i]!.s.phase === seen[i - 1]!.s.phase) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(100);
        }
        expect(clock.pending).toBe(0);
      }),
      { numRuns: 300 },
    );
  });
});

/** A reader whose reads finish only when the test says so. */
function manualReader() {
  const waiting: { item: string; finish: (error?: Error) => void }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const read = (item: string) =>
    new Promise<void>((resolve, reject) => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      waiting.push({
        item,
        finish: (error) => {
          inFlight--;
          if (error) reject(error);
          else resolve();
        },
      });
    });
  return { read, waiting, max: () => maxInFlight };
}

const tick = () => new Promise((r) => setTimeout(r, 0));
const files = (n: number) => Array.from({ length: n }, (_, i) => `plan-${i}.md`);

describe('readWithProgress', () => {
  it('keeps at most `limit` reads in flight and reports every count from 0/N to N/N', async () => {
    const reader = manualReader();
    const progress: IndexState[] = [];
    const done = readWithProgress(files(100), reader.read, { limit: 8, onProgress: (s) => progress.push(s) });
    const read: string[] = [];
    while (read.length < 100) {
      await tick();
      expect(reader.waiting.length).toBeLessThanOrEqual(8);
      // Finish the oldest two, out of order, so completions interleave.
      for (const w of reader.waiting.splice(0, 2).reverse()) {
        read.push(w.item);
        w.finish();
      }
    }
    await done;
    expect(reader.max()).toBe(8);
    expect(read.sort()).toEqual(files(100).sort());
    expect(progress).toEqual(Array.from({ length: 101 }, (_, i) => reading(i, 100)));
  });

  it('reports 0/0 and resolves for an empty workspace', async () => {
    const progress: IndexState[] = [];
    await readWithProgress([], () => Promise.reject(new Error('no read expected')), { onProgress: (s) => progress.push(s) });
    expect(progress).toEqual([reading(0, 0)]);
  });

  it('stops taking files once cancelled and reports nothing more', async () => {
    const reader = manualReader();
    const progress: IndexState[] = [];
    let cancelled = false;
    const done = readWithProgress(files(20), reader.read, { limit: 4, cancelled: () => cancelled, onProgress: (s) => progress.push(s) });
    await tick();
    reader.waiting.shift()!.finish();
    await tick();
    cancelled = true;
    for (const w of reader.waiting.splice(0)) w.finish();
    await done;
    expect(reader.max()).toBe(4);
    expect(progress).toEqual([reading(0, 20), reading(1, 20)]);
    expect(reader.waiting).toEqual([]);
  });

  it('rejects with the reader error', async () => {
    const reader = manualReader();
    const done = readWithProgress(files(3), reader.read, { limit: 2 });
    await tick();
    reader.waiting.shift()!.finish(new Error('EACCES plan-0.md'));
    for (const w of reader.waiting.splice(0)) w.finish();
    await expect(done).rejects.toThrow('EACCES plan-0.md');
  });

  it('through the throttle, a fake 7 ms-per-file reader shows a moving n/N about every 100 ms, then N/N', async () => {
    const clock = new FakeClock();
    const seen: { at: number; s: IndexState }[] = [];
    const throttle = new ProgressThrottle((s) => seen.push({ at: clock.now(), s }), clock, 100);
    throttle.set({ phase: 'finding' });
    await readWithProgress(
      files(120),
      async () => {
        await Promise.resolve();
        clock.advance(7);
      },
      { limit: 1, onProgress: (s) => throttle.set(s) },
    );
    clock.advance(100);
    const counts = seen.filter((x) => x.s.phase === 'reading').map((x) => (x.s as { done: number }).done);
    expect(seen[0]!.s).toEqual({ phase: 'finding' });
    expect(counts[0]).toBe(0);
    expect(counts.at(-1)).toBe(120);
    expect(counts).toEqual([...counts].sort((a, b) => a - b));
    // 840 ms of reads: one update per 100 ms (plus the first and the trailing last), never one per file.
    expect(counts.length).toBeGreaterThanOrEqual(8);
    expect(counts.length).toBeLessThanOrEqual(11);
  });
});
