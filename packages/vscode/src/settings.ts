import * as vscode from 'vscode';
import {
  DEFAULT_ESTIMATE_MAPPING,
  DEFAULT_VOCABULARY,
  mergeVocabulary,
  type EstimateMapping,
  type StatusVocabulary,
} from '@plansight/core';

export interface PlansightSettings {
  planGlobs: string[];
  currentActor: string;
  vocabulary: StatusVocabulary;
  estimates: EstimateMapping;
  /** Keep the persistent index cache in the workspace storage (off: none is read or written, and the file is deleted). */
  indexCache: boolean;
}

export const DEFAULT_PLAN_GLOBS = ['**/*.md', '**/*.markdown'];
export const EXCLUDE_GLOB = '**/{node_modules,.git,.obsidian,.trash,dist,.e2e}/**';

export function readSettings(): PlansightSettings {
  const c = vscode.workspace.getConfiguration('plansight');
  const globs = c.get<string[]>('planGlobs');
  const vocab = c.get<Partial<StatusVocabulary>>('statusVocabulary') ?? {};
  const est = c.get<Partial<EstimateMapping>>('estimateMapping') ?? {};
  return {
    planGlobs: Array.isArray(globs) && globs.length ? globs : DEFAULT_PLAN_GLOBS,
    currentActor: (c.get<string>('currentActor') ?? '').trim(),
    vocabulary: mergeVocabulary(DEFAULT_VOCABULARY, vocab),
    estimates: {
      sizeDays: { ...DEFAULT_ESTIMATE_MAPPING.sizeDays, ...(est.sizeDays ?? {}) },
      hoursPerDay: est.hoursPerDay ?? DEFAULT_ESTIMATE_MAPPING.hoursPerDay,
    },
    indexCache: c.get<boolean>('indexCache') !== false,
  };
}
