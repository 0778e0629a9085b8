/**
 * "indexing n/N" on stderr for long indexing: only on a terminal and never with `--json`. Redraws at most every
 * 100 ms and clears its line when done, so nothing of it stays in the output.
 */
export interface Progress {
  update(done: number, total: number): void;
  done(): void;
}

export interface ProgressOptions {
  enabled?: boolean;
  stream?: NodeJS.WriteStream;
  label?: string;
  now?: () => number;
}

export const NO_PROGRESS: Progress = { update() {}, done() {} };

export function progressEnabled(argv: readonly string[] = process.argv, stream: NodeJS.WriteStream = process.stderr): boolean {
  return !!stream.isTTY && !argv.includes('--json') && !process.env.CI;
}

export function createProgress(options: ProgressOptions = {}): Progress {
  const stream = options.stream ?? process.stderr;
  if (!(options.enabled ?? progressEnabled(process.argv, stream))) return NO_PROGRESS;
  const label = options.label ?? 'indexing';
  const now = options.now ?? (() => Date.now());
  let last = -Infinity;
  let shown = false;
  return {
    update(done, total) {
      const t = now();
      if (t - last < 100 && done < total) return;
      last = t;
      stream.write(`\r\x1b[2K${bar(label, done, total, stream.columns ?? 80)}`);
      shown = true;
    },
    done() {
      if (shown) stream.write('\r\x1b[2K');
      shown = false;
    },
  };
}

/** `indexing [#####.....] 512/1000` fitted to the terminal width. */
export function bar(label: string, done: number, total: number, columns = 80): string {
  const count = `${done}/${total}`;
  const width = Math.max(10, Math.min(40, columns - label.length - count.length - 5));
  const filled = total > 0 ? Math.round((width * Math.min(done, total)) / total) : width;
  return `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${count}`;
}
