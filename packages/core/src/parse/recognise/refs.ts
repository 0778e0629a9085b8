import type { Reference, ReferenceContext, ReferenceKind } from '../../model.js';
import { STORY_ID_G } from '../../ids.js';
import { repairLine } from '../../text/mojibake.js';
import type { ParseContext } from '../context.js';
import { actorMentions } from './mentions.js';

export interface Ref {
  id: string;
  raw: string;
  kind: ReferenceKind;
  start: number;
  end: number;
}

const ISSUE_G = /(?:\b(?:issues?|#)\s*)?#(\d{1,6})\b/gi;
/** `STORY_ID_G`, scanned here with `exec` (its `lastIndex` is this module's alone). */
const STORY_G = new RegExp(STORY_ID_G.source, STORY_ID_G.flags);
const NOT_A_STORY = /^(UTF|SHA|ISO|CVE|RFC|P\d|HTTP|X)-?/i;
const TIER_STORY = /^[A-Z]{1,2}\d-/;

/** Issue numbers, story ids and actors named in a piece of text, in order. */
export function refsIn(ctx: ParseContext, text: string): Ref[] {
  const out: Ref[] = [];
  if (text.includes('#')) {
    ISSUE_G.lastIndex = 0;
    for (let m = ISSUE_G.exec(text); m; m = ISSUE_G.exec(text)) {
      out.push({ id: `#${Number(m[1])}`, raw: m[0], kind: 'issue', start: m.index, end: m.index + m[0].length });
    }
  }
  // "Issues #5, #7" is caught above number by number; "Issue 145" without a hash is not a reference.
  if (text.includes('-')) {
    STORY_G.lastIndex = 0;
    for (let m = STORY_G.exec(text); m; m = STORY_G.exec(text)) {
      if (NOT_A_STORY.test(m[1]!) && !TIER_STORY.test(m[1]!)) continue;
      out.push({ id: m[1]!, raw: m[1]!, kind: 'story', start: m.index, end: m.index + m[0].length });
    }
  }
  for (const m of actorMentions(text, ctx.file.actors)) out.push({ id: m.id, raw: m.name, kind: 'actor', start: m.start, end: m.end });
  if (out.length < 2) return out;
  out.sort((a, b) => a.start - b.start);
  const seen = new Set<string>();
  return out.filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)));
}

/** What `plain` may drop from between two characters of a text without `[` or `<`: emphasis, code and escape marks. */
const DROPPED = '[*_~`\\\\]*';

/**
 * A test on a text that fails only when a test for any of `words` (`flags` as in it) must fail on `plain(text)`, so
 * `plain` need not be computed. Without links, images or tags (no `[` or `<`), `plain` only drops emphasis, code and
 * escape marks and trims: a word in `plain(text)` is in the text with at most such marks between its characters.
 */
export function plainMaySay(words: string[], flags: '' | 'i'): RegExp {
  const spread = words.map((w) => [...w].map(escape).join(DROPPED));
  return new RegExp(`${spread.join('|')}|[[<]`, flags);
}

function escape(c: string): string {
  return /[.*+?^${}()|[\]\\\/-]/.test(c) ? `\\${c}` : c;
}

/** Record references found on a document line, with 0-based columns in the original (unrepaired) line. */
export function recordRefs(ctx: ParseContext, line: number, refs: Ref[], context: ReferenceContext): void {
  const repaired = ctx.lines[line - 1] ?? '';
  const raw = ctx.rawLines[line - 1] ?? '';
  let map: number[] | null = null;
  for (const r of refs) {
    if (ctx.file.references.some((x) => x.line === line && x.id === r.id && x.context === context)) continue;
    const ref: Reference = { id: r.id, raw: r.raw, kind: r.kind, context, file: ctx.path, line };
    const at = repaired.indexOf(r.raw);
    if (at >= 0) {
      if (repaired !== raw) map ??= repairLine(raw).from;
      ref.start = map ? map[at]! : at;
      ref.end = map ? map[at + r.raw.length]! : at + r.raw.length;
    }
    ctx.file.references.push(ref);
  }
}
