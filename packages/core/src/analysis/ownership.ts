import type { Diagnostic, OwnershipMode, OwnershipRule, PlanModel } from '../model.js';
import type { Resolver } from './resolve.js';

export interface OwnerOfPath {
  actor: string;
  mode: OwnershipMode;
  pattern: string;
  file: string;
  line: number;
}

export interface OwnershipViolation {
  path: string;
  /** The actor that changed the path. */
  actor: string;
  /** The actor that owns it exclusively. */
  owner: string;
  pattern: string;
  file: string;
  line: number;
}

/** `./src/x`, `/src/x`, `src\x` → `src/x`. */
export function normalizePath(p: string): string {
  let s = p.trim().replace(/^`|`$/g, '').replace(/\\/g, '/');
  while (s.startsWith('./')) s = s.slice(2);
  s = s.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  return s;
}

const isGlob = (p: string) => /[*?[{]/.test(p);

const regexCache = new Map<string, RegExp>();

/** Glob → RegExp: `**` any depth, `*` within a segment, `?`, `{a,b}`, `[abc]`. Patterns without `/` match a name at any depth. */
export function globRegExp(pattern: string): RegExp {
  const cached = regexCache.get(pattern);
  if (cached) return cached;
  const p = normalizePath(pattern);
  let re = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '*') {
      if (p[i + 1] === '*') {
        i++;
        if (p[i + 1] === '/') {
          i++;
          re += '(?:.*/)?';
        } else re += '.*';
      } else re += '[^/]*';
    } else if (c === '?') re += '[^/]';
    else if (c === '{') {
      const close = p.indexOf('}', i);
      if (close < 0) re += '\\{';
      else {
        re += `(?:${p.slice(i + 1, close).split(',').map(escape).join('|')})`;
        i = close;
      }
    } else if (c === '[') {
      const close = p.indexOf(']', i);
      if (close < 0) re += '\\[';
      else {
        re += `[${p.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else re += escape(c);
  }
  const anchored = p.includes('/') ? `^${re}(?:/.*)?$` : `^(?:.*/)?${re}(?:/.*)?$`;
  const out = new RegExp(anchored);
  if (regexCache.size > 10_000) regexCache.clear();
  regexCache.set(pattern, out);
  return out;
}

function escape(s: string): string {
  return s.replace(/[.+^$()|\\\]\[{}*?]/g, '\\$&');
}

/** Does an ownership pattern (exact path, folder ending in `/`, or glob) cover a path? */
export function matchesPattern(pattern: string, path: string): boolean {
  const pat = normalizePath(pattern);
  const p = normalizePath(path);
  if (!pat) return false;
  if (isGlob(pat)) return globRegExp(pat).test(p);
  if (pat.endsWith('/')) return p.startsWith(pat) || p === pat.slice(0, -1);
  return p === pat || p.startsWith(pat + '/');
}

export function ownersOfPath(rules: readonly OwnershipRule[], path: string): OwnerOfPath[] {
  const out: OwnerOfPath[] = [];
  const seen = new Set<string>();
  for (const r of rules) {
    if (!matchesPattern(r.pattern, path)) continue;
    const k = `${r.actor}\u0000${r.mode}\u0000${r.pattern}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ actor: r.actor, mode: r.mode, pattern: r.pattern, file: r.file, line: r.line });
  }
  return out;
}

function literalPrefix(p: string): string {
  const i = p.search(/[*?[{]/);
  return i < 0 ? p : p.slice(0, i);
}

function literalSuffix(p: string): string {
  const m = /[*?\]}]([^*?\]}]*)$/.exec(p);
  return m ? m[1]! : p;
}

/** Could some path match both patterns? Exact for literals and folders; a close over-approximation for two globs. */
export function patternsOverlap(a: string, b: string): boolean {
  const x = normalizePath(a);
  const y = normalizePath(b);
  const gx = isGlob(x);
  const gy = isGlob(y);
  if (!gx && !gy) return matchesPattern(x, y) || matchesPattern(y, x);
  if (gx && !gy) return globLiteralOverlap(x, y);
  if (!gx && gy) return globLiteralOverlap(y, x);
  const px = x.includes('/') ? literalPrefix(x) : '';
  const py = y.includes('/') ? literalPrefix(y) : '';
  if (!(px.startsWith(py) || py.startsWith(px))) return false;
  const sx = literalSuffix(x);
  const sy = literalSuffix(y);
  return sx.endsWith(sy) || sy.endsWith(sx);
}

