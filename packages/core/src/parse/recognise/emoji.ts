import type { Status } from '../../model.js';
import type { StatusVocabulary } from '../../status.js';

/** A status emoji leading a line (`✅ Create tracker`, `🔄 In Progress: …`), and what follows it. */
export function leadingEmojiStatus(text: string, vocab: StatusVocabulary): { status: Status; emoji: string; rest: string } | null {
  const t = text.replace(/^(?:\*\*|__)/, '');
  const keys = Object.keys(vocab.emoji).sort((a, b) => b.length - a.length);
  for (const k of keys) {
    if (t.startsWith(k)) {
      return { status: vocab.emoji[k]!, emoji: k, rest: t.slice(k.length).replace(/^\uFE0F/, '').trim() };
    }
  }
  return null;
}
