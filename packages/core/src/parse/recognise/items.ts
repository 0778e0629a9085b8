import type { ChecklistItem, Status, WorkItem, WorkItemKind } from '../../model.js';
import { STORY_ID, issueId } from '../../ids.js';
import { plain, prefixedSlug, slug } from '../../text/inline.js';
import { statusOfMarker, statusOfText } from '../../status.js';
import type { ItemBlock, TableBlock } from '../blocks.js';
import type { ItemSpan, ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isItem, isTable, plainOf, sectionEnd, type Entry } from './view.js';
import { estimateOf, hoursIn, mergeEstimate, sizeIn, daysIn, type Field } from './fields.js';
import { actorMentions } from './mentions.js';
import { boldLeadActors, findActor } from './actors.js';
import { leadingEmojiStatus } from './emoji.js';

const STORY_HEADING = new RegExp(`^(?:story\\s+)?${STORY_ID.source}\\s*[:\\-–—]\\s*(.+)$`, 'i');
const STORY_ITEM = new RegExp(`^${STORY_ID.source}\\s*[:\\-–—]\\s*(.+)$`);
const ISSUE_HEADING = /^(?:[\w -]*\bissue\b\s*:?\s*)#(\d{1,6})\s*(?:\(([^)]*)\)|[:\-–—]\s*(.+))?\s*$/i;
const CHALLENGE_HEADING = /^(challenge\s+(\d+)\s*[:\-–—]\s*.+)$/i;
const CHALLENGE_WORD = /challenge/i;
/** Plain text (trimmed) starting with an ASCII letter, digit, `#` or `[`: nothing for the heading's leading strip to remove. */
const LEADS_CLEAN = /^[A-Za-z0-9#\[]/;
const WEEK_LEAD = /^(?:\*\*|__)(weeks?\s+(\d{1,2})(?:\s*[-–]\s*(\d{1,2}))?\s*:\s*[^*_]+?)(?:\*\*|__)\s*(.*)$/i;
const PRIMARY_ISSUES = /^(primary issues?|issues?|issue)$/;
/** A key PRIMARY_ISSUES may match starts with `p` or `i`. */
const leadsPrimaryIssues = (key: string) => key.charCodeAt(0) === 112 || key.charCodeAt(0) === 105;

/** Work items: story cards, issues, challenges, per-actor tasks, week ranges with hours, checklists. */
export function recogniseItems(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const last = ctx.lines.length;
  const counters = new Map<string, number>();
  const byId = new Map<string, WorkItem>();

  const prefix = `${ctx.stem}:`;
  const idOf = (title: string, explicit: string | null): string => {
    if (explicit) return explicit;
    // itemSlugId(stem, title), counted by id (the stem is the file's: the same count as by slug).
    const base = prefixedSlug(prefix, title);
    const n = (counters.get(base) ?? 0) + 1;
    counters.set(base, n);
    return n === 1 ? base : `${base}-${n}`;
  };
  const make = (kind: WorkItemKind, title: string, line: number, explicit: string | null, section: string[]): WorkItem => ({
    id: idOf(title, explicit),
    explicitId: !!explicit,
    title,
    kind,
    status: 'unknown',
    dependsOn: [],
    blocks: [],
    checklist: [],
    section,
    file: ctx.path,
    line,
  });
  // `make` with the status of a checkbox set: its source is the first field added after `line`.
  const makeChecked = (kind: WorkItemKind, title: string, line: number, box: number, explicit: string | null, section: string[], status: Status): WorkItem => {
    const item = make(kind, title, line, explicit, section);
    item.status = status;
    item.statusSource = { kind: 'checkbox', line: box };
    return item;
  };
  const push = (item: WorkItem, start: number, end: number, mention = false): WorkItem => {
    const seen = item.explicitId ? byId.get(item.id) : undefined;
    if (seen) {
      if (seen.line !== item.line) {
        const card = start !== end;
        const seenSpan = ctx.scratch.spans.find((s) => s.item === seen);
        const seenCard = seenSpan ? seenSpan.start !== seenSpan.end : false;
        const a = slug(seen.title);
        const b = slug(item.title);
        if (mention || card !== seenCard || sameTitle(a, b)) {
          // The same element again: a list entry and its detailed card, a table row naming it, a moved task.
          ctx.scratch.spans.push({ item: seen, start, end });
          if (seen.status === 'unknown' && item.status !== 'unknown') {
            seen.status = item.status;
            if (item.statusSource) seen.statusSource = item.statusSource;
          }
          seen.owner ??= item.owner;
          seen.estimate ??= item.estimate;
          return seen;
        }
        ctx.file.diagnostics.push({
          severity: 'warning',
          code: 'duplicate-id',
          message: `${item.id} is defined again (first at line ${seen.line}): "${item.title}"`,
          file: ctx.path,
          line: item.line,
        });
      }
    } else if (item.explicitId) byId.set(item.id, item); // only explicit ids are looked up: slug ids hold a colon
    ctx.file.items.push(item);
    ctx.scratch.spans.push({ item, start, end });
    return item;
  };
  // Items of one section share its (read-only) heading texts.
  const sectionTexts = new Map<Entry['section'], string[]>();
  let lastSection: Entry['section'] | null = null;
  let lastTexts: string[] = [];
  const sectionOf = (e: Entry) => {
    if (e.section === lastSection) return lastTexts;
    let texts = sectionTexts.get(e.section);
    if (!texts) sectionTexts.set(e.section, (texts = e.section.map((h) => h.text)));
    lastSection = e.section;
    lastTexts = texts;
    return texts;
  };
  // Entries of one section share its heading path, sections their outer headings; actors do not change while items
  // are read. By heading: the one actor it names, null when it names several, false when none.
  const sectionOwner = new Map<Entry['section'], string | undefined>();
  let ownerSection: Entry['section'] | null = null;
  let lastOwner: string | undefined;
  const headingOwner = new Map<Entry['section'][number], string | null | false>();
  const ownerOfHeading = (h: Entry['section'][number]): string | null | false => {
    let o = headingOwner.get(h);
    if (o === undefined) {
      const m = actorMentions(h.text, ctx.file.actors);
      o = m.length === 1 ? m[0]!.id : m.length ? null : false;
      headingOwner.set(h, o);
    }
    return o;
  };
  const ownerFromHeadings = (e: Entry): string | undefined => {
    if (e.section === ownerSection) return lastOwner;
    ownerSection = e.section;
    if (sectionOwner.has(e.section)) return (lastOwner = sectionOwner.get(e.section));
    let owner: string | undefined;
    for (let i = e.section.length - 1; i >= 0; i--) {
      const o = ownerOfHeading(e.section[i]!);
      if (o === false) continue;
      if (o !== null) owner = o;
      break;
    }
    sectionOwner.set(e.section, owner);
    return (lastOwner = owner);
  };
  const setOwner = (item: WorkItem, name: string) => {
    ctx.scratch.pendingOwners.push({ item, name });
  };

  // 1. Items that head a section: story cards, issues, challenges.
  const headingItems: { item: WorkItem; index: number; end: number }[] = [];
  entries.forEach((e, index) => {
    if (e.kind !== 'heading') return;
    const p = plainOf(e);
    const text = LEADS_CLEAN.test(p) ? p : p.replace(/^[^\p{L}\p{N}#\[]+/u, '').trim();
    // A story id holds a dash, an issue heading a `#`: most headings have neither and are no challenge.
    const dash = text.includes('-');
    const hash = text.includes('#');
    if (!dash && !hash && !CHALLENGE_WORD.test(text)) return;
    let item: WorkItem | null = null;
    let m: RegExpExecArray | null;
    if (dash && mayLeadStoryHeading(text) && (m = STORY_HEADING.exec(text))) {
      item = make('story', cleanTitle(m[2]!), e.line, m[1]!, sectionOf(e));
      const size = sizeIn(m[2]!);
      if (size) item.estimate = { size };
    } else if (hash && (m = ISSUE_HEADING.exec(text))) {
      item = make('issue', cleanTitle(m[2] ?? m[3] ?? text), e.line, `#${Number(m[1])}`, sectionOf(e));
    } else if ((m = CHALLENGE_HEADING.exec(text))) {
      item = make('challenge', cleanTitle(m[1]!), e.line, null, sectionOf(e));
    }
    if (!item) return;
    const end = sectionEnd(entries, index, last);
    const owner = ownerFromHeadings(e);
    if (owner) item.owner = owner;
    item = push(item, e.line, end);
    headingItems.push({ item, index, end });
  });

  // 2. Lines that lead a block of work: week ranges with hours, per-actor tasks, "Primary Issues".
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind !== 'para' || ctx.scratch.used.has(e.line)) continue;
    const bold = mayLeadBold(e.text);
    const week = bold ? WEEK_LEAD.exec(e.text) : null;
    if (week) {
      const list = followingList(entries, i);
      const parent = innermost(ctx, e.line);
      const item = make('phase', cleanTitle(plain(week[1]!)), e.line, null, sectionOf(e));
      const from = Number(week[2]);
      item.schedule = { weeks: [from, week[3] ? Number(week[3]) : from] };
      const hours = hoursIn(week[4] ?? '');
      if (hours !== undefined) item.estimate = { hours };
      const owner = ownerFromHeadings(e);
      if (owner) item.owner = owner;
      if (parent) item.parent = parent.id;
      push(item, e.line, list.end ?? e.line);
      for (const c of list.items) {
        if (c.depth !== 0 || c.task) continue;
        const t = plain(c.text);
        const child = make('task', cleanTitle(t.replace(/\(\s*\d+(?:\.\d+)?\s*h(?:ours?)?\s*\)/i, '')), c.line, null, sectionOf(e));
        const h = hoursIn(t);
        if (h !== undefined) child.estimate = { hours: h };
        child.parent = item.id;
        if (item.owner) child.owner = item.owner;
        child.status = 'unknown';
        push(child, c.line, c.endLine);
        ctx.scratch.used.add(c.line);
      }
      continue;
    }
    const who = bold ? boldLeadActors(e.text) : NO_ONE;
    const list = who.length ? followingList(entries, i) : undefined;
    if (list && list.items.length) {
      const parent = innermost(ctx, e.line);
      const focus = /^(?:\*\*|__)[^*_]+(?:\*\*|__)\s*\(([^)]+)\)/.exec(e.text)?.[1];
      const names = who.map((w) => w.name).join(' + ');
      const item = make('task', focus ? `${names}: ${focus}` : names, e.line, null, sectionOf(e));
      if (parent) item.parent = parent.id;
      const ids = who.map((w) => findActor(ctx.file.actors, w.name)?.id).filter((x): x is string => !!x);
      if (ids.length) {
        item.owner = ids[0];
        if (ids.length > 1) item.owners = ids;
      }
      push(item, e.line, list.end ?? e.line);
      continue;
    }
    const f = fieldOfEntry(e);
    if (f && leadsPrimaryIssues(f.key) && PRIMARY_ISSUES.test(f.key) && /#\d/.test(f.raw)) {
      const owner = ownerFromHeadings(e);
      for (const m of f.raw.matchAll(/#(\d{1,6})\s*(?:\(([^)]*)\))?/g)) {
        const id = `#${Number(m[1])}`;
        const item = make('issue', cleanTitle(m[2] ?? id), e.line, id, sectionOf(e));
        if (owner) item.owner = owner;
        const got = push(item, e.line, e.line);
        if (got !== item && owner && !got.owner) got.owner = owner;
      }
      ctx.scratch.used.add(e.line);
    }
  }

  // 3. List entries: story ids, emoji-led tasks, checkboxes. Their parents are the extents found so far.
  const outer = lineMap(ctx);
  // By line: the item a list entry belongs to (lines are dense, an array beats a map).
  const listParent: (WorkItem | undefined)[] = new Array<WorkItem | undefined>(last + 1);
  const deliverableSection = new Map<Entry['section'], boolean>();
  const deliverableHeadings = new Map<Entry['section'][number], boolean>();
  const deliverableHeading = (h: Entry['section'][number]): boolean => {
    let d = deliverableHeadings.get(h);
    if (d === undefined) deliverableHeadings.set(h, (d = /deliverable/i.test(h.text)));
    return d;
  };
  let deliverableOf: Entry['section'] | null = null;
  let deliverable = false;
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind !== 'item' || !isItem(e.block) || ctx.scratch.used.has(e.line)) continue;
    const b = e.block;
    const text = plainOf(e);
    const story = mayLeadStoryId(text) ? STORY_ITEM.exec(text) : null;
    const viaList = b.parentLine !== undefined ? listParent[b.parentLine] : undefined;
    const parent = viaList ?? outer[e.line];
    if (story) {
      const rest = story[2]!.replace(/\s*←.*$/, '');
      const size = sizeIn(rest);
      const item = make('story', cleanTitle(rest.replace(/\((?:XS|S|M|L|XL)\)\s*$/, '')), e.line, story[1]!, sectionOf(e));
      if (size) item.estimate = { size };
      if (b.task) setStatusFromMarker(ctx, item, b);
      else item.status = 'todo';
      listParent[e.line] = push(item, e.line, b.endLine);
      continue;
    }
    if (b.task) {
      const holder = parent && acceptsChecklist(parent) ? parent : undefined;
      const parentItem = viaList && (viaList.kind === 'checklist' || viaList.kind === 'deliverable') ? viaList : undefined;
      const status = statusOfMarker(b.task.marker, ctx.vocabulary);
      const owning = parentItem ?? holder;
      if (owning) {
        const entry: ChecklistItem = {
          text,
          marker: b.task.marker,
          status,
          checked: b.task.marker !== ' ' && status === 'done',
          line: e.line,
          depth: b.depth,
        };
        owning.checklist.push(entry);
        listParent[e.line] = owning;
        continue;
      }
      if (e.section !== deliverableOf) {
        deliverableOf = e.section;
        let d = deliverableSection.get(e.section);
        if (d === undefined) deliverableSection.set(e.section, (d = e.section.some(deliverableHeading)));
        deliverable = d;
      }
      const kind: WorkItemKind = deliverable ? 'deliverable' : 'checklist';
      const explicit = explicitIdIn(text);
      const item = makeChecked(kind, cleanTitle(explicit ? withoutId(text) : text), e.line, b.line, explicit, sectionOf(e), status);
      const owner = ownerOfLine(ctx, text) ?? ownerFromHeadings(e);
      if (owner) item.owner = owner;
      if (parent) item.parent = parent.id;
      const hours = hoursIn(text.includes('%') ? text.replace(/\(\d+%\)/g, '') : text);
      if (hours !== undefined) item.estimate = { hours };
      listParent[e.line] = push(item, e.line, b.endLine);
      continue;
    }
    const lead = leadingEmojiStatus(b.text, ctx.vocabulary);
    if (lead && !/^\s*[\p{L} ]{2,20}:/u.test(lead.rest) && emojiTaskContext(entries, i)) {
      const rest = plain(lead.rest);
      const explicit = explicitIdIn(rest);
      const item = make('task', cleanTitle(explicit ? withoutId(rest) : rest), e.line, explicit, sectionOf(e));
      item.status = lead.status;
      item.statusSource = { kind: 'emoji', line: e.line };
      const owner = ownerOfLine(ctx, rest) ?? ownerFromHeadings(e);
      if (owner) item.owner = owner;
      if (parent) item.parent = parent.id;
      listParent[e.line] = push(item, e.line, b.endLine);
    } else if (viaList) listParent[e.line] = viaList;
  }

  // 4. Tables with an id column: stories or issues, one per row.
  for (const e of entries) if (isTable(e.block)) tableItems(ctx, e.block, make, push, setOwner, sectionOf(e));

  // 5. Fields inside each item's extent (outside nested items): size, owner, estimate, priority, status, sprint.
  // Applying fields adds no spans: index them by item once.
  // Most items have one span: it is kept as is, a list only for the others.
  let byItem: Map<WorkItem, ItemSpan | ItemSpan[]> | null = null;
  const spansOf = (it: WorkItem): ItemSpan | ItemSpan[] | undefined => {
    if (!byItem) {
      byItem = new Map();
      for (const s of ctx.scratch.spans) {
        const seen = byItem.get(s.item);
        if (!seen) byItem.set(s.item, s);
        else if (Array.isArray(seen)) seen.push(s);
        else byItem.set(s.item, [seen, s]);
      }
    }
    return byItem.get(it);
  };
  const holds = (s: ItemSpan, line: number) => s.start < line && line <= s.end;
  // Applying a field adds no span: the line table, built at the first field as before, holds for the whole loop.
  let inner: LineTable | null = null;
  for (const e of entries) {
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    const f = fieldOfEntry(e);
    if (!f) continue;
    inner ??= lineTable(ctx);
    const it = inner.map[e.line];
    if (!it) continue;
    // The span that makes `it` innermost holds the line unless it starts there; then another span of `it` may.
    const spans = ctx.scratch.spans[inner.win[e.line]!]!.start < e.line ? null : spansOf(it);
    if (spans === null || (spans && (Array.isArray(spans) ? spans.some((s) => holds(s, e.line)) : holds(spans, e.line)))) applyField(ctx, it, f, e.line, setOwner);
  }
  mergeRestatedIds(ctx, byId);
  for (const span of ctx.scratch.spans) {
    const it = span.item;
    if (it.status === 'unknown' && it.checklist.length) it.status = rollup(it.checklist.map((c) => c.status));
  }
}

