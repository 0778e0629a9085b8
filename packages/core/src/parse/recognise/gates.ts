import type { Gate, GateCriterion } from '../../model.js';
import { plain, slug } from '../../text/inline.js';
import { statusOfMarker } from '../../status.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isItem, plainOf, sectionEnd, type Entry } from './view.js';
import { plainMaySay } from './refs.js';

const GATE = /^(?:[^\p{L}\p{N}]*)gate\s+(\d+)\b\s*(?:criteria)?\s*[:\-–—]?\s*(.*)$/iu;
/** Gate headings and both declared-total patterns need the word. */
const GATE_WORD = /gate/i;
const MAY_SAY_GATE = plainMaySay(['gate'], 'i');
const DECLARED = /\bweek\s+(\d+)\s+gate\s*:\s*\S+\s*\/\s*(\d+)/i;
const DECLARED_GATE = /\bgate\s+(\d+)\s*:\s*[xX?\d]+\s*\/\s*(\d+)/i;

/**
 * Gates: `### Gate 1: Week 4 - Foundation Complete`, `# Gate 1: Foundation Complete - Week 4`, `**🚦 GATE 1 CRITERIA:**`,
 * each with its criteria checklist (nested criteria count) and `**If Fail**:` line. Totals the plan states elsewhere
 * ("Week 7 gate: X/12") are kept as `declaredTotal`; a disagreement is a warning, never an invented criterion.
 */
export function recogniseGates(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const gates: Gate[] = [];
  for (let index = 0; index < entries.length; index++) {
    const e = entries[index]!;
    const isHeading = e.kind === 'heading';
    if (!isHeading && !(e.kind === 'para' && isLead(e.text))) continue;
    const text = plainOf(e);
    if (!GATE_WORD.test(text)) continue;
    const m = GATE.exec(text);
    if (!m) continue;
    if (isHeading && /^(if|when|after|before|until)\b/i.test(text)) continue;
    gates.push(gateAt(ctx, entries, index, m, gates));
  }
  if (!gates.length) return;
  for (const e of entries) {
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    if (e.plain === undefined && !MAY_SAY_GATE.test(e.text)) continue;
    const t = plainOf(e);
    if (GATE_WORD.test(t)) declaredTotal(ctx, gates, e, t);
  }
  ctx.file.gates.push(...gates);
}

/** `**🚦 GATE 1 CRITERIA:**`: a bold paragraph naming a gate and its number. */
function isLead(text: string): boolean {
  const c0 = text.charCodeAt(0);
  return (c0 === 42 || c0 === 95) && /^(?:\*\*|__)[^*_]*\bgate\s+\d+\b[^*_]*(?:\*\*|__)\s*$/i.test(text);
}

/** The gate an entry opens, with the criteria and `If Fail` line of its section (a heading) or list (a lead). */
function gateAt(ctx: ParseContext, entries: Entry[], index: number, m: RegExpExecArray, gates: Gate[]): Gate {
  const e = entries[index]!;
  const n = Number(m[1]);
  const rest = m[2]!.replace(/[✅❌⏳🔄]\s*\w*\s*$/u, '').replace(/[:*]+$/, '').trim();
  const week = /\bweek\s+(\d+)\b/i.exec(rest);
  const title = rest.replace(/\s*[-–—]?\s*\bweek\s+\d+\b\s*[-–—:]?\s*/i, ' ').replace(/^criteria$/i, '').trim() || `Gate ${n}`;
  const gate: Gate = {
    id: `${ctx.stem}:gate-${n}`,
    title: /^gate\b/i.test(title) ? title : `Gate ${n}: ${title}`,
    criteria: [],
    file: ctx.path,
    line: e.line,
  };
  if (week) gate.week = Number(week[1]);
  const end = e.kind === 'heading' ? sectionEnd(entries, index, ctx.lines.length) : listEnd(entries, index);
  for (let j = index + 1; j < entries.length && entries[j]!.line <= end; j++) {
    const c = entries[j]!;
    if (c.kind === 'heading' && GATE.test(plainOf(c))) break;
    if (c.kind === 'item' && isItem(c.block) && c.block.task && c.block.line === c.line) {
      const status = statusOfMarker(c.block.task.marker, ctx.vocabulary);
      const crit: GateCriterion = { text: plain(c.block.text), checked: status === 'done', status, line: c.line, depth: c.block.depth };
      gate.criteria.push(crit);
      ctx.scratch.used.add(c.line);
    } else if (c.kind === 'para' || c.kind === 'item') {
      const f = fieldOfEntry(c);
      if (f && /^(if fail|if failed|on fail|if it fails|fail)$/.test(f.key)) gate.ifFail ??= f.value;
    }
  }
  if (gates.some((g) => g.id === gate.id)) gate.id = `${gate.id}-${slug(gate.title)}`;
  return gate;
}

/** "Week 7 gate: X/12", "Gate 2: 3/8": the total a line states for a gate, checked against the criteria found. */
function declaredTotal(ctx: ParseContext, gates: Gate[], e: Entry, t: string): void {
  const byWeek = DECLARED.exec(t);
  const byGate = DECLARED_GATE.exec(t);
  const target = byWeek
    ? gates.find((g) => g.week === Number(byWeek[1]))
    : byGate
      ? gates.find((g) => g.id.endsWith(`:gate-${Number(byGate[1])}`) && g.line !== e.line)
      : undefined;
  if (!target) return;
  const total = Number((byWeek ?? byGate)![2]);
  target.declaredTotal = total;
  if (total !== target.criteria.length) {
    ctx.file.diagnostics.push({
      severity: 'warning',
      code: 'gate-count-mismatch',
      message: `${target.title} lists ${target.criteria.length} criteria but line ${e.line} counts ${total}`,
      file: ctx.path,
      line: target.line,
    });
  }
}

function listEnd(entries: Entry[], index: number): number {
  let end = entries[index]!.line;
  for (let j = index + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (e.kind === 'item' && isItem(e.block)) end = Math.max(end, e.block.endLine);
    else if (!(e.kind === 'para' && isItem(e.block))) break;
  }
  return end;
}
