import { parse as parseYaml } from 'yaml';
import type { ParseContext } from '../context.js';

/** Headings outline, title, frontmatter and the GFM checkbox count. */
export function recogniseStructure(ctx: ParseContext): void {
  const { file } = ctx;
  for (const b of ctx.blocks) {
    if (b.type === 'heading') {
      if (!b.text) continue;
      file.headings.push({ depth: b.depth, text: b.text, line: b.line });
      if (file.title === undefined && b.depth === 1) file.title = b.text;
    } else if (b.type === 'item' && b.task?.gfm) {
      file.checkboxes.total++;
      if (b.task.marker !== ' ') file.checkboxes.checked++;
    } else if (b.type === 'frontmatter' && b.line === 1) {
      try {
        const data: unknown = parseYaml(b.raw);
        if (data && typeof data === 'object' && !Array.isArray(data)) file.frontmatter = data as Record<string, unknown>;
      } catch (e) {
        file.diagnostics.push({
          severity: 'warning',
          code: 'bad-frontmatter',
          message: `frontmatter is not valid YAML: ${(e as Error).message.split('\n')[0]}`,
          file: ctx.path,
          line: b.line,
        });
      }
    }
  }
  if (file.title === undefined) {
    const first = file.headings[0];
    if (first) file.title = first.text;
  }
}