const RESTATED_ID = new RegExp(`^(?:${STORY_ID.source}|#(\\d{1,6}))(?=$|[\\s:\\-–—.,)])`);

/**
 * A checklist or emoji line that starts with an id defined elsewhere in the file (an issue board's
 * `- [x] #2 Local storage API (Agent 2)`) restates that item when the item has no written status: it gives the item
 * its status (with the line as the status source, so write-back edits the board), and its owner or estimate when
 * missing, and is no longer an item of its own.
 */
function mergeRestatedIds(ctx: ParseContext, byId: Map<string, WorkItem>): void {
  const merged = new Map<WorkItem, WorkItem>();
  for (const it of ctx.file.items) {
    if (it.explicitId || (it.kind !== 'checklist' && it.kind !== 'deliverable' && it.kind !== 'task')) continue;
    if (it.statusSource?.line !== it.line || !mayLeadId(it.title)) continue;
    const m = RESTATED_ID.exec(it.title);
    if (!m) continue;
    const target = byId.get(m[1] ?? `#${Number(m[2])}`);
    // An item whose status is written already keeps the line as its own checkbox ("FT-001 complete" under a checkpoint).
    if (!target || target === it || target.status !== 'unknown' || it.status === 'unknown') continue;
    target.status = it.status;
    target.statusSource = it.statusSource;
    if (!target.owner && !ctx.scratch.pendingOwners.some((p) => p.item === target)) {
      const owner = it.owner ?? ownerInParentheses(ctx, it.title);
      if (owner) target.owner = owner;
    }
    target.estimate ??= it.estimate;
    target.checklist.push(...it.checklist);
    merged.set(it, target);
  }
  if (!merged.size) return;
  ctx.file.items = ctx.file.items.filter((i) => !merged.has(i));
  forgetTable(ctx);
  for (const s of ctx.scratch.spans) s.item = merged.get(s.item) ?? s.item;
  for (const p of ctx.scratch.pendingOwners) p.item = merged.get(p.item) ?? p.item;
  const ids = new Map([...merged].map(([from, to]) => [from.id, to.id] as const));
  for (const i of ctx.file.items) if (i.parent !== undefined && ids.has(i.parent)) i.parent = ids.get(i.parent)!;
}

