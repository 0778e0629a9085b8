import type { PlanFile, PlanKind } from '../model.js';

/** What kind of plan a file is, from its name first and then from what was found in it. */
export function classifyFile(file: PlanFile): PlanKind {
  const name = file.path.replace(/^.*\//, '').toLowerCase();
  const title = (file.title ?? '').toLowerCase();
  const fm = file.frontmatter ?? {};
  if (/daily[_ -]?status|standup|status[_ -]?board|agent[_ -]?status|worker[_ -]?status|active[_ -]?worker|task[_ -]?queue/.test(name) || /^daily status/.test(title)) return 'daily-status';
  const liveReports = file.statusReports.filter((r) => !r.example && r.date).length;
  if (/round|tracker|coordination[_ -]?log/.test(name) || /^round\b|tracking system|tracker/.test(title)) return 'round-tracker';
  if (/sprint|stories|tasks?[_ -]\d|milestone[_ -]?\d+[_ -]?tasks/.test(name) || /^sprint\b/.test(title) || ('id' in fm && 'status' in fm)) return 'sprint';
  if (/gate/.test(name) || /^gate\b|\bgates?\b.*(assessment|criteria|checklist)/.test(title) || /progress[_ -]?gates/.test(name)) return 'gates';
  if (/week[_ -]?\d/.test(name) || /^week \d/.test(title)) return 'week-plan';
  if (liveReports >= 2) return 'daily-status';
  if (/worker[_ -]?\d|worker[_ -]?guide|identity|ownership|assignment/.test(name)) return 'worker-guide';
  if (/master|parallel|coordination|allocation|matrix|plan|strategy|execution/.test(name) || /master|coordination|parallel/.test(title)) return 'master-plan';
  if (file.actors.length >= 2 && file.items.length >= 3) return 'master-plan';
  return 'other';
}
