import { applyEdits } from '../edit/types.js';
import { editsFor } from '../edit/index.js';
import { emptyPlanFile } from '../parse/parsePlan.js';
import { buildModel } from '../model/buildModel.js';
import { dominantEol, splitLines } from '../text/lines.js';
import { repairLine } from '../text/mojibake.js';
import { parseDaily } from './structure.js';

/**
 * Three-way merge of a `DAILY_STATUS.md`, per dated entry and per actor section, so that workers who each
 * update their own lines never conflict. Inside a section, lines added on both sides are all kept (deduplicated, in
 * file order); the same lines changed differently on both sides become standard conflict markers. No line is lost.
 */
export interface MergeResult {
  text: string;
  conflicts: number;
}

interface Chunk {
  key: string;
  lines: string[];
}

/** Cut a text into keyed chunks: the preamble, each entry's head, each actor section, what follows an entry. */
function chunksOf(lines: readonly string[]): Chunk[] {
  const repaired = lines.map((l) => repairLine(l).text);
  const doc = parseDaily(repaired);
  const dated = doc.entries.filter((e) => e.date).sort((a, b) => a.header - b.header);
  if (!dated.length) return [{ key: 'file', lines: [...lines] }];
  const out: Chunk[] = [];
  const seen = new Map<string, number>();
  const push = (key: string, from: number, to: number) => {
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    out.push({ key: n ? `${key}#${n}` : key, lines: lines.slice(from, to) });
  };
  push('pre', 0, dated[0]!.header);
  dated.forEach((e, k) => {
    const entry = `E:${e.date}`;
    const actors = [...e.actors].sort((a, b) => a.header - b.header);
    push(entry, e.header, actors[0]?.header ?? e.end);
    actors.forEach((a, j) => push(`${entry}/A:${a.key}`, a.header, actors[j + 1]?.header ?? e.end));
    const next = dated[k + 1]?.header ?? lines.length;
    if (e.end < next) push(`${entry}/post`, e.end, next);
  });
  return out;
}

/** Longest common subsequence as index pairs, after trimming the common prefix and suffix. */
function lcs(a: readonly string[], b: readonly string[]): [number, number][] {
  let pre = 0;
  while (pre < a.length && pre < b.length && a[pre] === b[pre]) pre++;
  let suf = 0;
  while (suf < a.length - pre && suf < b.length - pre && a[a.length - 1 - suf] === b[b.length - 1 - suf]) suf++;
  const n = a.length - pre - suf;
  const m = b.length - pre - suf;
  const pairs: [number, number][] = [];
  for (let i = 0; i < pre; i++) pairs.push([i, i]);
  if (n > 0 && m > 0) {
    const w = m + 1;
    const dp = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--)
      for (let j = m - 1; j >= 0; j--)
        dp[i * w + j] = a[pre + i] === b[pre + j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (a[pre + i] === b[pre + j]) {
        pairs.push([pre + i, pre + j]);
        i++;
        j++;
      } else if (dp[(i + 1) * w + j]! >= dp[i * w + j + 1]!) i++;
      else j++;
    }
  }
  for (let k = suf; k > 0; k--) pairs.push([a.length - k, b.length - k]);
  return pairs;
}

function same(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((l, i) => l === b[i]);
}

/** Lines of both sides, ours first, without repeating a non-blank line. */
function union(a: readonly string[], b: readonly string[]): string[] {
  const have = new Set(a.filter((l) => l.trim() !== ''));
  return [...a, ...b.filter((l) => l.trim() === '' || !have.has(l))];
}

