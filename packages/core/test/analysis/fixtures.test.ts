import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../src/analysis/index.js';
import { buildModel } from '../../src/model/buildModel.js';
import { parsePlan } from '../../src/parse/parsePlan.js';

/**
 * Analysis fixtures: a markdown file (or a folder of them, one vault) carrying its expected findings inline, as
 * `<!-- expect: code[, code…] -->` on the line where each is expected. The run fails on any missing or extra finding
 * of an analysis code.
 */
const FIXTURES = join(__dirname, '../fixtures/analysis');

export const ANALYSIS_CODES = new Set([
  'cycle',
  'dangling-reference',
  'duplicate-id',
  'ownership-conflict',
  'ownership-shared-exclusive',
  'status-mismatch',
  'done-before-dependency',
  'hours-mismatch',
  'blocks-many',
  'many-dependencies',
]);

const EXPECT = /<!--\s*expect:\s*([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*-->/g;

export function expectationsOf(path: string, text: string): string[] {
  const out: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    for (const m of line.matchAll(EXPECT)) for (const code of m[1]!.split(',')) out.push(`${path}:${i + 1}: ${code.trim()}`);
  });
  return out;
}

function fixtureFiles(name: string): { path: string; text: string }[] {
  const abs = join(FIXTURES, name);
  if (!statSync(abs).isDirectory()) return [{ path: name, text: readFileSync(abs, 'utf8') }];
  return readdirSync(abs)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => ({ path: `${name}/${f}`, text: readFileSync(join(abs, f), 'utf8') }));
}

function findings(files: { path: string; text: string }[]): string[] {
  const model = buildModel(files.map((f) => parsePlan(f.path, f.text)));
  const all = [...model.diagnostics, ...analyze(model).diagnostics];
  return all.filter((d) => ANALYSIS_CODES.has(d.code)).map((d) => `${d.file}:${d.line}: ${d.code}`);
}

const sorted = (xs: string[]) => [...xs].sort();

describe('analysis fixtures (expected findings inline)', () => {
  const names = readdirSync(FIXTURES).filter((n) => n.endsWith('.md') || statSync(join(FIXTURES, n)).isDirectory()).sort();

  it('has fixtures for every analysis rule', () => {
    const expected = new Set(names.flatMap((n) => fixtureFiles(n).flatMap((f) => expectationsOf(f.path, f.text))).map((e) => e.split(': ')[1]!));
    for (const code of ['cycle', 'dangling-reference', 'duplicate-id', 'ownership-conflict', 'status-mismatch', 'done-before-dependency', 'blocks-many', 'many-dependencies']) {
      expect(expected, code).toContain(code);
    }
  });

  for (const name of names) {
    it(`${name}: every expected finding and nothing else`, () => {
      const files = fixtureFiles(name);
      expect(sorted(findings(files))).toEqual(sorted(files.flatMap((f) => expectationsOf(f.path, f.text))));
    });
  }

  it('the runner fails on a missing finding and on an extra one', () => {
    const files = fixtureFiles('cycle.md');
    const expected = files.flatMap((f) => expectationsOf(f.path, f.text));
    const got = findings(files);
    expect(sorted(got)).toEqual(sorted(expected));
    expect(sorted(got.slice(1))).not.toEqual(sorted(expected));
    expect(sorted([...got, 'cycle.md:1: cycle'])).not.toEqual(sorted(expected));
  });
});