/** `… (Agent 2)`: the one actor a parenthesis names. */
function ownerInParentheses(ctx: ParseContext, text: string): string | undefined {
  for (const m of text.matchAll(/\(([^()]*)\)/g)) {
    const who = actorMentions(m[1]!, ctx.file.actors);
    if (who.length === 1) return who[0]!.id;
  }
  return undefined;
}

const TASKY_SECTION = /action|task|to-?do|milestone|checkpoint|progress|deliverable|backlog|queue|status|done|next/i;
const NOT_TASKS = /criteria|why|benefit|prevent|pros|cons|don'?t|do not|avoid|risk|track|outcome|principle|lesson/i;

/**
 * Emoji-led list entries are tasks only where the plan lists work: an ordered list, or a section about actions,
 * milestones or progress — not "✅ Success Criteria" bullets or "❌ NOT velocity-based" arguments.
 */
function emojiTaskContext(entries: Entry[], i: number): boolean {
  const e = entries[i]!;
  let j = i - 1;
  while (j >= 0 && (entries[j]!.kind === 'item' || (entries[j]!.kind === 'para' && isItem(entries[j]!.block)))) j--;
  const before = entries[j];
  const label = before && before.kind === 'para' ? before.text : '';
  if (NOT_TASKS.test(label)) return false;
  const heading = e.section[e.section.length - 1]?.text ?? '';
  if (NOT_TASKS.test(heading)) return false;
  return (isItem(e.block) && e.block.ordered) || TASKY_SECTION.test(heading) || TASKY_SECTION.test(label);
}

