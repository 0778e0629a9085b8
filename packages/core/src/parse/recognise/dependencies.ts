import type { WorkItem } from '../../model.js';
import { plain, slug } from '../../text/inline.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isCode, isTable, plainOf, type Entry } from './view.js';
import { saysNone } from './fields.js';
import { childrenByParent, innermost } from './items.js';
import { actorMentions } from './mentions.js';
import { plainMaySay, recordRefs, refsIn, type Ref } from './refs.js';

const BLOCK_KEYS = new Set(['blocks', 'blocking', 'unblocks', 'downstream']);
/** Keys of fields naming what an item waits on, what it blocks (BLOCK_KEYS), or a chain (critical path, handoff). */
const FIELD_KEYS = new Set([
  'dependencies', 'dependency', 'depends on', 'depend on', 'blocked by', 'needs', 'requires', 'prerequisite', 'prerequisites',
  'after', 'waits on', 'waiting on', 'upstream', 'deps', 'blocks', 'blocking', 'unblocks', 'downstream', 'critical path', 'handoff',
]);
const DEPEND = /depend/i;
const ARROW = /\s*(?:→|->|=>|⟶)\s*/;
/** A word every text pattern below needs (a declared critical path, "depends on", "starts after", an arrow): most lines have none. */
const DEP_HINT = /critical path|depend|start|→/i;
const MAY_HINT = plainMaySay(['critical path', 'depend', 'start', '→'], 'i');

/**
 * Dependencies in every phrasing the plans use. Each becomes an edge (`from` waits on `to`) in `file.dependencies`;
 * item edges also fill `dependsOn` / `blocks`, actor-only edges fill `actor.dependsOn`.
 */
