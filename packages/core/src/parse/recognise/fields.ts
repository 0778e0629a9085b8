import { plain } from '../../text/inline.js';
import type { Estimate, EstimateSize } from '../../model.js';
import { memoText } from '../../text/memo.js';

export interface Field {
  /** Lower case, single spaces: `dependencies`, `owner`, `depends on`. */
  key: string;
  /** As written after the colon, inline markup kept. */
  raw: string;
  /** Plain text of the value. */
  value: string;
  /** The key as written (`WORKING_ON`, `Dependencies`). */
  label: string;
}

/** Keys accepted without bold (`Status: pending`); bold keys (`**Anything**:`) are always fields. */
const PLAIN_KEYS = new Set([
  'status', 'owner', 'owners', 'assignee', 'assigned to', 'size', 'estimate', 'time', 'priority', 'dependencies',
  'dependency', 'depends on', 'blocks', 'blocked by', 'sprint', 'branch', 'eta', 'deadline', 'due', 'duration',
  'critical path', 'effort', 'estimated effort', 'needs', 'waiting', 'after',
]);

const BOLD_FIELD = /^(?:[-*+]\s+)?(?:\*\*|__)([^*:]{1,48}?)(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:)\s*(.*)$/;
const PLAIN_FIELD = /^(?:[-*+]\s+)?([A-Za-z][A-Za-z _-]{0,30}?):\s+(.*)$/;

/** `**Key**: value`, `**Key:** value` or `Key: value` for well-known keys. */
export function fieldOf(text: string): Field | null {
  // Every field has a colon; most lines have none.
  if (text.indexOf(':') < 0) return null;
  // Not remembered by text: a lookup keyed by a freshly sliced line costs about as much as reading it.
  return readField(text);
}

function readField(text: string): Field | null {
  const t = text.trim();
  let m = BOLD_FIELD.exec(t);
  if (m) {
    const key = normKey(m[1]!);
    if (key) return { key, raw: m[2]!.trim(), value: plain(m[2]!), label: m[1]!.trim() };
  }
  m = PLAIN_FIELD.exec(t);
  if (m) {
    const key = normKey(m[1]!);
    if (PLAIN_KEYS.has(key)) return { key, raw: m[2]!.trim(), value: plain(m[2]!), label: m[1]!.trim() };
  }
  return null;
}

/** Every pictograph and variation selector lies outside ASCII. */
const NON_ASCII = /[^\x00-\x7f]/;

/** Keys as written, normalised: plans repeat a few short keys (`Status`, `Owner`) on most of their field lines. */
const normKey = memoText(readKey, 1024);

function readKey(k: string): string {
  const p = plain(k);
  return (NON_ASCII.test(p) ? p.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '') : p)
    .toLowerCase()
    .replace(/[_\s]+/g, ' ')
    .trim();
}

/** `(120h)`, `(460 hours)`, `⏱️ 2h`, `40 hours`. */
export function hoursIn(s: string): number | undefined {
  const m = /(?:^|[\s(~])(\d{1,5}(?:\.\d+)?)\s*(?:h|hrs?|hours?)\b/i.exec(s);
  return m ? Number(m[1]) : undefined;
}

/** `2 days`, `2-3 days` (upper bound), `0.5 days`, `(2d)`. */
export function daysIn(s: string): number | undefined {
  const m = /(\d{1,3}(?:\.\d+)?)(?:\s*[-–]\s*(\d{1,3}(?:\.\d+)?))?\s*(?:d|days?)\b/i.exec(s);
  if (!m) return undefined;
  return Number(m[2] ?? m[1]);
}

const SIZES = new Set(['XS', 'S', 'M', 'L', 'XL']);

/** A T-shirt size alone or leading a value: `M`, `M (2 days)`, `(M)`. */
export function sizeIn(s: string, leadingOnly = false): EstimateSize | undefined {
  const lead = /^\s*\(?\s*(XS|S|M|L|XL)\b\)?/.exec(s);
  if (lead && SIZES.has(lead[1]!)) return lead[1] as EstimateSize;
  if (leadingOnly) return undefined;
  const paren = /\((XS|S|M|L|XL)\)\s*$/.exec(s.trim());
  return paren ? (paren[1] as EstimateSize) : undefined;
}

export function estimateOf(s: string): Estimate | undefined {
  const e: Estimate = {};
  const h = hoursIn(s);
  if (h !== undefined) e.hours = h;
  const d = daysIn(s);
  if (d !== undefined) e.days = d;
  const size = sizeIn(s);
  if (size) e.size = size;
  return Object.keys(e).length ? e : undefined;
}

export function mergeEstimate(a: Estimate | undefined, b: Estimate | undefined): Estimate | undefined {
  if (!a) return b;
  if (!b) return a;
  return { ...b, ...a };
}

/** "None", "No dependencies", "None for start", "(no dependencies)", "-". */
export function saysNone(value: string): boolean {
  return /^\s*[(\[]?\s*(none|no dependencies|no deps|n\/a|nothing|independent|-|—)\b/i.test(value);
}
