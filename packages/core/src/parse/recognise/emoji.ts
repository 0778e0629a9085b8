import type { Status } from '../../model.js';
import type { StatusVocabulary } from '../../status.js';

const SORTED = new WeakMap<StatusVocabulary, { keys: string[]; min: number }>();

/** A status emoji leading a line (`✅ Create tracker`, `🔄 In Progress: …`), and what follows it. */
export function leadingEmojiStatus(text: string, vocab: StatusVocabulary): { status: Status; emoji: string; rest: string } | null {
  const t = text.replace(/^(?:\*\*|__)/, '');
  let sorted = SORTED.get(vocab);
  if (!sorted) {
    const keys = Object.keys(vocab.emoji).sort((a, b) => b.length - a.length);
    sorted = { keys, min: Math.min(...keys.map((k) => k.codePointAt(0) ?? 0)) };
    SORTED.set(vocab, sorted);
  }
  const first = t.codePointAt(0);
  if (first === undefined || first < sorted.min) return null;
  for (const k of sorted.keys) {
    if (t.startsWith(k)) return { status: vocab.emoji[k]!, emoji: k, rest: t.slice(k.length).replace(/^\uFE0F/, '').trim() };
  }
  return null;
}