/** Two titles for one element: one extends the other, or they share most of their words. */
function sameTitle(a: string, b: string): boolean {
  if (a.startsWith(b) || b.startsWith(a)) return true;
  const wa = new Set(a.split('-').filter((w) => w.length >= 3));
  const wb = b.split('-').filter((w) => w.length >= 3);
  const common = wb.filter((w) => wa.has(w)).length;
  return common >= 2 && common * 2 >= Math.min(wa.size, wb.length);
}

function setStatusFromMarker(ctx: ParseContext, item: WorkItem, b: ItemBlock): void {
  item.status = statusOfMarker(b.task!.marker, ctx.vocabulary);
  item.statusSource = { kind: 'checkbox', line: b.line };
}

function acceptsChecklist(item: WorkItem): boolean {
  return item.kind === 'story' || item.kind === 'task' || item.kind === 'issue' || item.kind === 'phase';
}

/** A status summarised from sub-items: all done → done, none started → todo, else in progress. */
function rollup(statuses: Status[]): Status {
  if (statuses.every((s) => s === 'done' || s === 'cancelled')) return 'done';
  if (statuses.every((s) => s === 'todo')) return 'todo';
  if (statuses.some((s) => s === 'blocked')) return 'blocked';
  return 'in-progress';
}

function applyField(ctx: ParseContext, item: WorkItem, f: Field, line: number, setOwner: (i: WorkItem, n: string) => void): void {
  switch (f.key) {
    case 'size': {
      const size = sizeIn(f.value, true);
      const days = daysIn(f.value);
      item.estimate = mergeEstimate(item.estimate, { ...(size ? { size } : {}), ...(days !== undefined ? { days } : {}) });
      break;
    }
    case 'estimate':
    case 'estimated effort':
    case 'effort':
    case 'time':
    case 'duration':
      item.estimate = mergeEstimate(item.estimate, estimateOf(f.value));
      break;
    case 'owner':
    case 'owners':
    case 'assignee':
    case 'assigned to':
      setOwner(item, f.value);
      break;
    case 'priority':
      item.priority ??= f.value;
      break;
    case 'status': {
      const s = statusOfText(f.raw, ctx.vocabulary);
      if (s) {
        item.status = s;
        item.statusSource = { kind: 'field', line };
      }
      break;
    }
    case 'sprint':
      item.schedule = { ...item.schedule, sprint: f.value };
      break;
    default:
      break;
  }
}