export function recogniseDependencies(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const edge = (from: string, to: string, via: string, line: number) => {
    if (from === to) return;
    const deps = ctx.file.dependencies;
    if (deps.some((d) => d.from === from && d.to === to)) return;
    deps.push({ from, to, via, file: ctx.path, line });
  };
  const subjectOf = (e: Entry): string[] => {
    const it = innermost(ctx, e.line);
    if (it) return [it.id];
    for (let i = e.section.length - 1; i >= 0; i--) {
      const m = actorMentions(e.section[i]!.text, ctx.file.actors);
      if (m.length === 1) return [m[0]!.id];
      if (m.length > 1) return [];
    }
    return [];
  };
  /** An actor named as what an item waits for: the sibling task that actor owns, when there is one. */
  let family: Family | undefined;
  const resolve = (subject: string, r: Ref): string => (r.kind === 'actor' ? siblingOwnedBy((family ??= familyOf(ctx.file.items)), subject, r.id) : r.id);
  const dependOn = (subjects: string[], refs: Ref[], via: string, line: number) => {
    for (const s of subjects) for (const r of refs) edge(s, resolve(s, r), via, line);
  };
  const namedRefs = (text: string): Ref[] => {
    const refs = refsIn(ctx, text);
    if (refs.length) return refs;
    return text
      .split(/\s*(?:,|;|\band\b|&)\s*/)
      .map((s) => plain(s).replace(/\(.*?\)/g, '').trim())
      .filter((s) => s && !saysNone(s) && s.length <= 60 && !/^(all|every|others?|any)\b/i.test(s))
      .map((s) => ({ id: itemByName(ctx, s), raw: s, kind: 'item' as const, start: 0, end: 0 }));
  };

  for (const e of entries) {
    if (e.kind === 'table' && isTable(e.block)) {
      tableDependencies(ctx, e, edge);
      continue;
    }
    if (e.kind === 'code' && isCode(e.block)) {
      const heading = e.section[e.section.length - 1]?.text ?? '';
      if (!/depend|critical path/i.test(heading) || (e.block.lang && e.block.lang !== 'text')) continue;
      e.block.lines.forEach((l, i) => {
        arrowLine(ctx, l, e.block.line + 1 + i, edge);
        declaredPath(ctx, l, e.block.line + 1 + i, namedRefs);
      });
      continue;
    }
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    const hint = (e.plain !== undefined || MAY_HINT.test(e.text)) && DEP_HINT.test(plainOf(e));
    if (hint) declaredPath(ctx, plainOf(e), e.line, namedRefs);
    const f = fieldOfEntry(e);
    if (f && FIELD_KEYS.has(f.key)) {
      if (f.key === 'critical path' || f.key === 'handoff') {
        chain(ctx, f.value, e.line, f.key === 'critical path' ? 'critical-path' : 'handoff', edge, namedRefs);
        continue;
      }
      if (saysNone(f.value)) continue;
      const refs = refsIn(ctx, f.value);
      recordRefs(ctx, e.line, refs, 'dependency');
      const subjects = subjectOf(e);
      if (BLOCK_KEYS.has(f.key)) {
        for (const s of subjects) for (const r of refs) edge(r.id, s, 'Blocks', e.line);
      } else dependOn(subjects, refs, fieldLabel(f.key), e.line);
      continue;
    }
    if (!hint) continue;
    const text = plainOf(e);
    // "Issue #9: Depends on Issue #2", "Issues #5, #7: Depend on Issue #2", "audio-pipeline depends on: a, b".
    const dep = DEPEND.test(text) ? /^(.*?)\b(?:depends?|depending)\s+on\b:?\s*(.+)$/i.exec(text) : null;
    if (dep) {
      const before = dep[1]!.replace(/[:\-–—]\s*$/, '').trim();
      const subjRefs = before ? refsIn(ctx, before) : [];
      const subjects = subjRefs.length ? subjRefs.map((r) => r.id) : before && !/\s{2,}|[.!?]/.test(before) && before.split(/\s+/).length <= 3 ? [itemByName(ctx, before)] : subjectOf(e);
      const refs = /^[(\[]?\s*(no|none)\b/i.test(dep[2]!) ? [] : namedRefs(dep[2]!.replace(/\s*\(.*$/, ''));
      recordRefs(ctx, e.line, refs.filter((r) => r.kind !== 'item'), 'dependency');
      dependOn(subjects, refs, 'depends on', e.line);
      continue;
    }
    const after = /\bstarts?\s+after\s+([^()\n]+?)(?:\s*\(|$)/i.exec(text);
    if (after) {
      const refs = refsIn(ctx, after[1]!);
      recordRefs(ctx, e.line, refs, 'dependency');
      dependOn(subjectOf(e), refs, 'STARTS AFTER', e.line);
      continue;
    }
    if (/→\s*enables\s*→/i.test(text)) arrowLine(ctx, text, e.line, edge);
  }

  // Fill the items' own lists from the edges.
  if (!ctx.file.dependencies.length) return;
  const items = new Map<string, WorkItem>();
  for (const i of ctx.file.items) items.set(i.id, i);
  for (const d of ctx.file.dependencies) {
    const from = items.get(d.from);
    if (from && !from.dependsOn.includes(d.to)) from.dependsOn.push(d.to);
    const to = items.get(d.to);
    if (to && !to.blocks.includes(d.from)) to.blocks.push(d.from);
    const actor = ctx.file.actors.find((a) => a.id === d.from);
    if (actor && ctx.file.actors.some((a) => a.id === d.to) && !actor.dependsOn.includes(d.to)) actor.dependsOn.push(d.to);
  }
}

interface Family {
  /** The first item with each id. */
  first: Map<string, WorkItem>;
  /** The items under each parent id, in order. */
  children: Map<string, WorkItem[]>;
}

/** Built once per file, on its first actor dependency (the items do not change while dependencies are read). */
function familyOf(items: WorkItem[]): Family {
  const first = new Map<string, WorkItem>();
  for (const i of items) if (!first.has(i.id)) first.set(i.id, i);
  return { first, children: childrenByParent(items) };
}

/**
 * The task `actor` owns beside the item `subject` (the first item with that id): the first such sibling above it,
 * else the first; `actor` itself when there is none.
 */
function siblingOwnedBy(family: Family, subject: string, actor: string): string {
  const item = family.first.get(subject);
  if (!item?.parent) return actor;
  let first: WorkItem | undefined;
  for (const i of family.children.get(item.parent)!) {
    if (i === item || !(i.owner === actor || i.owners?.includes(actor))) continue;
    if (i.line < item.line) return i.id;
    first ??= i;
  }
  return first ? first.id : actor;
}

/** `depends on` → `Depends On`: the edge's `via`, from the key of the entry's field. */
function fieldLabel(key: string): string {
  let label = LABELS.get(key);
  if (label === undefined) {
    label = key.replace(/\b\w/g, (c) => c.toUpperCase());
    LABELS.set(key, label);
  }
  return label;
}

/** Field keys are the few of FIELD_KEYS: the labels never grow past them. */
const LABELS = new Map<string, string>();

/** An item in this file with that title, else a stable name id `${stem}:${slug}`. */
function itemByName(ctx: ParseContext, name: string): string {
  const s = slug(name);
  const hit = ctx.file.items.find((i) => slug(i.title) === s || i.id === `${ctx.stem}:${s}`);
  return hit ? hit.id : `${ctx.stem}:${s}`;
}

/** `A → enables → B` and `A → B` lines of a dependency diagram. */
function arrowLine(ctx: ParseContext, text: string, line: number, edge: (f: string, t: string, v: string, l: number) => void): void {
  const parts = text.replace(/^[^:]*:\s{2,}/, '').split(ARROW).filter((p) => !/^enables$/i.test(p.trim()));
  if (parts.length < 2 || !/→\s*enables\s*→/i.test(text)) return;
  for (let i = 1; i < parts.length; i++) {
    const left = actorMentions(parts[i - 1]!, ctx.file.actors);
    const right = actorMentions(parts[i]!, ctx.file.actors);
    for (const r of right) for (const l of left) edge(r.id, l.id, 'enables', line);
    recordRefs(ctx, line, [...left, ...right].map((m) => ({ id: m.id, raw: m.name, kind: 'actor' as const, start: m.start, end: m.end })), 'dependency');
  }
}

/** `A → B → C`: each step waits on the one before. */
function chain(
  ctx: ParseContext,
  value: string,
  line: number,
  via: string,
  edge: (f: string, t: string, v: string, l: number) => void,
  namedRefs: (s: string) => Ref[],
): void {
  const parts = value.split(ARROW).map((p) => namedRefs(p));
  for (let i = 1; i < parts.length; i++) for (const r of parts[i]!) for (const l of parts[i - 1]!) edge(r.id, l.id, via, line);
  recordRefs(ctx, line, parts.flat().filter((r) => r.kind !== 'item'), 'dependency');
}

const CRITICAL_PATH = /critical path/iu;
const DECLARED_PATH = /^(?:[-*+>\s]*)(?:[\p{L}\p{N} ]{0,30}\s)?critical path\s*(?:\([^)]*\))?\s*[:\-–—]\s*(.+)$/iu;

/**
 * `Critical Path: Worker 2 (weeks 1-2) → Worker 1 (weeks 3-6) → Worker 3/4`: the path the plan declares, kept
 * beside the edges it implies so analysis can compare it with the path it computes.
 */
function declaredPath(ctx: ParseContext, text: string, line: number, namedRefs: (s: string) => Ref[]): void {
  if (!CRITICAL_PATH.test(text)) return;
  const m = DECLARED_PATH.exec(text.trim());
  if (!m || !ARROW.test(m[1]!)) return;
  const value = m[1]!.trim();
  const parts = value.split(ARROW).filter((p) => p.trim());
  if (parts.length < 2) return;
  const steps = parts.map((p) => [...new Set(namedRefs(p).map((r) => r.id))]);
  if (steps.some((st) => !st.length)) return;
  const labels = parts.map((p) => p.replace(/\s*\([^)]*\)/g, '').trim());
  const list = (ctx.file.declaredCriticalPaths ??= []);
  if (!list.some((d) => d.line === line)) list.push({ steps, labels, text: value, line });
}

function tableDependencies(ctx: ParseContext, e: Entry, edge: (f: string, t: string, v: string, l: number) => void): void {
  if (!isTable(e.block)) return;
  const header = e.block.header.map((h) => plain(h).toLowerCase());
  const depCol = header.findIndex((h) => /^(dependencies|depends on|dependency|deps|blocked by|after|upstream)$/.test(h));
  if (depCol < 0) return;
  const item = header.findIndex((h) => /^(story id|id|task id|issue|#|story|task|stream|package|work package)$/.test(h));
  const idCol = item >= 0 ? item : header.findIndex((h) => /^(agent id|agent|worker|team)$/.test(h));
  if (idCol < 0) return;
  for (const row of e.block.rows) {
    const cell = row.cells[depCol] ?? '';
    if (!cell.trim() || saysNone(plain(cell))) continue;
    const subj = refsIn(ctx, row.cells[idCol] ?? '');
    const id = subj[0]?.id ?? (plain(row.cells[idCol] ?? '') ? `${ctx.stem}:${slug(plain(row.cells[idCol]!))}` : '');
    if (!id) continue;
    const refs = refsIn(ctx, cell);
    recordRefs(ctx, row.line, refs, 'dependency');
    for (const r of refs) edge(id, r.id, 'table', row.line);
  }
}
