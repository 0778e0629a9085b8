import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const here = join(__dirname, '..');
const manifest = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
const commandsSource = readFileSync(join(here, 'src/commands.ts'), 'utf8');
const registered = [...commandsSource.matchAll(/reg\('([\w.]+)'/g)].map((m) => m[1]);
const contributed: string[] = manifest.contributes.commands.map((c: { command: string }) => c.command);

describe('extension manifest', () => {
  it('contributes exactly the commands the extension registers, all in the Plansight category', () => {
    expect([...registered].sort()).toEqual([...contributed].sort());
    for (const c of manifest.contributes.commands) expect(c.category).toBe('Plansight');
  });

  it('has the commands the issue names', () => {
    const titles = manifest.contributes.commands.map((c: { title: string }) => c.title);
    for (const t of ['Show Dependency Graph', 'Set Status…', 'Mark Done', 'Add Blocker…', 'Start New Day', 'Who Owns This File?', 'Check Plans', 'Export Graph (HTML / Mermaid)', 'Repair Mojibake']) {
      expect(titles).toContain(t);
    }
  });

  it('declares the five settings and a rollup view in its own activity-bar container', () => {
    expect(Object.keys(manifest.contributes.configuration.properties).sort()).toEqual(
      ['plansight.currentActor', 'plansight.estimateMapping', 'plansight.indexCache', 'plansight.planGlobs', 'plansight.statusVocabulary'],
    );
    expect(manifest.contributes.viewsContainers.activitybar[0].id).toBe('plansight');
    expect(manifest.contributes.views.plansight[0].id).toBe('plansight.rollup');
  });

  it('menus only reference contributed commands', () => {
    for (const entries of Object.values(manifest.contributes.menus) as { command: string }[][]) {
      for (const e of entries) expect(contributed).toContain(e.command);
    }
  });

  it('packages only the bundle, the manifest, the README and the icon', () => {
    const ignore = readFileSync(join(here, '.vscodeignore'), 'utf8').split('\n').filter(Boolean);
    expect(ignore[0]).toBe('**');
    expect(ignore.filter((l) => l.startsWith('!')).every((l) => /^!(dist\/\*\*|media\/icon\.(svg|png)|package\.json|README\.md|LICENSE)$/.test(l))).toBe(true);
  });
});
