/** A run of plan text: plain, or a link that is safe to make live. */
export type TextRun = { text: string } | { text: string; href: string };

const LINK = /\[([^\]\n]+)\]\(([^)\s]+)\)|\bhttps?:\/\/[^\s<>()"']+[^\s<>()"'.,;:!?]/g;

/**
 * Split text into plain runs and links. Only http(s) URLs become links; `javascript:`, `data:`, relative and other
 * targets stay as the text the plan wrote. Pure.
 */
export function linkRuns(text: string): TextRun[] {
  const runs: TextRun[] = [];
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    const start = m.index ?? 0;
    const label = m[1];
    const url = m[2] ?? m[0];
    const href = safeHref(url);
    if (!href) continue;
    if (start > last) runs.push({ text: text.slice(last, start) });
    runs.push({ text: label ?? m[0], href });
    last = start + m[0].length;
  }
  if (last < text.length) runs.push({ text: text.slice(last) });
  return runs;
}

export function safeHref(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

/** Append runs to an element as text nodes and anchors; never parses HTML. */
export function appendRuns(parent: HTMLElement, runs: TextRun[]): void {
  const doc = parent.ownerDocument;
  for (const run of runs) {
    if ('href' in run) {
      const a = doc.createElement('a');
      a.href = run.href;
      a.target = '_blank';
      a.rel = 'noopener noreferrer';
      a.textContent = run.text;
      parent.appendChild(a);
    } else {
      parent.appendChild(doc.createTextNode(run.text));
    }
  }
}
