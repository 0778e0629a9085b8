/**
 * The Plansight model: plain, serialisable data. Every element carries its file and 1-based line so it can be
 * shown, linked and written back. Nothing here holds parser state; no mdast node ever appears in it.
 */

export type Status =
  | 'todo'
  | 'in-progress'
  | 'blocked'
  | 'waiting'
  | 'next'
  | 'done'
  | 'cancelled'
  | 'unknown';

export const STATUSES: readonly Status[] = [
  'todo',
  'in-progress',
  'blocked',
  'waiting',
  'next',
  'done',
  'cancelled',
  'unknown',
];

export type PlanKind =
  | 'master-plan'
  | 'worker-guide'
  | 'daily-status'
  | 'sprint'
  | 'gates'
  | 'week-plan'
  | 'round-tracker'
  | 'other';

export interface Located {
  /** Vault-relative path with forward slashes. */
  file: string;
  /** 1-based line in the original text. */
  line: number;
}

export interface Heading {
  depth: number;
  text: string;
  line: number;
}

export type ActorKind = 'worker' | 'agent' | 'team' | 'jr' | 'person' | 'role' | 'lead';

export interface Actor extends Located {
  /** Normalised id: `worker-1`, `agent-2`, `team-1`, `memory-jr`, `alice`. */
  id: string;
  /** Display name as the plan first wrote it: `Worker 1`, `Memory Jr`. */
  name: string;
  /** Every spelling seen: `Worker 1`, `WORKER 1`, `Worker01`, `Agent 2`, `ML Architecture Designer`. */
  aliases: string[];
  kind: ActorKind;
  /** Title or specialty: `AI Core & Learning`, `ML Architecture Designer`. */
  role?: string;
  expertise?: string;
  branch?: string;
  /** Hour budget from the plan (`(460 hours)`). */
  hours?: number;
  /** Free-text `Owns:` line. */
  owns?: string;
  /** Actor ids this actor waits on, where a plan relates actors only ("Worker 2 → Worker 1"). */
  dependsOn: string[];
  /** Tools or components the plan assigns to this actor (`**Tool**: realtime-core`). */
  tools?: string[];
}

export type EstimateSize = 'XS' | 'S' | 'M' | 'L' | 'XL';

export interface Estimate {
  hours?: number;
  days?: number;
  size?: EstimateSize;
}

export interface Schedule {
  /** Inclusive week range. */
  weeks?: [number, number];
  sprint?: string;
  day?: string;
}

export type WorkItemKind =
  | 'checklist'
  | 'story'
  | 'issue'
  | 'challenge'
  | 'deliverable'
  | 'milestone'
  | 'phase'
  | 'task';

/** Where an element's status is written, so that write-back can change it in place. */
export type StatusSourceKind = 'checkbox' | 'emoji' | 'field' | 'table-cell' | 'word' | 'section';

export interface StatusSource {
  kind: StatusSourceKind;
  line: number;
  /** Table cells: 0-based column index. */
  column?: number;
}

export interface ChecklistItem {
  text: string;
  /** The marker as written between the brackets: ` `, `x`, `X`, `/`, `-`, `>`, `!`, `✅`, `🔄` … */
  marker: string;
  status: Status;
  checked: boolean;
  line: number;
  /** Nesting depth inside its list, 0 for top level. */
  depth: number;
}

export interface WorkItem extends Located {
  /** Explicit id when the text has one (`#2`, `T1-001`), otherwise a stable slug `file-stem:title-slug`. */
  id: string;
  explicitId: boolean;
  title: string;
  kind: WorkItemKind;
  status: Status;
  statusSource?: StatusSource;
  /** Actor id. */
  owner?: string;
  /** All owners when the plan names several (`**Medicine Woman + Meta Jr**`); `owner` is the first. */
  owners?: string[];
  estimate?: Estimate;
  schedule?: Schedule;
  priority?: string;
  /** Item or actor ids this item depends on (normalised, unresolved until buildModel). */
  dependsOn: string[];
  /** Item or actor ids this item blocks, as the plan wrote it. */
  blocks: string[];
  /** Acceptance criteria, definition of done, sub-tasks. */
  checklist: ChecklistItem[];
  /** Id of the enclosing work item. */
  parent?: string;
  /** Heading path, outermost first. */
  section: string[];
}

