import type { Status } from '../model.js';
import { DEFAULT_VOCABULARY, type StatusVocabulary } from '../status.js';
import { statusSpots, type SpotKind, type StatusSpot } from './lineStatus.js';

/** How this file writes each status: its emoji and its words, learnt from the file itself. */
export interface FileStyle {
  emoji: Map<Status, string>;
  /** Per spot kind (label, field, cell): status → the most used spelling. */
  words: Map<SpotKind, Map<Status, string>>;
}

const DEFAULT_EMOJI: Record<Status, string> = {
  done: '✅',
  'in-progress': '🔄',
  blocked: '❌',
  waiting: '⏳',
  next: '🎯',
  todo: '⬜',
  cancelled: '🚫',
  unknown: '❔',
};

const DEFAULT_WORDS: Record<Status, string> = {
  done: 'Completed',
  'in-progress': 'In Progress',
  blocked: 'Blocked',
  waiting: 'Waiting',
  next: 'Next',
  todo: 'Not Started',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};

const DEFAULT_CELL_WORDS: Partial<Record<Status, string>> = { done: 'Done' };

function bump(counts: Map<string, Map<Status, Map<string, number>>>, key: string, status: Status, spelling: string): void {
  let byStatus = counts.get(key);
  if (!byStatus) counts.set(key, (byStatus = new Map()));
  let bySpelling = byStatus.get(status);
  if (!bySpelling) byStatus.set(status, (bySpelling = new Map()));
  bySpelling.set(spelling, (bySpelling.get(spelling) ?? 0) + 1);
}

function top(m: Map<string, number>): string {
  let best = '';
  let n = -1;
  for (const [k, v] of m) if (v > n) [best, n] = [k, v];
  return best;
}

const LEARN_LINES = 2000;

/** Learn the file's emoji and words per status from its (repaired) lines. */
export function learnStyle(lines: readonly string[], vocab: StatusVocabulary = DEFAULT_VOCABULARY): FileStyle {
  const counts = new Map<string, Map<Status, Map<string, number>>>();
  // The style is the file's habit: the first couple of thousand lines (newest entries sit on top) say it.
  for (const line of lines.length > LEARN_LINES ? lines.slice(0, LEARN_LINES) : lines) {
    if (!/[^\x00-\x7f]|:|\|/.test(line)) continue;
    const spots = statusSpots(line, vocab);
    for (let k = 0; k < spots.length; k++) {
      const s = spots[k]!;
      if (s.kind === 'emoji') {
        // An emoji followed by a word means what the word says (`🔴 Not Started` is todo in this file).
        const next = spots[k + 1];
        const st = next && next.kind !== 'emoji' && next.kind !== 'checkbox' && next.start - s.end <= 4 ? next.status : s.status;
        if (st !== 'unknown') bump(counts, 'emoji', st, s.value);
      } else if (s.kind === 'label' || s.kind === 'field' || s.kind === 'cell') {
        bump(counts, s.kind, s.status, s.value);
      }
    }
  }
  const emoji = new Map<Status, string>();
  for (const [st, m] of counts.get('emoji') ?? []) emoji.set(st, top(m));
  const words = new Map<SpotKind, Map<Status, string>>();
  for (const kind of ['label', 'field', 'cell'] as const) {
    const m = new Map<Status, string>();
    for (const [st, sp] of counts.get(kind) ?? []) m.set(st, top(sp));
    words.set(kind, m);
  }
  return { emoji, words };
}

/** The file's emoji for a status. A bare emoji (no word after it) must mean the status by itself. */
export function emojiFor(style: FileStyle, status: Status, bare = false, vocab: StatusVocabulary = DEFAULT_VOCABULARY): string {
  const learnt = style.emoji.get(status);
  if (learnt && (!bare || (vocab.emoji[learnt] ?? vocab.emoji[learnt.replace('\uFE0F', '')]) === status)) return learnt;
  return DEFAULT_EMOJI[status];
}

/** The word for a status at this kind of place, in the case of the word it replaces. */
export function wordFor(style: FileStyle, kind: SpotKind, status: Status, replacing?: string): string {
  const order: SpotKind[] = kind === 'label' ? ['label', 'field', 'cell'] : kind === 'field' ? ['field', 'cell', 'label'] : ['cell', 'field', 'label'];
  let w: string | undefined;
  for (const k of order) {
    w = style.words.get(k)?.get(status);
    if (w) break;
  }
  w ??= (kind !== 'label' ? DEFAULT_CELL_WORDS[status] : undefined) ?? DEFAULT_WORDS[status];
  if (replacing && /[A-Z]/.test(replacing) && replacing === replacing.toUpperCase()) return w.toUpperCase();
  if (replacing && replacing === replacing.toLowerCase()) return w.toLowerCase();
  if (replacing && /^[A-Z][a-z]+( [a-z]+)+$/.test(replacing)) return w[0]!.toUpperCase() + w.slice(1).toLowerCase();
  return w;
}

const ASCII_MARKERS: Partial<Record<Status, string>> = {
  todo: ' ',
  done: 'x',
  'in-progress': '/',
  cancelled: '-',
  waiting: '>',
  blocked: '!',
};

/** A checkbox marker in the family of the one it replaces (`x`/`X`, or emoji inside brackets). */
export function markerFor(status: Status, replacing: string, vocab: StatusVocabulary = DEFAULT_VOCABULARY): string {
  if ((vocab.markers[replacing] ?? 'unknown') === status) return replacing;
  const emojiFamily = /[^\x00-\x7f]/.test(replacing);
  if (emojiFamily && status !== 'todo' && status !== 'cancelled') return DEFAULT_EMOJI[status];
  if (status === 'done' && replacing === 'X') return 'X';
  return ASCII_MARKERS[status] ?? ' ';
}

/** Statuses a spot can state so that reading it back gives the same status. */
export function canWrite(spot: StatusSpot, status: Status): boolean {
  if (status === 'unknown') return false;
  if (spot.kind === 'checkbox') return status !== 'next' || /[^\x00-\x7f]/.test(spot.value);
  if (spot.kind === 'percent') return status === 'todo' || status === 'done' || status === 'in-progress';
  if (spot.kind === 'emoji') return status !== 'cancelled';
  return true;
}
