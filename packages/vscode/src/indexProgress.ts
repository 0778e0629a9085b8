/**
 * What the workspace index is doing ("indexing n/N", "refining k left"), how to say it, and how often: the status
 * bar and the rollup view show it while a scan runs. Pure: no vscode; the clock and timers are arguments.
 */

export type IndexState =
  | { phase: 'idle' }
  /** Listing the files that match `plansight.planGlobs` (N is not known yet). */
  | { phase: 'finding' }
  /** Reading and provisionally parsing: `done` of `total` files. */
  | { phase: 'reading'; done: number; total: number }
  /** Views are usable; remark re-parses the `left` provisional plan files in the background. */
  | { phase: 'refining'; left: number };

export const IDLE: IndexState = { phase: 'idle' };

/** The status bar text, or undefined when the item should hide. */
export function statusText(s: IndexState): string | undefined {
  const label = progressLabel(s);
  return label && `$(sync~spin) ${label}`;
}

/** "Plansight: indexing 120/10000" — the words shared by the status item and the view message. */
export function progressLabel(s: IndexState): string | undefined {
  switch (s.phase) {
    case 'idle':
      return undefined;
    case 'finding':
      return 'Plansight: indexing…';
    case 'reading':
      return `Plansight: indexing ${s.done}/${s.total}`;
    case 'refining':
      return `Plansight: refining ${s.left} left`;
  }
}

export function statusTooltip(s: IndexState): string | undefined {
  switch (s.phase) {
    case 'idle':
      return undefined;
    case 'finding':
      return 'Plansight is listing the markdown files of this workspace.';
    case 'reading':
      return `Plansight is reading the markdown files of this workspace: ${s.done} of ${s.total} read.`;
    case 'refining':
      return `The views are up to date with the fast parse; Plansight is re-parsing ${s.left} plan ${s.left === 1 ? 'file' : 'files'} with the accurate parser.`;
  }
}

/**
 * The rollup view's message: only while there is nothing to show yet (finding, reading). While remark refines the
 * tree is already filled, and a message appearing and vanishing above it would move the rows under the pointer.
 */
export function viewMessage(s: IndexState): string | undefined {
  if (s.phase === 'finding') return progressLabel(s);
  if (s.phase === 'reading') return `${progressLabel(s)}…`;
  return undefined;
}

export function sameState(a: IndexState, b: IndexState): boolean {
  if (a.phase !== b.phase) return false;
  if (a.phase === 'reading' && b.phase === 'reading') return a.done === b.done && a.total === b.total;
  if (a.phase === 'refining' && b.phase === 'refining') return a.left === b.left;
  return true;
}

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/**
 * Passes states on to `emit` at most once per `intervalMs` while the phase stays the same (counts move fast); a
 * new phase is passed on at once. The last state set is always emitted eventually (a trailing timer).
 */
export class ProgressThrottle {
  private shown: IndexState = IDLE;
  private latest: IndexState = IDLE;
  private lastEmit = -Infinity;
  private timer: unknown;

  constructor(
    private readonly emit: (s: IndexState) => void,
    private readonly clock: Clock = realClock,
    private readonly intervalMs = 100,
  ) {}

  /** The state last passed to `emit` (what the user sees). */
  get current(): IndexState {
    return this.shown;
  }

  set(s: IndexState): void {
    this.latest = s;
    if (sameState(s, this.shown)) return this.cancel();
    const wait = this.lastEmit + this.intervalMs - this.clock.now();
    if (s.phase !== this.shown.phase || wait <= 0) return this.flush();
    if (this.timer === undefined) this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    this.cancel();
    this.shown = this.latest;
    this.lastEmit = this.clock.now();
    this.emit(this.shown);
  }

  private cancel(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  dispose(): void {
    this.cancel();
  }
}

/**
 * Runs `read` over `items` with at most `limit` in flight, reporting `reading done/total` before the first and
 * after each one. Stops taking new items once `cancelled()` is true (a newer scan replaced this one).
 * Resolves when every started read has settled; rejects with the first error `read` throws.
 */
export async function readWithProgress<T>(
  items: readonly T[],
  read: (item: T) => Promise<void>,
  options: { limit?: number; onProgress?: (s: IndexState) => void; cancelled?: () => boolean } = {},
): Promise<void> {
  const { limit = 32, onProgress, cancelled = () => false } = options;
  const total = items.length;
  let next = 0;
  let done = 0;
  onProgress?.({ phase: 'reading', done, total });
  const worker = async (): Promise<void> => {
    while (next < total && !cancelled()) {
      await read(items[next++]!);
      done++;
      if (!cancelled()) onProgress?.({ phase: 'reading', done, total });
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, total)) }, worker));
}
