import type { Encoding, PlanFile, PlanKind } from '../model.js';
import { emptyPlanFile } from '../parse/parsePlan.js';

/**
 * An outline (`parseOutline` of a note: headings, title, encoding, kind, nothing else) in the form it crosses a
 * thread in: a structured clone of a whole PlanFile costs several times more to copy and rebuild, mostly for its
 * empty arrays. Headings are flat `depth, text, line` triples.
 */
export type OutlineWire = [kind: PlanKind, title: string | null, encoding: number, headings: (string | number)[]];

const EOLS: readonly Encoding['eol'][] = ['lf', 'crlf', 'mixed', 'none'];
const KEYS = Object.keys(emptyPlanFile('')).join();
const KEYS_TITLED = `${KEYS},title`;

/** The wire form of an outline, or null when the file holds anything an outline does not (send it whole). */
export function outlineToWire(file: PlanFile): OutlineWire | null {
  const keys = Object.keys(file).join();
  if (keys !== KEYS && keys !== KEYS_TITLED) return null;
  if (typeof file.title !== 'string' && file.title !== undefined) return null;
  const { checkboxes: c, encoding: e } = file;
  if (c.total || c.checked || file.actors.length || file.items.length || file.gates.length || file.ownership.length) return null;
  if (file.statusReports.length || file.dependencies.length || file.references.length || file.diagnostics.length) return null;
  if (Object.keys(c).join() !== 'total,checked' || Object.keys(e).join() !== 'bom,eol,mojibake,finalNewline') return null;
  const eol = EOLS.indexOf(e.eol);
  if (eol < 0) return null;
  const headings: (string | number)[] = [];
  for (const h of file.headings) {
    if (Object.keys(h).join() !== 'depth,text,line') return null;
    headings.push(h.depth, h.text, h.line);
  }
  const encoding = eol | (e.bom ? 4 : 0) | (e.mojibake ? 8 : 0) | (e.finalNewline ? 16 : 0);
  return [file.kind, file.title ?? null, encoding, headings];
}

/** The outline a wire form was made from, at `path`. */
export function outlineFromWire(path: string, wire: OutlineWire): PlanFile {
  const [kind, title, encoding, flat] = wire;
  const file = emptyPlanFile(path);
  file.kind = kind;
  for (let i = 0; i + 2 < flat.length; i += 3) file.headings.push({ depth: flat[i] as number, text: flat[i + 1] as string, line: flat[i + 2] as number });
  file.encoding = { bom: (encoding & 4) !== 0, eol: EOLS[encoding & 3]!, mojibake: (encoding & 8) !== 0, finalNewline: (encoding & 16) !== 0 };
  if (title !== null) file.title = title;
  return file;
}
