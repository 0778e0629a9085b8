import type { Status } from './model.js';
import { memoText } from './text/memo.js';

/**
 * The status vocabulary: checkbox markers, emoji and words. Extra words and emoji come from settings and are
 * passed in; nothing here is global state.
 */
export interface StatusVocabulary {
  markers: Record<string, Status>;
  emoji: Record<string, Status>;
  /** Lower-case word or phrase → status. Longest phrase wins. */
  words: Record<string, Status>;
}

export const DEFAULT_VOCABULARY: StatusVocabulary = {
  markers: {
    ' ': 'todo',
    x: 'done',
    X: 'done',
    '/': 'in-progress',
    '-': 'cancelled',
    '>': 'waiting',
    '<': 'waiting',
    '!': 'blocked',
    '?': 'unknown',
    '✅': 'done',
    '✔': 'done',
    '✔️': 'done',
    '☑': 'done',
    '☑️': 'done',
    '🔄': 'in-progress',
    '🚧': 'in-progress',
    '❌': 'blocked',
    '🚫': 'blocked',
    '⚠': 'blocked',
    '⚠️': 'blocked',
    '⏳': 'waiting',
    '⏸': 'todo',
    '⏸️': 'todo',
    '🎯': 'next',
  },
  emoji: {
    '✅': 'done',
    '✔️': 'done',
    '✔': 'done',
    '☑️': 'done',
    '🟢': 'done',
    '🔄': 'in-progress',
    '🚧': 'in-progress',
    '🟡': 'in-progress',
    '⚙️': 'in-progress',
    '❌': 'blocked',
    '🚫': 'blocked',
    '⛔': 'blocked',
    '🔴': 'blocked',
    '⏳': 'waiting',
    '⌛': 'waiting',
    '⏸️': 'todo',
    '⏸': 'todo',
    '⬜': 'todo',
    '🆕': 'todo',
    '🎯': 'next',
    '⏭️': 'next',
    '⚡': 'next',
  },
  words: {
    'not started': 'todo',
    'not yet started': 'todo',
    todo: 'todo',
    'to do': 'todo',
    pending: 'todo',
    queued: 'todo',
    planned: 'todo',
    open: 'todo',
    assigned: 'todo',
    'just assigned': 'todo',
    'in progress': 'in-progress',
    'in-progress': 'in-progress',
    in_progress: 'in-progress',
    wip: 'in-progress',
    working: 'in-progress',
    'working on': 'in-progress',
    ongoing: 'in-progress',
    active: 'in-progress',
    started: 'in-progress',
    review: 'in-progress',
    'in review': 'in-progress',
    done: 'done',
    complete: 'done',
    completed: 'done',
    finished: 'done',
    merged: 'done',
    shipped: 'done',
    passed: 'done',
    resolved: 'done',
    closed: 'done',
    blocked: 'blocked',
    blocker: 'blocked',
    blockers: 'blocked',
    'blocked by': 'blocked',
    stuck: 'blocked',
    waiting: 'waiting',
    'waiting on': 'waiting',
    'waiting for': 'waiting',
    'on hold': 'waiting',
    paused: 'waiting',
    deferred: 'waiting',
    next: 'next',
    'up next': 'next',
    'next up': 'next',
    cancelled: 'cancelled',
    canceled: 'cancelled',
    dropped: 'cancelled',
    "won't do": 'cancelled',
    abandoned: 'cancelled',
  },
};

export function mergeVocabulary(base: StatusVocabulary, extra?: Partial<StatusVocabulary>): StatusVocabulary {
  if (!extra) return base;
  return {
    markers: { ...base.markers, ...extra.markers },
    emoji: { ...base.emoji, ...extra.emoji },
    words: { ...base.words, ...lowerKeys(extra.words ?? {}) },
  };
}

function lowerKeys(o: Record<string, Status>): Record<string, Status> {
  const out: Record<string, Status> = {};
  for (const [k, v] of Object.entries(o)) out[k.toLowerCase()] = v;
  return out;
}

export function statusOfMarker(marker: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): Status {
  return vocab.markers[marker] ?? vocab.emoji[marker] ?? 'unknown';
}

/** `done` and `cancelled` close an item; everything else is still open. */
export function isClosed(status: Status): boolean {
  return status === 'done' || status === 'cancelled';
}

/** A percentage as status: 0% todo, 100% done, anything between in progress. */
export function statusOfPercent(p: number): Status {
  if (p <= 0) return 'todo';
  if (p >= 100) return 'done';
  return 'in-progress';
}

/**
 * Read a status from free text: a status cell, a `**Status**:` value, a daily-status label.
 * Words win over emoji (`🟡 Not Started` is todo); returns null when nothing matches.
 */
export function statusOfText(text: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): Status | null {
  // Plans repeat their short status texts (`Done`, `In Progress`): each is read once per vocabulary, whose words
  // and emoji are listed once (vocabularies are not modified).
  let read = STATUS_MEMO.get(vocab);
  if (!read) {
    const entries: VocabularyEntries = { words: Object.entries(vocab.words), emoji: Object.entries(vocab.emoji) };
    STATUS_MEMO.set(vocab, (read = memoText((t) => readStatus(t, entries), 1024, 64)));
  }
  return read(text);
}

const STATUS_MEMO = new WeakMap<StatusVocabulary, (text: string) => Status | null>();

interface VocabularyEntries {
  words: [string, Status][];
  emoji: [string, Status][];
}

function readStatus(text: string, { words, emoji }: VocabularyEntries): Status | null {
  const t = text.replace(/[*_`]/g, '').trim();
  if (!t) return null;
  const lower = t.toLowerCase();
  let bestLen = 0;
  let best: Status | null = null;
  for (const [word, status] of words) {
    if (word.length <= bestLen) continue;
    const i = lower.indexOf(word);
    if (i < 0) continue;
    if ((i > 0 && isLowerAlnum(lower.charCodeAt(i - 1))) || isLowerAlnum(lower.charCodeAt(i + word.length))) continue;
    bestLen = word.length;
    best = status;
  }
  if (best) return best;
  const pct = /(\d{1,3})\s*%/.exec(t);
  if (pct) return statusOfPercent(Number(pct[1]));
  for (const [e, status] of emoji) if (t.includes(e)) return status;
  return null;
}

/** `[a-z0-9]`; NaN (past the end) is not. */
function isLowerAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}
