import type { Gate, GateCriterion } from '../../model.js';
import { plain, slug } from '../../text/inline.js';
import { statusOfMarker } from '../../status.js';
import type { ParseContext } from '../context.js';
import { entriesOf, fieldOfEntry, isItem, plainOf, sectionEnd } from './view.js';
import { fieldOf } from './fields.js';

const GATE = /^(?:[^\p{L}\p{N}]*)gate\s+(\d+)\b\s*(?:criteria)?\s*[:\-–—]?\s*(.*)$/iu;
/** Both declared-total patterns need the word. */
const GATE_WORD = /gate/i;
const DECLARED = /\bweek\s+(\d+)\s+gate\s*:\s*\S+\s*\/\s*(\d+)/i;
const DECLARED_GATE = /\bgate\s+(\d+)\s*:\s*[xX?\d]+\s*\/\s*(\d+)/i;

/**
 * Gates: `### Gate 1: Week 4 - Foundation Complete`, `# Gate 1: Foundation Complete - Week 4`, `**🚦 GATE 1 CRITERIA:**`,
 * each with its criteria checklist (nested criteria count) and `**If Fail**:` line. Totals the plan states elsewhere
 * ("Week 7 gate: X/12") are kept as `declaredTotal`; a disagreement is a warning, never an invented criterion.
 */
export function recogniseGates(ctx: ParseContext): void {
  const entries = entriesOf(ctx);
  const last = ctx.lines.length;
  const gates: Gate[] = [];
  entries.forEach((e, index) => {
    const isHeading = e.kind === 'heading';
    const c0 = e.text.charCodeAt(0);
    const lead = e.kind === 'para' && (c0 === 42 || c0 === 95) && /^(?:\*\*|__)[^*_]*\bgate\s+\d+\b[^*_]*(?:\*\*|__)\s*$/i.test(e.text);
    if (!isHeading && !lead) return;
    const text = plainOf(e);
    const m = GATE.exec(text);
    if (!m) return;
    if (isHeading && /^(if|when|after|before|until)\b/i.test(text)) return;
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
    const end = isHeading ? sectionEnd(entries, index, last) : listEnd(entries, index);
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
    gates.push(gate);
  });

  for (const e of entries) {
    if (e.kind !== 'para' && e.kind !== 'item') continue;
    const t = plainOf(e);
    if (!GATE_WORD.test(t)) continue;
    const byWeek = DECLARED.exec(t);
    const byGate = DECLARED_GATE.exec(t);
    const target = byWeek
      ? gates.find((g) => g.week === Number(byWeek[1]))
      : byGate
        ? gates.find((g) => g.id.endsWith(`:gate-${Number(byGate[1])}`) && g.line !== e.line)
        : undefined;
    if (!target) continue;
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
  ctx.file.gates.push(...gates);
}

function listEnd(entries: ReturnType<typeof entriesOf>, index: number): number {
  let end = entries[index]!.line;
  for (let j = index + 1; j < entries.length; j++) {
    const e = entries[j]!;
    if (e.kind === 'item' && isItem(e.block)) end = Math.max(end, e.block.endLine);
    else if (!(e.kind === 'para' && isItem(e.block))) break;
  }
  return end;
}