function globLiteralOverlap(glob: string, literal: string): boolean {
  if (matchesPattern(glob, literal)) return true;
  if (!literal.endsWith('/')) return false;
  // A folder overlaps a glob that can reach inside it.
  const prefix = literalPrefix(glob);
  if (!glob.includes('/')) return true;
  return prefix.startsWith(literal) || literal.startsWith(prefix);
}

function specificity(pattern: string): number {
  return literalPrefix(normalizePath(pattern)).length + (isGlob(pattern) ? 0 : 1000);
}

function later(a: OwnershipRule, b: OwnershipRule): boolean {
  return a.file > b.file || (a.file === b.file && a.line > b.line);
}

/**
 * Two exclusive owners of one path; an exclusive path also marked shared. One finding per pair of actors and
 * overlapping region, on its most specific patterns, at the later of the two rules.
 */
export function ownershipConflicts(rules: readonly OwnershipRule[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const exclusive = rules.filter((r) => r.mode === 'exclusive').sort((a, b) => specificity(b.pattern) - specificity(a.pattern));
  const shared = rules.filter((r) => r.mode === 'shared');
  // One finding per pair of actors: at the most specific clash, naming every overlapping pattern.
  const pairs = new Map<string, { a: OwnershipRule; b: OwnershipRule; patterns: string[] }>();
  for (let i = 0; i < exclusive.length; i++) {
    for (let j = i + 1; j < exclusive.length; j++) {
      let a = exclusive[i]!;
      let b = exclusive[j]!;
      if (a.actor === b.actor || !patternsOverlap(a.pattern, b.pattern)) continue;
      if (later(a, b)) [a, b] = [b, a];
      const key = [a.actor, b.actor].sort().join('\u0000');
      const pattern = specificity(a.pattern) >= specificity(b.pattern) ? a.pattern : b.pattern;
      const seen = pairs.get(key);
      if (!seen) pairs.set(key, { a, b, patterns: [pattern] });
      else if (!seen.patterns.some((p) => patternsOverlap(p, pattern))) seen.patterns.push(pattern);
    }
  }
  for (const { a, b, patterns } of pairs.values()) {
    const more = patterns.length > 1 ? ` (also ${patterns.slice(1, 4).join(', ')}${patterns.length > 4 ? `, … ${patterns.length - 4} more` : ''})` : '';
    out.push({
      file: b.file,
      line: b.line,
      severity: 'error',
      code: 'ownership-conflict',
      message: `${b.pattern} is exclusive to ${b.actor} and also to ${a.actor} (${a.pattern}, ${a.file}:${a.line})${more}`,
    });
  }
  for (const s of shared) {
    const a = exclusive.find((x) => patternsOverlap(x.pattern, s.pattern));
    if (!a) continue;
    out.push({
      file: s.file,
      line: s.line,
      severity: 'warning',
      code: 'ownership-shared-exclusive',
      message: `${s.pattern} is marked shared (${s.actor}) but ${a.pattern} is exclusive to ${a.actor} (${a.file}:${a.line})`,
    });
  }
  return out;
}

/** Changes by `actor` to paths another actor owns exclusively. The actor may be written as an id, name or alias. */
export function checkChangesWith(model: PlanModel, resolver: Resolver, changedPaths: readonly string[], actor: string): OwnershipViolation[] {
  const me = resolver.actorId(actor) ?? actor;
  const out: OwnershipViolation[] = [];
  for (const raw of changedPaths) {
    const path = normalizePath(raw);
    const owners = ownersOfPath(model.ownership, path);
    if (owners.some((o) => o.actor === me && o.mode === 'exclusive')) continue;
    const byOwner = new Map<string, OwnerOfPath>();
    for (const o of owners) {
      if (o.mode !== 'exclusive' || o.actor === me) continue;
      const seen = byOwner.get(o.actor);
      if (!seen || specificity(o.pattern) > specificity(seen.pattern)) byOwner.set(o.actor, o);
    }
    for (const o of byOwner.values()) out.push({ path, actor: me, owner: o.actor, pattern: o.pattern, file: o.file, line: o.line });
  }
  return out;
}