/** diff3 on lines; both-sides insertions are unioned, both-sides changes of the same lines are a conflict. */
export function mergeLines(o: readonly string[], a: readonly string[], b: readonly string[], out: string[]): number {
  const ma = new Map(lcs(o, a));
  const mb = new Map(lcs(o, b));
  let conflicts = 0;
  let oi = 0;
  let ai = 0;
  let bi = 0;
  const flush = (oEnd: number, aEnd: number, bEnd: number) => {
    const oc = o.slice(oi, oEnd);
    const ac = a.slice(ai, aEnd);
    const bc = b.slice(bi, bEnd);
    if (same(ac, oc)) out.push(...bc);
    else if (same(bc, oc) || same(ac, bc)) out.push(...ac);
    else if (oc.length === 0) out.push(...union(ac, bc));
    else {
      conflicts++;
      out.push('<<<<<<< ours', ...ac, '=======', ...bc, '>>>>>>> theirs');
    }
  };
  for (let k = 0; k < o.length; k++) {
    const ja = ma.get(k);
    const jb = mb.get(k);
    if (ja === undefined || jb === undefined || ja < ai || jb < bi) continue;
    flush(k, ja, jb);
    out.push(o[k]!);
    oi = k + 1;
    ai = ja + 1;
    bi = jb + 1;
  }
  flush(o.length, a.length, b.length);
  return conflicts;
}

/** Keys of all three versions in one order: ours, then theirs' and base's own keys after their predecessor. */
function orderKeys(ours: string[], theirs: string[], base: string[]): string[] {
  const out = [...ours];
  for (const list of [theirs, base]) {
    list.forEach((k, i) => {
      if (out.includes(k)) return;
      let at = 0;
      for (let p = i - 1; p >= 0; p--) {
        const q = out.indexOf(list[p]!);
        if (q >= 0) {
          at = q + 1;
          break;
        }
      }
      out.splice(at, 0, k);
    });
  }
  return out;
}

/** What both sides started a new entry from: the base's own new day for that date, when the base has entries. */
function newDayBase(base: string, date: string): Map<string, string[]> {
  try {
    const model = buildModel([emptyPlanFile('DAILY_STATUS.md')]);
    const next = applyEdits(base, editsFor('DAILY_STATUS.md', base, model, { type: 'new-day', date }));
    const lines = splitLines(next).lines;
    if (lines[lines.length - 1] === '') lines.pop();
    return new Map(chunksOf(lines).map((c) => [c.key, c.lines]));
  } catch {
    return new Map();
  }
}

export function mergeDaily(base: string, ours: string, theirs: string): MergeResult {
  const so = splitLines(base);
  const sa = splitLines(ours);
  const sb = splitLines(theirs);
  const eol = dominantEol(sa);
  const finalNewline = sa.eols[sa.eols.length - 1] === '' && sa.lines[sa.lines.length - 1] === '';
  const strip = (s: typeof sa) => (s.lines[s.lines.length - 1] === '' ? s.lines.slice(0, -1) : s.lines);
  const co = chunksOf(strip(so));
  const ca = chunksOf(strip(sa));
  const cb = chunksOf(strip(sb));
  const mo = new Map(co.map((c) => [c.key, c.lines]));
  const mA = new Map(ca.map((c) => [c.key, c.lines]));
  const mB = new Map(cb.map((c) => [c.key, c.lines]));
  const fresh = new Map<string, Map<string, string[]>>();
  const out: string[] = [];
  let conflicts = 0;
  for (const key of orderKeys([...mA.keys()], [...mB.keys()], [...mo.keys()])) {
    const a = mA.get(key);
    const b = mB.get(key);
    let o = mo.get(key);
    if (!a && !b) continue;
    if (!a || !b) {
      // Deleted on one side: gone when the other side left it as it was; otherwise kept, nothing lost.
      const kept = (a ?? b)!;
      if (o && same(o, kept)) continue;
      if (o) conflicts += mergeLines(o, a ?? [], b ?? [], out);
      else out.push(...kept);
      continue;
    }
    if (!o) {
      const date = /^E:(\d{4}-\d{2}-\d{2})/.exec(key)?.[1];
      if (date) {
        if (!fresh.has(date)) fresh.set(date, newDayBase(base, date));
        o = fresh.get(date)!.get(key);
      }
    }
    conflicts += mergeLines(o ?? [], a, b, out);
  }
  const bom = sa.bom ? '\uFEFF' : '';
  return { text: bom + out.join(eol) + (finalNewline && out.length ? eol : ''), conflicts };
}
