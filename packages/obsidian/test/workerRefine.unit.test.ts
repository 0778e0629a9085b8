import { parsePlan } from '@plansight/core';
import { describe, expect, it } from 'vitest';
import { PlanIndex } from '../src/index/planIndex';
import { WorkerRefiner, type WorkerLike } from '../src/index/workerRefine';
import type { RefineBatch, WorkerReply, WorkerRequest } from '../src/index/workerProtocol';
import { vocabularyOf } from '../src/settings';

/** A worker that parses a batch only when the test says so. */
class ManualWorker implements WorkerLike {
  onmessage: ((e: { data: WorkerReply }) => void) | null = null;
  onerror: ((e: { message?: string }) => void) | null = null;
  batches: RefineBatch[] = [];
  terminated = false;
  postMessage(message: WorkerRequest): void {
    if ('jobs' in message) this.batches.push(structuredClone(message));
  }
  terminate(): void {
    this.terminated = true;
  }
  /** Parse the oldest batch not yet answered and post its results. */
  answer(): void {
    const b = this.batches.shift()!;
    for (const j of b.jobs) {
      const file = parsePlan(j.path, j.text, b.vocabulary ? { vocabulary: b.vocabulary } : {});
      this.onmessage?.({ data: structuredClone({ path: j.path, hash: j.hash, file }) });
    }
  }
}

const DAILY = '# Daily Status - 2026-11-18\n\n## Worker 1:\n- 🧪 Testing: A (T1-003)\n- ✅ Completed: B\n';
const statuses = (index: PlanIndex) => index.model().statusReports.flatMap((r) => r.entries.map((e) => e.status));

describe('WorkerRefiner', () => {
  it('drops results parsed under the old vocabulary and sends the files again under the new one', () => {
    let index = new PlanIndex({ planFolders: [] });
    index.set('DAILY_STATUS.md', DAILY);
    const worker = new ManualWorker();
    let accepted = 0;
    const refiner = new WorkerRefiner(worker, () => index, { accepted: () => accepted++, failed: () => {}, warn: () => {} });
    refiner.kick();
    expect(worker.batches).toHaveLength(1);
    expect(worker.batches[0]!.vocabulary).toBeUndefined();

    index.options = { planFolders: [], vocabulary: vocabularyOf('🧪 = in-progress').vocabulary };
    index.set('DAILY_STATUS.md', DAILY);
    worker.answer();
    expect(accepted).toBe(0);
    expect(index.pendingCount()).toBe(1);
    // The batch came back: the next one goes out at once, with the new vocabulary.
    expect(worker.batches).toHaveLength(1);
    expect(worker.batches[0]!.vocabulary?.emoji['🧪']).toBe('in-progress');
    worker.answer();
    expect(accepted).toBe(1);
    expect(index.pendingCount()).toBe(0);
    expect(statuses(index)).toEqual(['in-progress', 'done']);

    // A new index (another PlanIndex) gets nothing of a batch sent for the old one.
    index.set('DAILY_STATUS.md', DAILY + '- ❌ Blocked: C\n');
    refiner.kick();
    index = new PlanIndex({ planFolders: [] });
    index.set('DAILY_STATUS.md', DAILY + '- ❌ Blocked: C\n');
    worker.answer();
    expect(accepted).toBe(1);
    expect(index.pendingCount()).toBe(1);
    refiner.stop();
    expect(worker.terminated).toBe(true);
  });

  it('a file whose parse threw is reported once and not sent again until it changes', () => {
    const index = new PlanIndex({ planFolders: [] });
    index.set('DAILY_STATUS.md', DAILY);
    const worker = new ManualWorker();
    const warned: string[] = [];
    const refiner = new WorkerRefiner(worker, () => index, { accepted: () => {}, failed: () => {}, warn: (m) => warned.push(m) });
    refiner.kick();
    const job = worker.batches.shift()!.jobs[0]!;
    worker.onmessage?.({ data: { path: job.path, hash: job.hash, error: 'DAILY_STATUS.md: boom' } });
    expect(warned).toEqual(['DAILY_STATUS.md: boom']);
    expect(worker.batches).toHaveLength(0);
    refiner.kick();
    expect(worker.batches).toHaveLength(0);
    index.set('DAILY_STATUS.md', DAILY + '- ✅ Completed: C\n');
    refiner.kick();
    expect(worker.batches).toHaveLength(1);
  });
});
