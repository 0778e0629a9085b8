import type { StatusEntry, StatusReport } from '../../model.js';
import { plain } from '../../text/inline.js';
import { statusOfText } from '../../status.js';
import { blocksOf, rebase } from '../blocks.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isCode, isItem, isTable, plainOf, type Entry } from './view.js';
import { actorMentions } from './mentions.js';
import { findActor, splitNames, canonicalName } from './actors.js';
import { leadingEmojiStatus } from './emoji.js';
import { recordRefs, refsIn } from './refs.js';
import { numberedActor, actorId } from '../../ids.js';
import { findDate } from '../../text/dates.js';

const LAST_UPDATED = /\blast updated\b\W*/i;
/** A cheap test before LAST_UPDATED. */
const UPDATED = /pdated/i;
const WEEKDAY = String.raw`(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*`;
/** What may stand between `Last updated:` and its date: a weekday. */
const WEEKDAY_LEAD = new RegExp(String.raw`^(?:${WEEKDAY}\.?,?\s+)?$`, 'i');
const WEEKDAYS = new RegExp(String.raw`\b${WEEKDAY}\b`, 'gi');
const SPACE = /\s/;
const LABEL = /^(?:\*\*|__)?([\p{L}][\p{L} '-]{1,24}?)(?:\*\*|__)?\s*:(?:\*\*|__)?\s*(.*)$/u;

/** The date right after `Last updated:` (`2026-01-15 14:45 UTC`, `Friday, Nov 20, 2026`), as ISO. */
function lastUpdated(text: string): string | undefined {
  const m = LAST_UPDATED.exec(text);
  if (!m) return undefined;
  const rest = text.slice(m.index + m[0].length, m.index + m[0].length + 40);
  const d = findDate(rest);
  return d && WEEKDAY_LEAD.test(rest.slice(0, d.index)) ? d.iso : undefined;
}

/** A heading that is a date and nothing else, but punctuation and the weekday: `2026-11-21`, `Monday, Oct 21, 2025`. */
function onlyADate(text: string, date: string): boolean {
  return text.replace(date, '').replace(WEEKDAYS, '').replace(/[\s\-–—:(),.]/g, '') === '';
}

/**
 * Status reports: `# Daily Status - 2025-10-12` + `## Worker 1:` + `- ✅ Completed: …` lines (and the words meaning
 * the same), status tables (Agent | Status | Progress), and daily statuses shown inside ```markdown fences, which
 * are reported with `example: true` and never count as live status.
 */
export function recogniseStatusReports(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const example = ctx.example === true;
  let date: string | undefined;
  let report: StatusReport | null = null;
  const daily = /daily[_ -]?status|standup|status/i.test(ctx.path.replace(/^.*\//, ''));
  let live = daily || example;
  const reports: StatusReport[] = [];
  const close = () => {
    if (report && report.entries.length) reports.push(report);
    report = null;
  };
  for (const e of entries) {
    if (e.kind === 'heading') {
      const text = plainOf(e);
      const d = findDate(text);
      if (d) {
        close();
        const statusy = /status|standup|stand-up|update|daily|log|report|progress/i.test(text) || onlyADate(text, d.text);
        date = statusy ? d.iso : undefined;
        live = statusy || daily;
        continue;
      }
      const who = headingActor(ctx, text);
      close();
      if (who && live) {
        report = { actor: who, entries: [], file: ctx.path, line: e.line };
        if (date) report.date = date;
        if (example) report.example = true;
      }
      continue;
    }
    if (e.kind === 'code' && isCode(e.block) && !example && (e.block.lang === 'markdown' || e.block.lang === 'md')) {
      close();
      reports.push(...fencedReports(ctx, e));
      continue;
    }
    if (e.kind === 'table' && isTable(e.block)) {
      close();
      reports.push(...tableReports(ctx, e, date));
      continue;
    }
    if (e.kind === 'para' && !date) {
      const d = UPDATED.test(e.text) ? lastUpdated(e.text) : undefined;
      if (d) date = d;
    }
    if (report && e.kind === 'para' && !isItem(e.block)) {
      const entry = fieldEntry(ctx, e);
      if (entry) (report as StatusReport).entries.push(entry);
      continue;
    }
    if (!report || e.kind !== 'item' || !isItem(e.block) || e.block.line !== e.line) continue;
    const entry = statusEntry(ctx, e);
    if (entry) (report as StatusReport).entries.push(entry);
  }
  close();
  ctx.file.statusReports.push(...reports);
}

function headingActor(ctx: ParseContext, text: string): string | undefined {
  const t = endsInColonOrSpace(text) ? text.replace(/[:\s]+$/, '') : text;
  const m = actorMentions(t, ctx.file.actors);
  if (m.length !== 1 || m[0]!.start > 4) return undefined;
  const rest = t.slice(m[0]!.end).trim();
  return rest.length <= 40 ? m[0]!.id : undefined;
}

/** Whether `text` ends in what `/[:\s]+$/` strips. */
export function endsInColonOrSpace(text: string): boolean {
  const c = text.charCodeAt(text.length - 1);
  if (c === 58 || c === 32) return true;
  return (c < 48 || c > 127) && text.length > 0 && SPACE.test(text[text.length - 1]!);
}

function statusEntry(ctx: ParseContext, e: Entry): StatusEntry | null {
  if (!isItem(e.block)) return null;
  let text = e.block.text.trim();
  const lead = leadingEmojiStatus(text, ctx.vocabulary);
  if (lead) text = lead.rest;
  const m = LABEL.exec(text);
  const labelStatus = m ? statusOfText(m[1]!, ctx.vocabulary) : null;
  if (!lead && !labelStatus) return null;
  if (!labelStatus && m && !lead) return null;
  const status = labelStatus ?? lead!.status;
  const body = plain(m && labelStatus ? m[2]! : text);
  const refs = refsIn(ctx, body);
  recordRefs(ctx, e.line, refs, 'status');
  const entry: StatusEntry = { status, text: body, refs: refs.map((r) => r.id), line: e.line };
  if (m && labelStatus) entry.label = m[1]!.trim();
  entry.statusSource = { kind: lead ? 'emoji' : 'word', line: e.line };
  const eta = /\bETA[:\s]+([^,;)]+)/i.exec(body);
  if (eta) entry.eta = eta[1]!.trim();
  return entry;
}

const FIELD_STATUS: Record<string, StatusEntry['status'] | 'value'> = {
  status: 'value',
  'working on': 'in-progress',
  'in progress': 'in-progress',
  'blocked by': 'blocked',
  blockers: 'blocked',
  deferred: 'waiting',
  waiting: 'waiting',
  next: 'next',
  done: 'done',
  completed: 'done',
};

/** `**STATUS:** pending`, `**WORKING_ON:** parser`, `**BLOCKED_BY:** —`: per-agent status fields (empty ones skipped). */
function fieldEntry(ctx: ParseContext, e: Entry): StatusEntry | null {
  const f = fieldOfEntry(e);
  if (!f) return null;
  const kind = FIELD_STATUS[f.key];
  const value = f.value.trim();
  if (!kind || !value || /^[—–\-]+$|^(none|n\/a)$/i.test(value)) return null;
  const status = kind === 'value' ? statusOfText(f.raw, ctx.vocabulary) : kind;
  if (!status) return null;
  const refs = refsIn(ctx, value);
  recordRefs(ctx, e.line, refs, 'status');
  return { status, text: value, refs: refs.map((r) => r.id), line: e.line, label: f.label, statusSource: { kind: 'field', line: e.line } };
}

function fencedReports(ctx: ParseContext, e: Entry): StatusReport[] {
  if (!isCode(e.block)) return [];
  const text = e.block.lines.join('\n');
  if (!/daily status|status\b|✅|🔄|❌|⏳|🎯/i.test(text)) return [];
  let blocks;
  try {
    blocks = rebase(blocksOf(text), e.block.line);
  } catch {
    return [];
  }
  const sub: ParseContext = {
    ...ctx,
    blocks,
    example: true,
    file: { ...ctx.file, statusReports: [], references: ctx.file.references },
  };
  recogniseStatusReports(sub);
  return sub.file.statusReports;
}

const ACTOR_COL = /^(agent|agents|worker|workers|jr|owner|assignee|team|who|instance|dev)$/i;

function tableReports(ctx: ParseContext, e: Entry, date: string | undefined): StatusReport[] {
  if (!isTable(e.block)) return [];
  const header = e.block.header.map((h) => plain(h).trim());
  const actorCol = header.findIndex((h) => ACTOR_COL.test(h));
  const statusCol = header.findIndex((h) => /^(status|state|pr status)$/i.test(h));
  if (actorCol < 0 || statusCol < 0) return [];
  const progressCol = header.findIndex((h) => /^(progress|%|percent|done)$/i.test(h));
  const out: StatusReport[] = [];
  for (const row of e.block.rows) {
    const cell = plain(row.cells[actorCol] ?? '');
    const names = splitNames(cell.replace(/[\p{Extended_Pictographic}\uFE0F]/gu, '').trim());
    const word = /agent/i.test(header[actorCol]!) ? 'Agent' : /worker/i.test(header[actorCol]!) ? 'Worker' : '';
    const actor = names.length
      ? /^\d{1,3}$/.test(names[0]!) && word
        ? numberedActor(`${word} ${names[0]}`)!.id
        : (findActor(ctx.file.actors, names[0]!)?.id ?? (numberedActor(names[0]!)?.id ?? actorId(canonicalName(names[0]!))))
      : '';
    if (!actor) continue;
    const statusText = row.cells[statusCol] ?? '';
    const status = statusOfText(statusText, ctx.vocabulary) ?? (progressCol >= 0 ? statusOfText(row.cells[progressCol] ?? '', ctx.vocabulary) : null) ?? 'unknown';
    const text = row.cells
      .map((c, i) => (i === actorCol ? '' : plain(c)))
      .filter(Boolean)
      .join(' | ');
    const refs = refsIn(ctx, text).filter((r) => r.id !== actor);
    recordRefs(ctx, row.line, refs, 'status');
    const entry: StatusEntry = {
      status,
      text,
      refs: refs.map((r) => r.id),
      line: row.line,
      label: plain(statusText),
      statusSource: { kind: 'table-cell', line: row.line, column: statusCol },
    };
    const r: StatusReport = { actor, entries: [entry], file: ctx.path, line: row.line };
    if (date) r.date = date;
    if (ctx.example) r.example = true;
    out.push(r);
  }
  return out;
}
