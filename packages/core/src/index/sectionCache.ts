import type { Block } from '../parse/blocks.js';
import type { SectionCache } from '../parse/remarkBlocks.js';
import { hashText } from './hash.js';

/**
 * A bounded section cache shared across files: section text → its remark blocks. Keys are a hash plus the
 * length, so the cache does not hold the section texts themselves. Least recently used sections go first.
 */
export class BoundedSectionCache implements SectionCache {
  private readonly map = new Map<string, Block[]>();
  hits = 0;
  misses = 0;

  constructor(private readonly maxSections = 20_000) {}

  private key(text: string): string {
    return `${text.length}:${hashText(text)}`;
  }

  get(text: string): Block[] | undefined {
    const k = this.key(text);
    const v = this.map.get(k);
    if (v) {
      this.hits++;
      this.map.delete(k);
      this.map.set(k, v);
    } else this.misses++;
    return v;
  }

  set(text: string, blocks: Block[]): void {
    const k = this.key(text);
    this.map.delete(k);
    this.map.set(k, blocks);
    if (this.map.size > this.maxSections) {
      const oldest = this.map.keys().next().value;
      if (oldest !== undefined) this.map.delete(oldest);
    }
  }

  get size(): number {
    return this.map.size;
  }

  clear(): void {
    this.map.clear();
  }
}
