import type { Actor, ActorKind } from '../../model.js';
import { actorId, numberedActor } from '../../ids.js';
import { plain } from '../../text/inline.js';
import { memoText } from '../../text/memo.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isTable, plainOf, type Entry } from './view.js';
import { hoursIn } from './fields.js';
import { actorLookup, actorWords, hasNumberedWord, LEAD_WORD, numberedMentionsOf } from './mentions.js';

const HEADING_ACTOR = /^[^\p{L}\p{N}]*((?:worker|agent|team)[ _-]*0*\d{1,3})(?![\w-])\s*(?:\(([^)]*)\))?\s*(?:[-–—:]\s*)?(.*)$/iu;
const NOT_A_ROLE = /exclusive files|^files$|^tests?$|deliverables?|provides|^focus$|^status$/i;
const ACTOR_COLUMN = /^(agent|agents|agent id|worker|workers|owner|owners|assignee|assigned to|jr|team|who|lead|instance)$/i;
/** Under `/iu` the Kelvin sign folds to `k`: a heading with one may name a worker that `hasNumberedWord` misses. */
const KELVIN = '\u212A';
const OWNER_KEYS = new Set(['owner', 'owners', 'assignee', 'assigned to', 'lead']);
const SKIP_NAMES = /^(tbd|none|n\/a|unassigned|all|all teams|everyone|-|—|\[.*\]|.*\bname|\?)$/i;

