import { DEFAULT_ESTIMATE_MAPPING, DEFAULT_VOCABULARY, findDate, mergeVocabulary, STATUSES, type EstimateMapping, type Status, type StatusVocabulary } from '@plansight/core';

export interface PlansightSettings {
  /** Folders (`plans/`) or globs (`**\/*PLAN*.md`). Empty: every `.md` file that looks like a plan. */
  planFolders: string[];
  /** One `word or emoji = status` per line, added to the status vocabulary. */
  extraStatusWords: string;
  estimates: EstimateMapping;
  /** Heading of a new day in DAILY_STATUS.md; `{{date}}` is today. */
  newDayTemplate: string;
  dailyStatusPath: string;
  rollupPinned: boolean;
  /** Keep the parsed plans in `index-cache.bin` in the plugin folder, so that a restart reads only changed files. */
  indexCache: boolean;
}

export const DEFAULT_SETTINGS: PlansightSettings = {
  planFolders: [],
  extraStatusWords: '',
  estimates: DEFAULT_ESTIMATE_MAPPING,
  newDayTemplate: '# Daily Status - {{date}}',
  dailyStatusPath: 'DAILY_STATUS.md',
  rollupPinned: false,
  indexCache: true,
};

export function withDefaults(data: unknown): PlansightSettings {
  const d = (data && typeof data === 'object' ? data : {}) as Partial<PlansightSettings>;
  return {
    ...DEFAULT_SETTINGS,
    ...d,
    planFolders: Array.isArray(d.planFolders) ? d.planFolders.filter((x) => typeof x === 'string') : [],
    indexCache: d.indexCache !== false,
    estimates: { ...DEFAULT_ESTIMATE_MAPPING, ...(d.estimates ?? {}), sizeDays: { ...DEFAULT_ESTIMATE_MAPPING.sizeDays, ...(d.estimates?.sizeDays ?? {}) } },
  };
}

/** `word = status` lines → vocabulary; lines that do not parse are reported with their number. */
export function vocabularyOf(text: string): { vocabulary: StatusVocabulary; errors: string[] } {
  const words: Record<string, Status> = {};
  const emoji: Record<string, Status> = {};
  const errors: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const m = /^\s*(.+?)\s*=\s*([a-z-]+)\s*$/.exec(line);
    const status = m?.[2] as Status | undefined;
    if (!m || !status || !STATUSES.includes(status)) {
      errors.push(`status vocabulary line ${i + 1}: expected "word = ${STATUSES.join('|')}", found ${JSON.stringify(line)}`);
      return;
    }
    if (/^[\p{L}\p{N} '_-]+$/u.test(m[1]!)) words[m[1]!.toLowerCase()] = status;
    else emoji[m[1]!] = status;
  });
  return { vocabulary: mergeVocabulary(DEFAULT_VOCABULARY, { words, emoji }), errors };
}

export function newDayHeading(template: string, date: string): string {
  return template.replace(/\{\{date\}\}/g, date);
}

/** A new day's inserted text with its dated heading (the first heading holding a date, in any form) replaced by `heading`. */
export function withNewDayHeading(text: string, heading: string): string {
  let done = false;
  return text.replace(/^#{1,6} .*$/gm, (line) => {
    if (done || !findDate(line)) return line;
    done = true;
    return heading;
  });
}
