import type { Block } from '@plansight/core';

/** The elements the recognisers read, in a form two block streams can be compared by. */
export function comparable(b: Block): string {
  switch (b.type) {
    case 'heading':
      return `${b.line} h${b.depth} ${b.text}`;
    case 'item':
      return `${b.line}-${b.endLine} item d${b.depth} ${b.bullet}${b.ordered ? ' ordered' : ''}${b.quote ? ' quote' : ''} ^${b.parentLine ?? ''} [${b.task ? (b.task.gfm ? 'gfm:' : 'ext:') + b.task.marker : ''}] ${b.text}${b.more.map((m) => ` | ${m.line}:${m.text}`).join('')}`;
    case 'paragraph':
      return `${b.line}-${b.endLine} p${b.quote ? ' quote' : ''} ${b.lines.join(' / ')}`;
    case 'table':
      return `${b.line}-${b.endLine} table ${b.header.join(' | ')}${b.rows.map((r) => ` || ${r.line}: ${r.cells.join(' | ')}`).join('')}`;
    case 'code':
      return `${b.line}-${b.endLine} code ${b.lang} ${b.meta}${b.inItem ? ' inItem' : ''} ${b.lines.join(' / ')}`;
    case 'html':
      return `${b.line}-${b.endLine} html ${b.text}`;
    case 'frontmatter':
      return `${b.line}-${b.endLine} frontmatter ${b.raw}`;
    case 'rule':
      return `${b.line} rule`;
  }
}

export interface Difference {
  remark?: string;
  fast?: string;
}

/** Line-aligned differences between two block streams (a small LCS over the comparable strings). */
export function differences(remark: Block[], fast: Block[]): Difference[] {
  const a = remark.map(comparable);
  const b = fast.map(comparable);
  const n = a.length;
  const m = b.length;
  const dp: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i]![j] = a[i] === b[j] ? dp[i + 1]![j + 1]! + 1 : Math.max(dp[i + 1]![j]!, dp[i]![j + 1]!);
  const out: Difference[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || dp[i]![j + 1]! >= dp[i + 1]![j]!)) out.push({ fast: b[j++] });
    else out.push({ remark: a[i++] });
  }
  return out;
}
