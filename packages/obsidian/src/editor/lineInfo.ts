import { lineStatus, type LineStatus, type Status } from '@plansight/core';

/**
 * What the editor needs from one line, mapped from core's `lineStatus` (the per-keystroke reader). Columns are
 * UTF-16 offsets into the line as written, mojibake included. The only thing added here is fence tracking, which
 * core's one-line reader leaves to its caller.
 */
export interface LineInfo {
  kind: 'heading' | 'status' | 'checkbox' | 'fence' | 'other';
  depth?: number;
  status?: Status;
  /** Column right after where the status is written (emoji, label or field value); unset for checkboxes. */
  anchor?: number;
  /** Issue and story references (actors are not link targets). */
  refs: { id: string; from: number; to: number }[];
}

const FENCE = /^[ \t]{0,3}(```|~~~)/;

export function lineInfo(raw: string): LineInfo {
  if (FENCE.test(raw)) return { kind: 'fence', refs: [] };
  return fromCore(lineStatus(raw));
}

function fromCore(s: LineStatus): LineInfo {
  const refs = s.refs.filter((r) => r.kind !== 'actor').map((r) => ({ id: r.id, from: r.start, to: r.end }));
  if (s.kind === 'heading') return { kind: 'heading', depth: s.depth!, refs };
  if (s.kind === 'checkbox' && s.status) return { kind: 'checkbox', status: s.status, refs };
  if ((s.kind === 'status-label' || s.kind === 'status-field') && s.status && s.marker)
    return { kind: 'status', status: s.status, anchor: s.marker.end, refs };
  return { kind: 'other', refs };
}
