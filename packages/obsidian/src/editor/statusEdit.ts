import {
  buildModel,
  detectMojibake,
  editsFor,
  encodeMojibake,
  parsePlan,
  repairLine,
  type Status,
  type TextEdit,
} from '@plansight/core';
import { lineStatus } from './lineStatus.js';

export const STATUS_EMOJI: Record<Status, string> = {
  done: '✅',
  'in-progress': '🔄',
  blocked: '❌',
  waiting: '⏳',
  next: '🎯',
  todo: '⬜',
  cancelled: '🚫',
  unknown: '❔',
};

export const STATUS_LABEL: Record<Status, string> = {
  done: 'Completed',
  'in-progress': 'In Progress',
  blocked: 'Blocked',
  waiting: 'Waiting',
  next: 'Next',
  todo: 'Todo',
  cancelled: 'Cancelled',
  unknown: 'Unknown',
};

const CHECKBOX_MARKER: Record<Status, string> = {
  done: 'x',
  'in-progress': '/',
  blocked: '!',
  waiting: '>',
  next: ' ',
  todo: ' ',
  cancelled: '-',
  unknown: '?',
};

/** The statuses the inline control offers, in menu order. */
export const MENU_STATUSES: Status[] = ['done', 'in-progress', 'blocked', 'waiting', 'next', 'todo'];

/**
 * Edits that set the status of the line `line` (1-based) of `text`. Core's write-back decides first; while it
 * answers nothing for a line, a one-line rewrite of the status symbol and label keeps the file's own style
 * (mojibake stays mojibake, a checkbox stays a checkbox, `COMPLETED` stays upper case).
 */
export function statusEdits(path: string, text: string, line: number, status: Status): TextEdit[] {
  try {
    const model = buildModel([parsePlan(path, text)]);
    const edits = editsFor(path, text, model, { type: 'set-status', line, status });
    if (edits.length) return edits;
  } catch {
    // Core refused or is not there yet: fall through to the one-line rewrite.
  }
  const edit = rewriteStatusLine(text, line, status);
  return edit ? [edit] : [];
}

export function rewriteStatusLine(text: string, line: number, status: Status): TextEdit | null {
  let start = 0;
  for (let n = 1; n < line; n++) {
    const nl = text.indexOf('\n', start);
    if (nl < 0) return null;
    start = nl + 1;
  }
  let end = text.indexOf('\n', start);
  if (end < 0) end = text.length;
  if (text[end - 1] === '\r') end--;
  const raw = text.slice(start, end);
  const info = lineStatus(raw);
  if ((info.kind !== 'status' && info.kind !== 'checkbox') || info.status === status) return null;
  const from = info.token?.from ?? info.label!.from;
  const to = info.label?.to ?? info.token!.to;
  let replacement = raw.slice(from, to);
  if (info.kind === 'checkbox') {
    replacement = CHECKBOX_MARKER[status];
  } else {
    let out = '';
    if (info.token) {
      const written = raw.slice(info.token.from, info.token.to);
      const emoji = STATUS_EMOJI[status];
      const style = repairLine(written).changed ? detectMojibake(raw) : null;
      out += style ? encodeMojibake(emoji, style) : emoji;
      if (info.label) out += raw.slice(info.token.to, info.label.from);
    }
    if (info.label) out += styled(raw.slice(info.label.from, info.label.to), STATUS_LABEL[status]);
    replacement = out;
  }
  return { start: start + from, end: start + to, expected: raw.slice(from, to), text: replacement, line };
}

function styled(written: string, label: string): string {
  if (written === written.toUpperCase()) return label.toUpperCase();
  if (written === written.toLowerCase()) return label.toLowerCase();
  return label;
}