/** Items by the id they name as parent, in file order. */
export function childrenByParent(items: readonly WorkItem[]): Map<string, WorkItem[]> {
  const out = new Map<string, WorkItem[]>();
  for (const i of items) {
    if (i.parent === undefined) continue;
    const kids = out.get(i.parent);
    if (kids) kids.push(i);
    else out.set(i.parent, [i]);
  }
  return out;
}

/** The nearest work item whose extent holds the line. */
export function innermost(ctx: ParseContext, line: number): WorkItem | undefined {
  return lineMap(ctx)[line];
}

interface LineTable {
  /** Spans painted so far (a prefix of the context's spans). */
  spans: number;
  /** By line: the innermost item, and the index of the span that made it so (-1: none). */
  map: (WorkItem | undefined)[];
  win: number[];
}

const LINE_MAPS = new WeakMap<ParseContext, LineTable>();

/** For each line, the innermost item whose extent holds it; brought up to date when spans were added. */
function lineMap(ctx: ParseContext): (WorkItem | undefined)[] {
  return lineTable(ctx).map;
}

function lineTable(ctx: ParseContext): LineTable {
  let t = LINE_MAPS.get(ctx);
  if (t && t.spans === ctx.scratch.spans.length) return t;
  if (!t) {
    // Spans lie within the file's lines: sized once, not grown a line at a time.
    const n = ctx.lines.length + 1;
    LINE_MAPS.set(ctx, (t = { spans: 0, map: new Array<WorkItem | undefined>(n).fill(undefined), win: new Array<number>(n).fill(-1) }));
  }
  paint(t, ctx.scratch.spans);
  return t;
}

