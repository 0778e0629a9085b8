/**
 * Split a document at ATX headings that start a line outside fenced code, HTML comments and frontmatter.
 * remark's cost grows faster than the input on long list-heavy files; sections parse independently and
 * their extracts can be cached by content. When in doubt the splitter does not split: a missed split costs
 * only time, a wrong one would change the parse.
 */
export interface Section {
  /** 1-based line of the section's first line in the document. */
  startLine: number;
  lines: string[];
}

const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
const HEADING = /^#{1,6}(?:[ \t]|$)/;

/**
 * A line starting with this character opens no fence, comment or heading: not whitespace, `` ` ``, `~`, `<`, `#`.
 * Only ASCII is decided; other characters may be Unicode whitespace.
 */
function plainStart(c: number): boolean {
  return c < 128 && c > 32 && c !== 96 && c !== 126 && c !== 60 && c !== 35 && c !== 127;
}

export function splitSections(lines: readonly string[]): Section[] {
  const sections: Section[] = [];
  let current: string[] = [];
  let start = 1;
  let fence: { ch: string; len: number } | null = null;
  let inComment = false;
  let i = 0;
  if (lines[0] !== undefined && /^---\s*$/.test(lines[0])) {
    for (let j = 1; j < lines.length; j++) {
      if (/^(---|\.\.\.)\s*$/.test(lines[j]!)) {
        for (; i <= j; i++) current.push(lines[i]!);
        break;
      }
    }
  }
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    if (fence) {
      const m = /^\s*(`{3,}|~{3,})\s*$/.exec(line);
      if (m && m[1]![0] === fence.ch && m[1]!.length >= fence.len) fence = null;
    } else if (inComment) {
      if (line.includes('-->')) inComment = false;
    } else if (line.length === 0 || plainStart(line.charCodeAt(0))) {
      // Starts with a character none of the patterns below can start with.
    } else {
      const f = FENCE_OPEN.exec(line);
      if (f && !(f[1]![0] === '`' && line.slice(line.indexOf(f[1]!) + f[1]!.length).includes('`'))) {
        fence = { ch: f[1]![0]!, len: f[1]!.length };
      } else if (/^\s{0,3}<!--/.test(line) && !line.includes('-->')) {
        inComment = true;
      } else if (HEADING.test(line) && current.length > 0) {
        sections.push({ startLine: start, lines: current });
        current = [];
        start = i + 1;
      }
    }
    current.push(line);
  }
  sections.push({ startLine: start, lines: current });
  return sections;
}
