import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { buildModel, parsePlan, type PlanFile, type PlanModel } from '@plansight/core';

const SKIP_DIRS = new Set(['node_modules', '.git', '.obsidian', '.trash', 'dist']);

export class UsageError extends Error {}

/** Expand files and folders into markdown files, sorted, with paths relative to `base` using `/`. */
export function collectFiles(inputs: readonly string[], base = process.cwd()): { abs: string; rel: string }[] {
  const out = new Map<string, string>();
  const visit = (abs: string) => {
    let st;
    try {
      st = statSync(abs);
    } catch {
      throw new UsageError(`no such file or folder: ${relative(base, abs) || abs}`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(abs).sort()) {
        if (SKIP_DIRS.has(name)) continue;
        const child = join(abs, name);
        const cst = statSync(child, { throwIfNoEntry: false });
        if (!cst) continue;
        if (cst.isDirectory()) visit(child);
        else if (/\.(md|markdown)$/i.test(name)) out.set(child, toRel(base, child));
      }
    } else out.set(abs, toRel(base, abs));
  };
  for (const input of inputs.length ? inputs : ['.']) visit(resolve(base, input));
  return [...out.entries()].map(([abs, rel]) => ({ abs, rel })).sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

function toRel(base: string, abs: string): string {
  return (relative(base, abs) || abs).split(sep).join('/');
}

/** Paths in the model are relative to the vault: the folder when one folder is given, else the working directory. */
export function vaultBase(inputs: readonly string[], cwd = process.cwd()): string {
  if (inputs.length === 1) {
    const only = resolve(cwd, inputs[0]!);
    if (statSync(only, { throwIfNoEntry: false })?.isDirectory()) return only;
  }
  return cwd;
}

export interface LoadedVault {
  files: PlanFile[];
  model: PlanModel;
  texts: Map<string, string>;
  abs: Map<string, string>;
}

/** Read and parse every plan file under the inputs. */
export function loadVault(inputs: readonly string[], cwd = process.cwd()): LoadedVault {
  const base = vaultBase(inputs, cwd);
  const texts = new Map<string, string>();
  const abs = new Map<string, string>();
  const files: PlanFile[] = [];
  for (const f of collectFiles(inputs.map((i) => resolve(cwd, i)), base)) {
    const text = readFileSync(f.abs, 'utf8');
    texts.set(f.rel, text);
    abs.set(f.rel, f.abs);
    files.push(parsePlan(f.rel, text));
  }
  return { files, model: buildModel(files), texts, abs };
}