/**
 * Paint the spans not painted yet, in order. A line keeps, of the spans holding it, the shortest; between equally
 * long ones the later starting, then the later pushed — what painting all spans longest first, then by start, then
 * in order, leaves. Spans only ever get appended (their items change only in mergeRestatedIds), so painting the new
 * ones over the last table is painting them all.
 */
function paint(t: LineTable, spans: readonly ItemSpan[]): void {
  const { map, win } = t;
  for (let i = t.spans; i < spans.length; i++) {
    const s = spans[i]!;
    const len = s.end - s.start;
    while (map.length <= s.end) {
      map.push(undefined);
      win.push(-1);
    }
    for (let l = Math.max(s.start, 0); l <= s.end; l++) {
      const w = win[l]!;
      if (w >= 0) {
        const cur = spans[w]!;
        const curLen = cur.end - cur.start;
        if (len > curLen || (len === curLen && s.start < cur.start)) continue;
      }
      map[l] = s.item;
      win[l] = i;
    }
  }
  t.spans = spans.length;
}

/** `innermost` for every line of a fresh list of spans. */
export function innermostByLine(spans: readonly ItemSpan[]): (WorkItem | undefined)[] {
  const t: LineTable = { spans: 0, map: [], win: [] };
  paint(t, spans);
  return t.map;
}

