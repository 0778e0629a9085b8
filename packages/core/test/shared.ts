import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';

/** `../shared` beside the checkout: the seeds and the corpus. Tests that need it skip, visibly, when it is absent. */
export const SHARED = resolve(__dirname, '../../../../shared');
export const HAS_SHARED = existsSync(join(SHARED, 'seeds'));

if (!HAS_SHARED) {
  console.warn(`\n  ⚠ ../shared not found at ${SHARED}: seed and corpus tests are SKIPPED\n`);
}

export const describeShared: typeof describe = (HAS_SHARED ? describe : describe.skip) as typeof describe;

/** Empty when ../shared is absent: a skipped suite's body still runs to collect its tests, and must not throw. */
export function seed(name: string): string {
  return HAS_SHARED ? readFileSync(join(SHARED, 'seeds', name), 'utf8') : '';
}

export function seedNames(): string[] {
  return HAS_SHARED ? readdirSync(join(SHARED, 'seeds')).filter((f) => f.endsWith('.md')).sort() : [];
}

export function corpusNames(): string[] {
  return HAS_SHARED ? readdirSync(join(SHARED, 'corpus')).filter((f) => f.endsWith('.md')).sort() : [];
}

export function corpus(name: string): string {
  return HAS_SHARED ? readFileSync(join(SHARED, 'corpus', name), 'utf8') : '';
}
