import { expect, it } from 'vitest';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import { toString } from 'mdast-util-to-string';
import type { Nodes, Root } from 'mdast';
import { parseMarkdown, DISABLED_CONSTRUCTS } from '../../src/parse/markdown.js';
import { corpus, corpusNames, describeShared, seed, seedNames } from '../shared.js';

const full = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfm);

/** What the block stream is built from: block nodes with their lines, and the text of headings, cells and list items. */
function outline(root: Root): string[] {
  const out: string[] = [];
  const visit = (n: Nodes) => {
    const at = `${n.type}@${n.position?.start.line}-${n.position?.end.line}`;
    if (n.type === 'heading' || n.type === 'tableCell') out.push(`${at} ${toString(n)}`);
    else if (n.type === 'listItem') out.push(`${at} ${String(n.checked)}`);
    else if (n.type === 'code' || n.type === 'html' || n.type === 'yaml') out.push(`${at} ${n.value}`);
    else if (n.type === 'paragraph' || n.type === 'list' || n.type === 'blockquote' || n.type === 'table' || n.type === 'tableRow' || n.type === 'thematicBreak') out.push(at);
    if ('children' in n && n.type !== 'paragraph' && n.type !== 'heading' && n.type !== 'tableCell') for (const c of n.children) visit(c as Nodes);
  };
  visit(root);
  return out;
}

it('disables only constructs whose text the block stream does not read', () => {
  expect(DISABLED_CONSTRUCTS).not.toContain('strikethrough');
  expect(DISABLED_CONSTRUCTS).not.toContain('tasklistCheck');
  expect(DISABLED_CONSTRUCTS).not.toContain('table');
  const doc = '# See www.example.com and ~~old~~\n\n| a | b |\n|---|---|\n| https://x.io | [^1] |\n\n- [x] done\n';
  expect(outline(parseMarkdown(doc))).toEqual(outline(full.parse(doc) as Root));
});

describeShared('trimmed micromark gives the same block outline as the full parser', () => {
  const files = [...seedNames().map((n) => ['seeds/' + n, seed(n)] as const), ...corpusNames().map((n) => ['corpus/' + n, corpus(n)] as const)];
  it.each(files)('%s', (_name, text) => {
    expect(outline(parseMarkdown(text))).toEqual(outline(full.parse(text) as Root));
  });
});