/** Find the people, agents and teams of a plan and what the plan says about each. */
export function recogniseActors(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const byId = new Map<string, Actor>();
  for (const a of ctx.file.actors) byId.set(a.id, a);

  const add = (id: string, name: string, kind: ActorKind, line: number): Actor => {
    let a = byId.get(id);
    if (!a) {
      a = { id, name, aliases: [name], kind, dependsOn: [], file: ctx.path, line };
      byId.set(id, a);
      ctx.file.actors.push(a);
    } else if (!a.aliases.includes(name)) a.aliases.push(name);
    return a;
  };
  const alias = (a: Actor, name: string) => {
    const n = name.trim();
    if (n && !a.aliases.includes(n)) a.aliases.push(n);
  };

  // Actors that head a section, and the fields under them.
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind === 'heading') {
      const text = plainOf(e);
      const m = hasNumberedWord(text) || text.includes(KELVIN) ? HEADING_ACTOR.exec(text) : null;
      if (!m) {
        fieldStatusActor(entries, i, text, add, alias);
        continue;
      }
      const n = numberedActor(m[1]!);
      if (!n) continue;
      const a = add(n.id, canonicalName(m[1]!), n.kind, e.line);
      alias(a, m[1]!);
      const hours = hoursIn(text);
      if (hours !== undefined) a.hours ??= hours;
      const rest = roleText(m[3] ?? '');
      const paren = m[2]?.trim();
      const role = rest && !NOT_A_ROLE.test(rest) ? rest : paren && !/^\d/.test(paren) ? paren : '';
      if (role && !a.role) {
        a.role = role;
        alias(a, role);
      }
      for (let j = i + 1; j < entries.length && entries[j]!.kind !== 'heading'; j++) {
        const f = fieldOfEntry(entries[j]!);
        if (f) actorField(a, f.key, f.value);
      }
    } else if (e.kind === 'para' || e.kind === 'item') {
      const who = boldLeadActors(e.text);
      for (let k = 0; k < who.length; k++) add(actorId(who[k]!.name), who[k]!.name, who[k]!.kind, e.line);
    }
  }

  // Table columns that name actors.
  for (const e of entries) {
    // Only a table entry holds a table block.
    if (e.kind !== 'table' || !isTable(e.block)) continue;
    const cols = e.block.header.map((h, i) => (ACTOR_COLUMN.test(plain(h)) ? i : -1)).filter((i) => i >= 0);
    for (const c of cols) {
      const header = plain(e.block.header[c]!).toLowerCase();
      for (const row of e.block.rows) {
        const cell = plain(row.cells[c] ?? '').replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim();
        for (const name of splitNames(cell)) {
          if (/^\d{1,3}$/.test(name) && /agent|worker|team/.test(header)) {
            const word = /agent/.test(header) ? 'Agent' : /worker/.test(header) ? 'Worker' : 'Team';
            const n = numberedActor(`${word} ${name}`)!;
            add(n.id, `${word} ${Number(name)}`, n.kind, row.line);
          } else if (/^A\d{1,2}$/.test(name)) {
            const a = add(actorId(name), `Agent ${Number(name.slice(1))}`, 'agent', row.line);
            alias(a, name);
          } else if (name.length <= 40 && !/^\d/.test(name)) {
            const n = numberedActor(name);
            add(n ? n.id : actorId(name), name, n ? n.kind : /\bjr\.?$/i.test(name) ? 'jr' : 'person', row.line);
          }
        }
      }
    }
  }

  // Frontmatter assignees.
  const fm = ctx.file.frontmatter;
  if (fm) {
    for (const key of ['assignee', 'assignees', 'owner', 'owners']) {
      const v = fm[key];
      const names = Array.isArray(v) ? v : typeof v === 'string' ? [v] : [];
      for (const n of names) {
        if (typeof n !== 'string' || !n.trim() || SKIP_NAMES.test(n.trim())) continue;
        const a = add(actorId(n), n.replace(/^@/, ''), 'person', 1);
        alias(a, n);
      }
    }
  }

  // Numbered actors and the lead coordinator wherever live text names them.
  const named = (line: number, text: string, w: number) => {
    if (!w) return;
    for (const m of numberedMentionsOf(text, w)) alias(add(m.id, canonicalName(m.name), m.kind, line), m.name);
    const lead = w & LEAD_WORD ? /\b(lead[ -]coordinator)\b/i.exec(text) : null;
    if (lead) {
      const a = add('lead-coordinator', 'Lead Coordinator', 'lead', line);
      alias(a, lead[1]!);
    }
  };
  for (const e of entries) {
    if (e.kind === 'table' && isTable(e.block)) {
      namedRow(e.line, e.block.header, named);
      for (const r of e.block.rows) namedRow(r.line, r.cells, named);
    } else if (e.kind !== 'code') named(e.line, e.text, actorWords(e.text));
  }

  // Owner fields: a known actor by any alias, or a new person (`Alice (Rust lead)`).
  for (const e of entries) {
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    const f = fieldOfEntry(e);
    if (!f || !OWNER_KEYS.has(f.key)) continue;
    for (const part of splitNames(f.value)) {
      const m = /^(.*?)\s*\(([^)]*)\)\s*$/.exec(part);
      const name = (m ? m[1]! : part).trim();
      if (!name || SKIP_NAMES.test(name) || name.length > 48) continue;
      if (findActor(ctx.file.actors, name)) continue;
      const n = numberedActor(name);
      const a = add(n ? n.id : actorId(name), name, n ? n.kind : 'person', e.line);
      if (m?.[2] && !a.role) a.role = m[2].trim();
    }
  }
}

