import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parsePlan, type PlanFile } from '../../src/index.js';

/**
 * One folder per recogniser under test/fixtures/recognise: `<case>.md` beside `<case>.json`, the part of the
 * parsed file that recogniser is responsible for. `UPDATE=1 npx vitest run packages/core/test/parse/fixtures.test.ts`
 * rewrites the .json files; review the diff before committing.
 */
const ROOT = join(__dirname, '..', 'fixtures', 'recognise');
const UPDATE = process.env['UPDATE'] === '1';

const PROJECTIONS: Record<string, (f: PlanFile) => unknown> = {
  actors: (f) => f.actors,
  items: (f) => ({ items: f.items, diagnostics: f.diagnostics }),
  dependencies: (f) => ({
    dependencies: f.dependencies,
    items: f.items.map((i) => ({ id: i.id, dependsOn: i.dependsOn, blocks: i.blocks })),
    actors: f.actors.map((a) => ({ id: a.id, dependsOn: a.dependsOn })),
    references: f.references,
    declaredCriticalPaths: f.declaredCriticalPaths,
  }),
  gates: (f) => ({ gates: f.gates, diagnostics: f.diagnostics }),
  ownership: (f) => f.ownership,
  'status-reports': (f) => f.statusReports,
  fences: (f) => ({ checkboxes: f.checkboxes, actors: f.actors.map((a) => a.id), items: f.items, statusReports: f.statusReports }),
  'file-kind': (f) => ({ kind: f.kind }),
};

for (const rule of readdirSync(ROOT).sort()) {
  const project = PROJECTIONS[rule];
  describe(`recogniser fixtures: ${rule}`, () => {
    it('has a projection for its folder', () => {
      expect(project).toBeTypeOf('function');
    });
    for (const name of readdirSync(join(ROOT, rule)).filter((n) => n.endsWith('.md')).sort()) {
      it(`should read ${rule}/${name} as its .json says`, () => {
        const md = readFileSync(join(ROOT, rule, name), 'utf8');
        const got = JSON.parse(JSON.stringify(project!(parsePlan(name, md)))) as unknown;
        const jsonPath = join(ROOT, rule, name.replace(/\.md$/, '.json'));
        if (UPDATE || !existsSync(jsonPath)) writeFileSync(jsonPath, JSON.stringify(got, null, 2) + '\n');
        expect(got).toEqual(JSON.parse(readFileSync(jsonPath, 'utf8')));
      });
    }
  });
}
