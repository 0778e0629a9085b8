import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  StaleEditError,
  applyEdits,
  buildModel,
  editsFor,
  emptyPlanFile,
  encodeMojibake,
  repairLine,
  type EditAction,
  type PlanModel,
  type Status,
  type WorkItem,
} from '@plansight/core';
import { statusOfLine } from '../../src/edit/lineStatus.js';

/**
 * Every action has hand-written LF before/after fixtures (`fixtures/edit/<action>/<case>.before.md`, `.after.md`,
 * `.json`); the CRLF, BOM and mojibake variants are the same files transformed, so each expectation is written once.
 */
const ROOT = join(__dirname, '../fixtures/edit');

interface Spec {
  action: EditAction;
  status?: Status;
  statusLine?: number;
  item?: Partial<WorkItem> & { id: string; line: number };
  variants?: Variant[];
}

type Variant = 'lf' | 'crlf' | 'bom' | 'mojibake';
const VARIANTS: Variant[] = ['lf', 'crlf', 'bom', 'mojibake'];
const MOJIBAKE = { charset: 'cp1252', undefinedBytes: 'drop' } as const;

function variant(text: string, v: Variant): string {
  switch (v) {
    case 'lf':
      return text;
    case 'crlf':
      return text.replace(/\n/g, '\r\n');
    case 'bom':
      return '\uFEFF' + text;
    case 'mojibake':
      return encodeMojibake(text, MOJIBAKE);
  }
}

function modelFor(path: string, spec: Spec): PlanModel {
  const file = emptyPlanFile(path);
  if (spec.item) {
    file.items.push({
      file: path,
      explicitId: true,
      title: spec.item.id,
      kind: 'story',
      status: 'unknown',
      dependsOn: [],
      blocks: [],
      checklist: [],
      section: [],
      ...spec.item,
    } as WorkItem);
  }
  return buildModel([file]);
}

const cases: { action: string; name: string }[] = [];
for (const action of readdirSync(ROOT).sort()) {
  for (const f of readdirSync(join(ROOT, action)).sort()) {
    if (f.endsWith('.json')) cases.push({ action, name: f.slice(0, -5) });
  }
}

describe('write-back fixtures', () => {
  it('covers every action', () => {
    const actions = new Set(cases.map((c) => c.action));
    for (const a of ['toggle', 'set-marker', 'set-status', 'set-item-status', 'move-status-line', 'add-blocker', 'add-status-line', 'new-day', 'repair-mojibake']) {
      expect(actions.has(a), a).toBe(true);
    }
  });

  for (const c of cases) {
    const dir = join(ROOT, c.action);
    const spec = JSON.parse(readFileSync(join(dir, `${c.name}.json`), 'utf8')) as Spec;
    const before = readFileSync(join(dir, `${c.name}.before.md`), 'utf8');
    const after = readFileSync(join(dir, `${c.name}.after.md`), 'utf8');
    for (const v of spec.variants ?? VARIANTS) {
      describe(`${c.action}/${c.name} [${v}]`, () => {
        const path = `${c.name}.md`;
        const text = variant(before, v);
        const model = modelFor(path, spec);
        let cached: ReturnType<typeof editsFor> | undefined;
        const edits = () => (cached ??= editsFor(path, text, model, spec.action));

        it('gives the expected text, byte for byte', () => {
          expect(applyEdits(text, edits(), path)).toBe(variant(after, v));
        });

        it('states the requested status when read back', () => {
          if (!spec.status) return expect(spec.action.type).toMatch(/toggle|set-marker|new-day|repair|move-status-line/);
          const line = spec.statusLine ?? ('line' in spec.action ? spec.action.line : 0);
          const out = applyEdits(text, edits(), path).replace(/^\uFEFF/, '').split(/\r?\n/);
          expect(statusOfLine(repairLine(out[line - 1]!).text)).toBe(spec.status);
        });

        it('refuses to apply to a text that changed under an edited line', () => {
          expect(edits().length).toBeGreaterThan(0);
          for (const e of edits()) {
            const changed = text.slice(0, e.start) + 'Z' + text.slice(e.start + 1);
            expect(() => applyEdits(changed, edits(), path)).toThrow(StaleEditError);
          }
        });

        it('changes nothing the second time when the action is idempotent', () => {
          if (!['new-day', 'repair-mojibake', 'set-status', 'set-item-status', 'set-marker'].includes(spec.action.type)) return expect(edits().length).toBeGreaterThan(0);
          const once = applyEdits(text, edits(), path);
          expect(applyEdits(once, editsFor(path, once, model, spec.action), path)).toBe(once);
        });
      });
    }
  }
});