/** What follows a numbered actor in its heading, without its sprint, hours, quotes and trailing marks. */
function roleText(s: string): string {
  if (s.includes('(')) s = s.replace(/\s*\((?:sprint|week|day)s?\b[^)]*\)\s*$/i, '').replace(/\(\s*\d+\s*(?:h|hours?)\s*\)/gi, '');
  if (QUOTE.test(s)) s = s.replace(/["“”]/g, '');
  return s.replace(/[*:]+$/g, '').trim();
}

const QUOTE = /["“”]/;

/** A field under an actor's heading: `Branch:`, `Expertise:`, `Owns:`, `Tools:`, `Role:`. */
function actorField(a: Actor, key: string, value: string): void {
  if (key === 'branch') a.branch ??= value.trim().split(/\s+/)[0];
  else if (key === 'expertise' || key === 'specialty') a.expertise ??= value.trim();
  else if (key === 'owns') a.owns ??= value.trim();
  else if (key === 'tool' || key === 'tools') (a.tools ??= []).push(...value.trim().split(/\s*,\s*/).filter(Boolean));
  else if (key === 'role' && !a.role) a.role = value.trim();
}

/** `## Claude-1 [Backend/Core]` followed by `**STATUS:** …`: a section per agent, named by its heading. */
function fieldStatusActor(
  entries: Entry[],
  i: number,
  text: string,
  add: (id: string, name: string, kind: ActorKind, line: number) => Actor,
  alias: (a: Actor, n: string) => void,
): void {
  const next = entries[i + 1];
  if (!next || next.kind !== 'para' || fieldOfEntry(next)?.key !== 'status') return;
  const m = /^([\p{L}][\p{L}\p{N} _.-]{0,30}?)\s*(?:\[([^\]]+)\]|\(([^)]+)\))?\s*:?\s*$/u.exec(text);
  if (!m) return;
  const a = add(actorId(m[1]!), m[1]!.trim(), 'agent', entries[i]!.line);
  alias(a, m[1]!.trim());
  const role = (m[2] ?? m[3])?.trim();
  if (role && !a.role) a.role = role;
}

/** A table row is read as its cells joined by ` | `. */
function namedRow(line: number, cells: readonly string[], named: (line: number, text: string, words: number) => void): void {
  const text = cells.join(' | ');
  named(line, text, actorWords(text));
}

/** `Worker 1`, `WORKER_1`, `Worker01` → `Worker 1`: the display name of a numbered actor. */
export function canonicalName(name: string): string {
  return canonicalMemo(name);
}

const canonicalMemo = memoText((name: string): string => {
  const n = numberedActor(name);
  return n ? `${n.kind[0]!.toUpperCase()}${n.kind.slice(1)} ${n.id.split('-')[1]}` : name;
}, 1024);

/** Split `Medicine Woman + Meta Jr`, `Alice, Bob`, `Memory Jr/Meta Jr` into names. */
export function splitNames(s: string): string[] {
  return s
    .split(/\s*(?:\+|,|&|\/|;|\band\b)\s*/)
    .map((x) => x.replace(/^@/, '').replace(/[*_`]/g, '').trim())
    .filter((x) => x && !SKIP_NAMES.test(x));
}

const JR = /j`*r/i;
const BOLD_LEAD = /^(?:\*\*|__)([^*_]{2,60}?)(?:\*\*|__)/;
const NO_ONE: readonly { name: string; kind: ActorKind }[] = Object.freeze([]);

/** `**Memory Jr** (SBOM) - …`, `**Medicine Woman + Meta Jr** (Formula)`: the bold names leading a line. */
export function boldLeadActors(text: string): readonly { name: string; kind: ActorKind }[] {
  // The trimmed line must open with `**` or `__`, and trim keeps any printable ASCII character but a space.
  const first = text.charCodeAt(0);
  if (first !== 0x2a && first !== 0x5f && first > 0x20 && first < 0x7f) return NO_ONE;
  // The bold part is inside the text: without "jr" in the text (most bold leads are field keys) it has none.
  if (!JR.test(text)) return NO_ONE;
  const m = BOLD_LEAD.exec(text.trim());
  // Some part must end in "jr" (splitNames drops backticks): bold without one names no one.
  if (!m || !JR.test(m[1]!)) return NO_ONE;
  const parts = splitNames(m[1]!);
  if (!parts.length || !parts.some((p) => /\bjr\.?$/i.test(p))) return NO_ONE;
  if (!parts.every((p) => /^[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3}$/.test(p))) return NO_ONE;
  return parts.map((name) => ({ name, kind: /\bjr\.?$/i.test(name) ? 'jr' : 'person' }));
}

/** The actor a name refers to: by id, by numbered form, or by any alias (case-insensitive). */
export function findActor(actors: readonly Actor[], name: string): Actor | undefined {
  const n = name.trim().replace(/^@/, '');
  if (!n) return undefined;
  const index = actorLookup(actors);
  return index.byId.get(actorId(n)) ?? index.byAlias.get(n.toLowerCase());
}
