import type { Command } from 'commander';
import { resolve } from 'node:path';
import { applyEdits, buildModel, editsFor, emptyPlanFile, type TextEdit } from '@plansight/core';
import { atomicWrite, readSnapshot, type Snapshot } from '../atomicWrite.js';

function linesOf(s: string): string[] {
  return s.match(/[^\r\n]*(?:\r\n|\n|\r)|[^\r\n]+$/g) ?? [];
}

/** A unified diff of line-level edits (each edit replaces whole lines), with three lines of context. */
export function unifiedDiff(name: string, text: string, edits: readonly TextEdit[]): string {
  if (!edits.length) return '';
  const old = linesOf(text.replace(/^\uFEFF/, ''));
  const show = (l: string) => l.replace(/\r\n$|\n$|\r$/, '');
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  interface Hunk {
    from: number;
    to: number;
    body: string[];
    added: number;
  }
  const hunks: Hunk[] = [];
  for (const e of sorted) {
    let removed = linesOf(e.expected);
    let added = linesOf(e.text);
    // An insertion is anchored on a whole line: show that line as context, not as removed and added again.
    let pre = 0;
    while (pre < removed.length && pre < added.length && removed[pre] === added[pre]) pre++;
    let suf = 0;
    while (suf < removed.length - pre && suf < added.length - pre && removed[removed.length - 1 - suf] === added[added.length - 1 - suf]) suf++;
    removed = removed.slice(pre, removed.length - suf);
    added = added.slice(pre, added.length - suf);
    const first = e.line - 1 + pre;
    const last = first + removed.length;
    const prev = hunks[hunks.length - 1];
    let h: Hunk;
    if (prev && first - prev.to <= 6) {
      for (let i = prev.to; i < first; i++) prev.body.push(' ' + show(old[i]!));
      h = prev;
    } else {
      h = { from: Math.max(0, first - 3), to: first, body: [], added: 0 };
      for (let i = h.from; i < first; i++) h.body.push(' ' + show(old[i]!));
      hunks.push(h);
    }
    for (const l of removed) h.body.push('-' + show(l));
    for (const l of added) h.body.push('+' + show(l));
    h.added += added.length - removed.length;
    h.to = last;
  }
  const out = [`--- a/${name}`, `+++ b/${name}`];
  let shift = 0;
  for (const h of hunks) {
    const end = Math.min(old.length, h.to + 3);
    for (let i = h.to; i < end; i++) h.body.push(' ' + show(old[i]!));
    const oldLen = end - h.from;
    const newLen = oldLen + h.added;
    out.push(`@@ -${h.from + 1},${oldLen} +${h.from + 1 + shift},${newLen} @@`, ...h.body);
    shift += h.added;
  }
  return out.join('\n') + '\n';
}

/** Apply edits to a snapshot and write atomically; returns the new text. */
export function writeEdits(snap: Snapshot, edits: readonly TextEdit[]): string {
  const next = applyEdits(snap.text, edits, snap.name);
  if (next !== snap.text) atomicWrite(snap, next, edits[0]?.line ?? 1);
  return next;
}

export function registerRepair(program: Command): void {
  program
    .command('repair')
    .description('repair mojibake (âœ… → ✅) in a whole file: prints the diff, writes only with --write')
    .argument('<file>', 'the file to repair')
    .option('--write', 'write the repaired file (atomically)')
    .option('--json', 'print the edits as JSON')
    .action((file: string, opts: { write?: boolean; json?: boolean }) => {
      const snap = readSnapshot(resolve(file), file);
      const edits = editsFor(file, snap.text, buildModel([emptyPlanFile(file)]), { type: 'repair-mojibake' });
      if (opts.json) process.stdout.write(JSON.stringify({ file, lines: edits.map((e) => e.line), written: !!opts.write && edits.length > 0, edits }, null, 2) + '\n');
      else if (!edits.length) process.stdout.write(`${file}: no mojibake found\n`);
      else if (!opts.write) process.stdout.write(unifiedDiff(file, snap.text, edits));
      if (opts.write && edits.length) {
        writeEdits(snap, edits);
        if (!opts.json) process.stdout.write(`${file}: repaired ${edits.length} line${edits.length === 1 ? '' : 's'}\n`);
      }
    });
}