/** After items were merged: a table painted before holds the merged-away items, so it is built again when next asked. */
function forgetTable(ctx: ParseContext): void {
  LINE_MAPS.delete(ctx);
}

/** The list right after entry `i` (its items at any depth), and its last line. */
function followingList(entries: Entry[], i: number): { items: ItemBlock[]; end?: number } {
  const items: ItemBlock[] = [];
  const para = entries[i]!.block;
  let end: number | undefined;
  for (let j = i + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (e.block === para) continue;
    if (e.kind === 'item' && isItem(e.block)) {
      items.push(e.block);
      end = Math.max(end ?? 0, e.block.endLine);
      continue;
    }
    if (e.kind === 'para' && isItem(e.block)) continue;
    break;
  }
  return end === undefined ? { items } : { items, end };
}

/** `Worker 2: Basic GPU kernels` → worker-2. */
function ownerOfLine(ctx: ParseContext, text: string): string | undefined {
  // `^([^:]{2,40}):` — the first colon, after 2 to 40 characters.
  const colon = text.indexOf(':');
  if (colon < 2 || colon > 40) return undefined;
  const who = actorMentions(text.slice(0, colon), ctx.file.actors);
  return who.length === 1 && who[0]!.start === 0 ? who[0]!.id : undefined;
}

const LEADING_ID = new RegExp(`^(?:${STORY_ID.source}|#(\\d{1,6})\\b)\\s*[:\\-–—]\\s*`);

/** `T1-001: …` or `#5: …` leading an entry: its explicit id. */
function explicitIdIn(text: string): string | null {
  if (!mayLeadId(text)) return null;
  const s = LEADING_ID.exec(text);
  return s ? (s[1] ?? `#${Number(s[2])}`) : null;
}

function withoutId(text: string): string {
  return text.replace(LEADING_ID, '') || text;
}

/**
 * `/[^\S ]| {2}/.test(p)` without the regex: whitespace other than single spaces (with `uncleanEnd`: what cleanTitle
 * would change). JavaScript's `\s` is tab to carriage return, space, U+00A0, U+1680, U+2000–U+200A, U+2028, U+2029,
 * U+202F, U+205F, U+3000 and U+FEFF.
 */
export function uncleanInside(p: string): boolean {
  for (let i = 0; i < p.length; i++) {
    const c = p.charCodeAt(i);
    if (c === 32) {
      if (p.charCodeAt(i + 1) === 32) return true;
    } else if (c <= 13 ? c >= 9 : c >= 0xa0 && otherSpace(c)) return true;
  }
  return false;
}

function otherSpace(c: number): boolean {
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

/** A title ending in what cleanTitle trims: whitespace, a colon or a dash. */
function uncleanEnd(p: string): boolean {
  if (!p.length) return false;
  const c = p.charCodeAt(p.length - 1);
  return c === 58 || c === 45 || c === 0x2013 || c === 0x2014 || c === 32 || (c >= 9 && c <= 13) || (c >= 0xa0 && otherSpace(c));
}

/** Could a story id (`STORY_ID`) start the text: a capital, then a capital, digit or dash. */
export function mayLeadStoryId(s: string): boolean {
  const c = s.charCodeAt(0);
  if (!(c >= 65 && c <= 90)) return false;
  const d = s.charCodeAt(1);
  return (d >= 65 && d <= 90) || (d >= 48 && d <= 57) || d === 45;
}

/**
 * Could STORY_HEADING match (case-insensitive): the text's leading run of ASCII letters and digits ends at the id's
 * dash, or is the word `story`.
 */
export function mayLeadStoryHeading(s: string): boolean {
  let r = 0;
  for (; r < s.length; r++) {
    const c = s.charCodeAt(r) | 32;
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) break;
  }
  return r > 0 && (s.charCodeAt(r) === 45 || (r === 5 && s.slice(0, 5).toLowerCase() === 'story'));
}

