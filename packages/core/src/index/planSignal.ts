import type { PlanFile } from '../model.js';
import type { ParseOptions } from '../parse/context.js';
import { parsePlan } from '../parse/parsePlan.js';
import { fastBlocks } from '../fast/blocks.js';

/**
 * Could this text hold anything but headings and prose? Conservative: any non-ASCII character (emoji, mojibake),
 * bracket marker, issue number, table pipe, arrow, date, frontmatter, or a word the recognisers key on says yes.
 * A note that says no is parsed for its outline only (`parseOutline`), which the tests hold equal to `parsePlan`.
 */
const SIGNAL =
  /[^\x00-\x7f]|\[[^\]\n]{0,3}\]|#\d|\||->|=>|\d{4}-\d\d-\d\d|^---|\b(?:workers?|agents?|teams?|jr|owners?|owns?|own|status|depend\w*|block\w*|after|needs?|wait\w*|gates?|sprints?|weeks?|phases?|milestones?|deliverables?|stor(?:y|ies)|issues?|tasks?|todo|to do|done|complete\w*|progress|assign\w*|exclusive|read-only|readonly|shared|coordinat\w*|critical|enables?|rounds?|days?|criteri\w*|fail\w*|estimates?|hours?|hrs?|priority|size|eta|next|lead|roles?|branch\w*|expertise|challenges?|objectives?|goals?|risks?|checklist|definition|acceptance|started|pending|review|blocked|merged|shipped|finished|cancel\w*|dropped|paused|hold|deferred|planned|queued|active|working|wip|ongoing|open|closed|resolved|passed|ready|starts?|finish\w*|before|then|requires?|prerequisites?|only|edits?|creates?|enhances?|modif\w*|files?|paths?|folders?|directory|src|alice|bob|@\w+|p[0-3]|[xsml]|xl|xs)\b|\b[A-Z]{1,4}\d{0,2}-[A-Z]?\d{2,4}/im;

/**
 * Headings the outline-only fast pass may read differently from remark: inside a list item or quote (`1. # x`),
 * or with inline markup in their text (`## \`\`\` \`code\``). Such notes take the full parse.
 */
const HARD_HEADING = /^[ \t]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+|>[ \t]*)+#{1,6}(?:[ \t]|$)|^ {0,3}#{1,6}[ \t][^\n]*[`\\<[\]*_~&!]/m;

export function planSignal(text: string): boolean {
  return SIGNAL.test(text) || HARD_HEADING.test(text);
}

/** Headings, title, frontmatter and encoding only: what a file without plan signals yields. */
export function parseOutline(path: string, text: string, options: ParseOptions = {}): PlanFile {
  return parsePlan(path, text, options, { blocks: (lines) => fastBlocks(lines).filter((b) => b.type === 'heading' || b.type === 'frontmatter') });
}
