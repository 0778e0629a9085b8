import type { OwnershipMode, OwnershipRule } from '../../model.js';
import { plain } from '../../text/inline.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isCode, isItem, isTable, plainOf, type Entry } from './view.js';
import { actorMentions } from './mentions.js';
import { plainMaySay } from './refs.js';
import { splitNames, findActor } from './actors.js';

const OWNERSHIP_HEADING = /exclusive|files|owns|ownership|file ownership/i;
const READ_ONLY_KEYS = new Set(['read-only', 'read only', 'readonly']);
const ONLY_EDITS = /^(.+?)\s+ONLY\s+(?:edits?|owns?|modif(?:y|ies))\s+(.+)$/;
const MAY_SAY_ONLY = plainMaySay(['ONLY'], '');
const PATH_TOKEN = /`([^`\s]+)`|((?:[\w.-]+\/)+[\w.*-]*|[\w-]+\.(?:rs|ts|tsx|js|py|go|md|toml|json|ya?ml|sh|c|cu|h|hpp|cpp|java|kt|swift|rb|lean))/g;

/** Who owns which files: fenced trees, READ-ONLY lines, shared-file sections, "X ONLY edits", tables, file lists. */
export function recogniseOwnership(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const out = ctx.file.ownership;
  const rule = (actor: string, pattern: string, mode: OwnershipMode, line: number, note?: string) => {
    const r: OwnershipRule = { actor, pattern, mode, file: ctx.path, line };
    if (note) r.note = note;
    out.push(r);
  };
  const headingActor = (e: Entry): string | undefined => {
    for (let i = e.section.length - 1; i >= 0; i--) {
      const m = actorMentions(e.section[i]!.text, ctx.file.actors);
      if (m.length === 1) return m[0]!.id;
    }
    return undefined;
  };
  const namesToActors = (names: string): string[] => {
    if (/\ball (workers|agents|teams)\b/i.test(names)) {
      const kind = /workers/i.test(names) ? 'worker' : /agents/i.test(names) ? 'agent' : 'team';
      return ctx.file.actors.filter((a) => a.kind === kind).map((a) => a.id);
    }
    const found = actorMentions(names, ctx.file.actors).map((m) => m.id);
    if (found.length) return found;
    return splitNames(names)
      .map((n) => findActor(ctx.file.actors, n)?.id)
      .filter((x): x is string => !!x);
  };

  let sharedSection = -1;
  let sharedPaths: string[] = [];
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i]!;
    if (e.kind === 'heading') {
      sharedSection = /shared files|coordinate before editing/i.test(plainOf(e)) ? e.depth : sharedSection >= 0 && e.depth > sharedSection ? sharedSection : -1;
      sharedPaths = [];
      continue;
    }
    if (e.kind === 'code' && isCode(e.block)) {
      const heading = e.section[e.section.length - 1];
      if (!heading || !OWNERSHIP_HEADING.test(heading.text)) continue;
      const actor = headingActor(e);
      if (!actor) continue;
      for (const t of treeRules(e.block.lines, e.block.line + 1)) rule(actor, t.pattern, t.mode, t.line, t.note);
      continue;
    }
    if (e.kind === 'table' && isTable(e.block)) {
      tableRules(ctx, e, rule, namesToActors);
      continue;
    }
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    const text = e.text;
    const f = fieldOfEntry(e);
    if (f && READ_ONLY_KEYS.has(f.key)) {
      const actor = headingActor(e);
      const paths = pathsIn(f.raw);
      if (actor) for (const p of paths) rule(actor, p, 'read-only', e.line, f.value.replace(/`[^`]*`/g, '').trim() || undefined);
      continue;
    }
    if (sharedSection >= 0 && e.kind === 'para') {
      const paths = pathsIn(text);
      if (paths.length && /^[*_`]/.test(text) && /:\s*\**\s*$/.test(text)) {
        sharedPaths = paths;
        continue;
      }
    }
    if (sharedSection >= 0 && e.kind === 'item' && sharedPaths.length) {
      const t = plainOf(e);
      const only = /^(.+?)\s+only\s+(?:edits?|owns?|writes?)\b/i.exec(t);
      if (only) {
        const who = namesToActors(only[1]!);
        for (const a of who) for (const p of sharedPaths) rule(a, p, 'exclusive', e.line, t);
        continue;
      }
      const m = /^([^:]{2,40}):\s*(.*)$/.exec(t);
      if (!m || /^(protocol|note|rule|why)$/i.test(m[1]!.trim())) continue;
      if (/^others?$/i.test(m[1]!.trim())) {
        if (/read[- ]only/i.test(m[2]!)) {
          const owners = new Set(out.filter((r) => sharedPaths.includes(r.pattern) && r.mode === 'exclusive').map((r) => r.actor));
          const kind = ctx.file.actors.find((a) => owners.has(a.id))?.kind;
          for (const a of ctx.file.actors) if (a.kind === kind && !owners.has(a.id)) for (const p of sharedPaths) rule(a.id, p, 'read-only', e.line, m[2]);
        }
        continue;
      }
      const who = namesToActors(m[1]!);
      const mode: OwnershipMode = /read[- ]only/i.test(m[2]!) ? 'read-only' : 'shared';
      for (const a of who) for (const p of sharedPaths) rule(a, p, mode, e.line, m[2] || undefined);
      continue;
    }
    const only = (e.plain !== undefined || MAY_SAY_ONLY.test(e.text)) && plainOf(e).includes('ONLY') ? ONLY_EDITS.exec(plainOf(e)) : null;
    if (only) {
      const paths = pathsIn(only[2]!);
      for (const a of namesToActors(only[1]!)) for (const p of paths) rule(a, p, 'exclusive', e.line);
      continue;
    }
    if (f && /^(files? (?:to )?(?:modify|modified|create|created|change|changed|touched)|reserve|reserves|owned files|files owned|exclusive files)$/.test(f.key)) {
      const actor = ownerField(entries, i, namesToActors) ?? ownerOfContext(ctx, e, headingActor);
      if (!actor) continue;
      const mode: OwnershipMode = /create/.test(f.key) ? 'creates' : /modif|change|touch/.test(f.key) ? 'enhances' : 'exclusive';
      const inline = pathsIn(f.raw);
      for (const p of inline) rule(actor, p, mode, e.line);
      if (!inline.length) {
        for (let j = i + 1; j < entries.length; j++) {
          const c = entries[j]!;
          if (c.kind !== 'item' || !isItem(c.block)) break;
          for (const p of pathsIn(c.text)) rule(actor, p, mode, c.line);
        }
      }
    }
  }
}

/** `**Owner**: Agent 1` / `**Agent ID**: x` earlier in the same section. */
function ownerField(entries: Entry[], i: number, namesToActors: (s: string) => string[]): string | undefined {
  const here = entries[i]!.section;
  for (let j = i - 1; j >= 0; j--) {
    const e = entries[j]!;
    if (e.kind === 'heading' || e.section !== here) return undefined;
    const f = fieldOfEntry(e);
    if (f && /^(owner|agent|agent id|assignee|assigned to|worker)$/.test(f.key)) return namesToActors(f.value)[0];
  }
  return undefined;
}

function ownerOfContext(ctx: ParseContext, e: Entry, headingActor: (e: Entry) => string | undefined): string | undefined {
  for (let i = ctx.file.items.length - 1; i >= 0; i--) {
    const it = ctx.file.items[i]!;
    if (it.line <= e.line && it.owner && it.section.join('/') === e.section.map((h) => h.text).join('/')) return it.owner;
  }
  return headingActor(e);
}

function pathsIn(s: string): string[] {
  const out: string[] = [];
  for (const m of s.matchAll(PATH_TOKEN)) {
    const p = (m[1] ?? m[2] ?? '').replace(/[),.:;]+$/, '');
    if (p && !/^https?:/.test(p) && /[/.]/.test(p) && !/^\d/.test(p) && !out.includes(p)) out.push(p);
  }
  return out;
}

function modeOf(marker: string | undefined): OwnershipMode | undefined {
  if (!marker) return undefined;
  const m = marker.trim().toUpperCase();
  if (m.startsWith('CREATE')) return 'creates';
  if (m.startsWith('ENHANCE') || m.startsWith('MODIFY') || m.startsWith('EXTEND')) return 'enhances';
  if (m.startsWith('OWNS') || m.startsWith('EXCLUSIVE')) return 'exclusive';
  if (m.startsWith('READ')) return 'read-only';
  if (m.startsWith('SHARED')) return 'shared';
  return undefined;
}

interface TreeRule {
  pattern: string;
  mode: OwnershipMode;
  line: number;
  note?: string;
}

/** Fenced file trees: `src/gpu/` then `├── kernel_executor.rs (OWNS - …)` → `src/gpu/kernel_executor.rs`, exclusive. */
export function treeRules(lines: string[], firstLine: number): TreeRule[] {
  const out: TreeRule[] = [];
  let roots: { paths: string[]; mode: OwnershipMode } | null = null;
  const stack: { indent: number; name: string }[] = [];
  lines.forEach((raw, i) => {
    const line = firstLine + i;
    if (!raw.trim()) {
      roots = null;
      return;
    }
    const tree = /^([\s│|]*)(?:[├└]──|[|`]--|\+--)\s*(.*)$/.exec(raw);
    const body = (tree ? tree[2]! : raw).trim().replace(/\s*#.*$/, '');
    const marker = /\(([^)]*)\)\s*$/.exec(body);
    const name = (marker ? body.slice(0, marker.index) : body).trim();
    const mode = modeOf(marker?.[1]);
    const note = marker?.[1]?.trim();
    if (!tree) {
      const paths = name.split(/\s*,\s*/).filter((p) => /^[\w.\/*-]+\/?$/.test(p));
      if (!paths.length) return;
      const folderMode = mode ?? 'exclusive';
      roots = { paths: paths.map((p) => (p.endsWith('/') || !/\.\w+$/.test(p) ? p.replace(/\/?$/, '/') : p)), mode: folderMode };
      stack.length = 0;
      for (const p of roots.paths) out.push({ pattern: p, mode: folderMode, line, ...(note ? { note } : {}) });
      return;
    }
    if (!roots) return;
    const indent = tree[1]!.length;
    while (stack.length && stack[stack.length - 1]!.indent >= indent) stack.pop();
    const prefix = stack.map((s) => s.name).join('');
    const r: { paths: string[] } = roots;
    if (/^\[.*\]$/.test(name)) {
      for (const root of r.paths) out.push({ pattern: root + prefix, mode: mode ?? 'exclusive', line, note: name.slice(1, -1) + (note ? ` (${note})` : '') });
      return;
    }
    if (!/^[\w.*-]+\/?$/.test(name)) return;
    if (name.endsWith('/')) stack.push({ indent, name });
    for (const root of r.paths) out.push({ pattern: root + prefix + name, mode: mode ?? 'exclusive', line, ...(note ? { note } : {}) });
  });
  return out;
}

function tableRules(
  ctx: ParseContext,
  e: Entry,
  rule: (a: string, p: string, m: OwnershipMode, l: number, n?: string) => void,
  namesToActors: (s: string) => string[],
): void {
  if (!isTable(e.block)) return;
  const header = e.block.header.map((h) => plain(h).toLowerCase());
  const actorCol = header.findIndex((h) => /^(agent|worker|owner|owners|team|jr|who|dev)/.test(h));
  const pathCol = header.findIndex((h) => /(files?|paths?|directories|directory|folders?|modules?|owns|reserve)/.test(h));
  if (actorCol < 0 || pathCol < 0 || actorCol === pathCol) return;
  const modeCol = header.findIndex((h) => /^(mode|access)$/.test(h));
  for (const row of e.block.rows) {
    const who = namesToActors(plain(row.cells[actorCol] ?? ''));
    const mode = modeOf(row.cells[modeCol] ?? '') ?? 'exclusive';
    for (const a of who) for (const p of pathsIn(row.cells[pathCol] ?? '')) rule(a, p, mode, row.line);
  }
  void ctx;
}
