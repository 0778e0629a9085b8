import { encodeMojibake } from '@plansight/core';

/** Deterministic generated documents: the same seed gives the same bytes on every machine. */
export type Rng = () => number;

/** mulberry32 */
export function rng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rng, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

const WORDS =
  'river garden window morning paper letter music bridge forest coffee travel recipe market harbour mountain lantern pencil meadow library kitchen question journal autumn ocean theory painting castle village engine planet signal pattern silver button thunder marble canvas compass orchard candle velvet'.split(
    ' ',
  );
const VERBS = 'explains describes remembers suggests compares collects imagines follows sketches revisits'.split(' ');

function sentence(r: Rng): string {
  const n = int(r, 6, 16);
  const ws: string[] = [];
  for (let i = 0; i < n; i++) ws.push(i === 2 ? pick(r, VERBS) : pick(r, WORDS));
  if (r() < 0.2) ws[int(r, 0, n - 1)] = `[[${pick(r, WORDS)} ${pick(r, WORDS)}]]`;
  if (r() < 0.15) ws[int(r, 0, n - 1)] = `*${pick(r, WORDS)}*`;
  const s = ws.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

/** An ordinary note, no plan content: headings, prose, plain lists, now and then a code block. */
export function note(r: Rng, targetBytes: number): string {
  const out: string[] = [`# ${pick(r, WORDS)} ${pick(r, WORDS)}`, ''];
  let size = 0;
  while (size < targetBytes) {
    const kind = r();
    let block: string;
    if (kind < 0.12) block = `## ${pick(r, WORDS)} ${pick(r, WORDS)}`;
    else if (kind < 0.6) block = Array.from({ length: int(r, 2, 6) }, () => sentence(r)).join(' ');
    else if (kind < 0.9) block = Array.from({ length: int(r, 2, 8) }, () => `${r() < 0.2 ? '  ' : ''}- ${sentence(r)}`).join('\n');
    else block = ['```js', `const ${pick(r, WORDS)} = '${pick(r, WORDS)}';`, `console.log(${int(r, 1, 99)});`, '```'].join('\n');
    out.push(block, '');
    size += block.length + 2;
  }
  return out.join('\n');
}

const STATUS_LINES = [
  ['✅', 'Completed'],
  ['🔄', 'In Progress'],
  ['❌', 'Blocked'],
  ['⏳', 'Waiting'],
  ['🎯', 'Next'],
] as const;
const MARKERS = [' ', ' ', ' ', 'x', 'x', '/', '-', '!'];

function story(team: number, n: number): string {
  return `T${team}-${String(n).padStart(3, '0')}`;
}

function masterPlan(r: Rng, i: number, targetBytes: number): string {
  const out = [`# Master Plan ${i}: ${pick(r, WORDS)} ${pick(r, WORDS)}`, '', '## Overview', sentence(r), ''];
  let w = 1;
  while (out.join('\n').length < targetBytes) {
    out.push(`## Worker ${w} - "${pick(r, WORDS)} ${pick(r, WORDS)}" (${int(r, 40, 400)} hours)`);
    out.push(`**Branch**: feature/${pick(r, WORDS)}-${w}`, `**Expertise**: ${pick(r, WORDS)}, ${pick(r, WORDS)}`, `**Owns**: src/${pick(r, WORDS)}/`, '');
    for (let wk = 1; wk <= int(r, 2, 4); wk++) {
      out.push(`### Weeks ${wk * 2 - 1}-${wk * 2}: ${pick(r, WORDS)} ${pick(r, WORDS)} (${int(r, 8, 60)}h)`);
      for (let k = 0; k < int(r, 3, 8); k++) out.push(`- [${pick(r, MARKERS)}] ${sentence(r)}`);
      if (r() < 0.5) out.push(`**Dependencies**: Worker ${int(r, 1, Math.max(1, w))}`);
      out.push('');
    }
    w++;
  }
  return out.join('\n');
}

function dailyStatus(r: Rng, days: number, workers: number, day0 = 1): string {
  const out: string[] = ['# Daily Status', ''];
  for (let d = 0; d < days; d++) {
    out.push(`# Daily Status - 2025-${String(1 + (Math.floor((day0 + d) / 28) % 12)).padStart(2, '0')}-${String(1 + ((day0 + d) % 28)).padStart(2, '0')}`, '');
    for (let w = 1; w <= workers; w++) {
      out.push(`## Worker ${w}:`);
      for (const [emoji, label] of STATUS_LINES) {
        if (r() < 0.25) continue;
        const ref = r() < 0.5 ? `Issue #${int(r, 1, 400)}` : story(int(r, 1, 4), int(r, 1, 60));
        out.push(`${emoji} ${label}: ${ref} ${pick(r, WORDS)} ${pick(r, WORDS)}`);
        if (r() < 0.4) out.push(`  - ${sentence(r)}`);
      }
      out.push('');
    }
  }
  return out.join('\n');
}

function sprintPlan(r: Rng, i: number, targetBytes: number): string {
  const out = [`# Sprint ${i} Plan`, ''];
  let n = 1;
  while (out.join('\n').length < targetBytes) {
    const team = int(r, 1, 4);
    out.push(`#### Story ${story(team, n)}: ${pick(r, WORDS)} ${pick(r, WORDS)} (${pick(r, ['S', 'M', 'L'])})`);
    out.push(`**Owner**: Worker ${team}`, `**Status**: ${pick(r, ['Not Started', 'In Progress', 'Done', 'Blocked'])}`);
    if (n > 1 && r() < 0.6) out.push(`**Dependencies**: ${story(team, int(r, 1, n - 1))}`);
    out.push('', 'Acceptance criteria:');
    for (let k = 0; k < int(r, 2, 5); k++) out.push(`- [${pick(r, MARKERS)}] ${sentence(r)}`);
    out.push('');
    if (n % 10 === 0) {
      out.push(`### Gate ${n / 10}: Week ${n / 5} - ${pick(r, WORDS)} complete`);
      for (let k = 0; k < 4; k++) out.push(`- [${pick(r, [' ', 'x'])}] ${sentence(r)}`);
      out.push(`**If Fail**: ${sentence(r)}`, '');
    }
    n++;
  }
  return out.join('\n');
}

function roundTracker(r: Rng, i: number, targetBytes: number): string {
  const out = [`# Round Tracker ${i}`, '', '| Round | Agent | Task | Status | Progress |', '|---|---|---|---|---|'];
  let round = 1;
  while (out.join('\n').length < targetBytes) {
    out.push(`| ${round} | Agent ${int(r, 1, 8)} | ${pick(r, WORDS)} ${pick(r, WORDS)} | ${pick(r, ['✅ Done', '🔄 In Progress', '❌ Blocked', '⏳ Waiting'])} | ${int(r, 0, 100)}% |`);
    round++;
  }
  return out.join('\n') + '\n';
}

/** A plan file in one of the seed formats; a third of them mojibake, as the seeds are. */
export function planFile(r: Rng, i: number, targetBytes: number): { name: string; text: string } {
  const kind = i % 4;
  let text: string;
  let name: string;
  if (kind === 0) [name, text] = [`MASTER_PLAN_${i}.md`, masterPlan(r, i, targetBytes)];
  else if (kind === 1) [name, text] = [`DAILY_STATUS_${i}.md`, dailyStatus(r, Math.max(1, Math.round(targetBytes / 1500)), 4, i)];
  else if (kind === 2) [name, text] = [`SPRINT_${i}.md`, sprintPlan(r, i, targetBytes)];
  else [name, text] = [`ROUND_TRACKER_${i}.md`, roundTracker(r, i, targetBytes)];
  if (i % 3 === 0) text = encodeMojibake(text, { charset: i % 2 ? 'macroman' : 'cp1252', undefinedBytes: 'drop' });
  return { name, text };
}

export interface VaultFile {
  path: string;
  text: string;
}

/**
 * `n` files, a tenth of them plans, in folders of 100; about `avgBytes` each. With `plans` false, each plan is
 * replaced by a note of the size asked of it, and every other file is the same as with plans.
 */
export function* vaultFiles(n: number, seed: number, avgBytes = 12_000, plans = true): Generator<VaultFile> {
  const r = rng(seed);
  for (let i = 0; i < n; i++) {
    const folder = `area-${String(Math.floor(i / 100)).padStart(3, '0')}`;
    const bytes = Math.round(avgBytes * (0.3 + 1.4 * r()));
    if (i % 10 === 0) {
      // The plan is drawn either way, so that the notes after it draw the same numbers.
      const p = planFile(r, i, Math.round(bytes * 0.8));
      if (plans) yield { path: `${folder}/${p.name}`, text: p.text };
      else yield { path: `${folder}/note-${i}.md`, text: note(rng(seed + i), Math.round(bytes * 0.8)) };
    } else yield { path: `${folder}/note-${i}.md`, text: note(r, bytes) };
  }
}

/** A `DAILY_STATUS.md` of about `lines` lines. */
export function dailyFile(lines: number, seed: number): string {
  const r = rng(seed);
  let days = Math.max(1, Math.round(lines / 30));
  let text = dailyStatus(r, days, 4);
  while (text.split('\n').length < lines) text = dailyStatus(rng(seed), ++days, 4);
  return text.split('\n').slice(0, lines).join('\n') + '\n';
}

/** A list-heavy status file of about `bytes`, sectioned by day and worker. */
export function listHeavy(bytes: number, seed: number, day0 = 1): string {
  const r = rng(seed);
  const out: string[] = [];
  let size = 0;
  let d = day0;
  while (size < bytes) {
    const day = dailyStatus(r, 1, 6, d++);
    out.push(day);
    size += day.length + 1;
  }
  return out.join('\n');
}

/** A plan with `n` stories chained by dependencies (each on one to three earlier ones). */
export function graphPlan(n: number, seed: number): string {
  const r = rng(seed);
  const out = ['# Big Plan', ''];
  for (let i = 1; i <= n; i++) {
    const id = `T1-${String(i).padStart(4, '0')}`;
    out.push(`#### Story ${id}: ${pick(r, WORDS)} ${pick(r, WORDS)} (${pick(r, ['S', 'M', 'L'])})`);
    out.push(`**Owner**: Worker ${int(r, 1, 8)}`);
    if (i > 1) {
      const deps = new Set<string>();
      for (let k = int(r, 1, 3); k > 0; k--) deps.add(`T1-${String(int(r, Math.max(1, i - 40), i - 1)).padStart(4, '0')}`);
      out.push(`**Dependencies**: ${[...deps].join(', ')}`);
    }
    out.push(`**Status**: ${pick(r, ['Not Started', 'In Progress', 'Done'])}`, '');
  }
  return out.join('\n');
}
