import { buildModel, editsFor, parsePlan, type Status, type TextEdit } from '@plansight/core';

/** Display-only tables for menus and chips (core keeps its write-back defaults private to `edit/style.ts`). */
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

/** The statuses the inline control offers, in menu order. */
export const MENU_STATUSES: Status[] = ['done', 'in-progress', 'blocked', 'waiting', 'next', 'todo'];

/**
 * Edits that set the status of the line `line` (1-based) of `text`, exactly as core's write-back answers them
 * (core keeps the file's own style: mojibake stays mojibake, a checkbox stays a checkbox). None when core finds
 * no status on that line to change.
 */
export function statusEdits(path: string, text: string, line: number, status: Status): TextEdit[] {
  const model = buildModel([parsePlan(path, text)]);
  return editsFor(path, text, model, { type: 'set-status', line, status });
}