/** Could a story id or `#n` start the text. */
export function mayLeadId(s: string): boolean {
  return s.charCodeAt(0) === 35 || mayLeadStoryId(s);
}

/** Could the text (trimmed) start with `**` or `__`: its first character is `*`, `_` or whitespace. */
export function mayLeadBold(s: string): boolean {
  const c = s.charCodeAt(0);
  return c === 42 || c === 95 || c <= 32 || (c >= 0xa0 && otherSpace(c));
}

const NO_ONE: ReturnType<typeof boldLeadActors> = [];

/**
 * An inline mark `plain` strips (`INLINE_MARK`) or whitespace other than a space (`\s` but ` `). A regex: a loop of
 * charCodeAt costs several times more on the sliced strings titles are.
 */
const MARK_OR_SPACE = /[[<*_~`\\\t-\r\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** A title as shown: plain text, whitespace runs as one space, no trailing colon or dash. */
export function cleanTitle(s: string): string {
  if (!MARK_OR_SPACE.test(s) && !s.includes('  ')) {
    // plain(s) is s.trim(), and nothing inside it is unclean: only its end can be.
    const p = s.trim();
    if (!uncleanEnd(p)) return p;
  }
  const p = plain(s);
  if (!uncleanInside(p) && !uncleanEnd(p)) return p.trim();
  return p
    .replace(/\s+/g, ' ')
    .replace(/[\s:–—-]+$/, '')
    .trim();
}

const ID_COLUMN = /^(story id|story|id|task id|issue|issue #|#|ticket)$/i;

function tableItems(
  ctx: ParseContext,
  t: TableBlock,
  make: (k: WorkItemKind, title: string, line: number, id: string | null, section: string[]) => WorkItem,
  push: (i: WorkItem, s: number, e: number, mention?: boolean) => WorkItem,
  setOwner: (i: WorkItem, n: string) => void,
  section: string[],
): void {
  const header = t.header.map((h) => plain(h).toLowerCase().trim());
  let idCol = header.findIndex((h) => ID_COLUMN.test(h));
  if (idCol < 0 && t.rows.length) {
    // A column whose every cell is an id (`| A2 | INFRA-001 | 2hr |`).
    idCol = header.findIndex((_, c) => t.rows.every((r) => new RegExp(`^${STORY_ID.source}$`).test(plain(r.cells[c] ?? ''))));
  }
  if (idCol < 0) return;
  const col = (re: RegExp) => header.findIndex((h) => re.test(h));
  const titleCol = header.findIndex((h, c) => c !== idCol && /^(title|task|story title|description|name|summary)$/.test(h));
  const statusCol = col(/^(status|state)$/);
  const ownerCol = col(/^(owner|assignee|assigned to|agent|agent id|worker)$/);
  const sizeCol = col(/^(size|estimate|effort|duration|points)$/);
  for (const row of t.rows) {
    const rawId = plain(row.cells[idCol] ?? '');
    const story = STORY_ID.exec(rawId);
    const issue = story ? null : issueId(rawId);
    const id = story ? story[1]! : issue;
    if (!id) continue;
    const title = titleCol >= 0 ? plain(row.cells[titleCol] ?? '') : rawId;
    const item = make(story ? 'story' : 'issue', title || id, row.line, id, section);
    if (statusCol >= 0) {
      const s = statusOfText(row.cells[statusCol] ?? '', ctx.vocabulary);
      if (s) {
        item.status = s;
        item.statusSource = { kind: 'table-cell', line: row.line, column: statusCol };
      }
    }
    if (sizeCol >= 0) {
      const v = row.cells[sizeCol] ?? '';
      item.estimate = mergeEstimate(estimateOf(v), sizeIn(v, true) ? { size: sizeIn(v, true)! } : undefined);
    }
    const got = push(item, row.line, row.line, true);
    if (ownerCol >= 0 && (row.cells[ownerCol] ?? '').trim() && (got === item || !got.owner)) setOwner(got, plain(row.cells[ownerCol]!));
  }
}