export interface GateCriterion {
  text: string;
  checked: boolean;
  status: Status;
  line: number;
  depth: number;
}

export interface Gate extends Located {
  id: string;
  title: string;
  week?: number;
  sprint?: string;
  criteria: GateCriterion[];
  ifFail?: string;
  /** A total the plan states elsewhere ("Week 7 gate: X/12 criteria passing"). */
  declaredTotal?: number;
}

export type OwnershipMode = 'exclusive' | 'read-only' | 'shared' | 'creates' | 'enhances';

export interface OwnershipRule extends Located {
  /** Actor id. */
  actor: string;
  /** Exact path, folder (ending in `/`) or glob. */
  pattern: string;
  mode: OwnershipMode;
  note?: string;
}

export interface StatusEntry {
  status: Status;
  text: string;
  /** Normalised ids referenced by the line: `#145`, `T1-001`, `worker-1`. */
  refs: string[];
  line: number;
  eta?: string;
  /** The label as written (`Completed`, `In Progress`), for write-back in the file's own style. */
  label?: string;
  /** Where the status is written (emoji, word or a table cell), for write-back. */
  statusSource?: StatusSource;
}

export interface StatusReport extends Located {
  date?: string;
  /** Actor id. */
  actor: string;
  /** True inside a fenced example: shown, never counted as live status. */
  example?: true;
  entries: StatusEntry[];
}

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic extends Located {
  severity: Severity;
  code: string;
  message: string;
}

export type ReferenceKind = 'issue' | 'story' | 'actor' | 'item';
export type ReferenceContext = 'dependency' | 'status' | 'owner' | 'text';

export interface Reference extends Located {
  /** Normalised id. */
  id: string;
  /** As written. */
  raw: string;
  kind: ReferenceKind;
  context: ReferenceContext;
  /** 0-based column range in the original line, when known. */
  start?: number;
  end?: number;
}

/** depends-on edge: `from` waits on `to`. */
export interface Dependency extends Located {
  from: string;
  to: string;
  /** How the plan said it: `Dependencies`, `Blocks`, `STARTS AFTER`, `arrow`, `table`, … */
  via: string;
}

export interface Encoding {
  bom: boolean;
  eol: 'lf' | 'crlf' | 'mixed' | 'none';
  /** The text held mojibake and was read through the repair. */
  mojibake: boolean;
  finalNewline: boolean;
}

/** A critical path the plan states (`**Critical Path**: Worker 2 (weeks 1-2) → Worker 1 → Worker 3/4`). */
export interface DeclaredCriticalPath {
  /** Node ids per step, first to last; a step that names several (`Worker 3/4`, `Worker 3 & 4`) runs them in parallel. */
  steps: string[][];
  /** Each step as written, without remarks in parentheses: `Worker 2`, `Worker 3/4`. */
  labels: string[];
  /** The path as written after its label. */
  text: string;
  line: number;
}

export interface PlanFile {
  path: string;
  kind: PlanKind;
  title?: string;
  frontmatter?: Record<string, unknown>;
  headings: Heading[];
  encoding: Encoding;
  /** GFM task items outside fences. */
  checkboxes: { total: number; checked: number };
  actors: Actor[];
  items: WorkItem[];
  gates: Gate[];
  ownership: OwnershipRule[];
  statusReports: StatusReport[];
  dependencies: Dependency[];
  references: Reference[];
  diagnostics: Diagnostic[];
  /** Critical paths the plan declares, in line order (absent when it declares none). */
  declaredCriticalPaths?: DeclaredCriticalPath[];
}

export interface PlanModel {
  files: PlanFile[];
  actors: Actor[];
  items: WorkItem[];
  gates: Gate[];
  ownership: OwnershipRule[];
  statusReports: StatusReport[];
  dependencies: Dependency[];
  references: Reference[];
  diagnostics: Diagnostic[];
}
