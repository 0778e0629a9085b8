/**
 * Just enough of the vscode workspace API for WorkspaceIndex: one folder of in-memory files whose reads finish
 * only when the test says so (`fake.finish`), so a scan can be stepped through.
 */
import { join, posix } from 'node:path';
import { Uri as BaseUri } from './vscodeStub.js';
export * from './vscodeStub.js';

type Listener<T> = (e: T) => void;

export class EventEmitter<T> {
  private listeners: Listener<T>[] = [];
  readonly event = (l: Listener<T>) => {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class FileUri {
  readonly scheme = 'file';
  /** `fsPath`: set when the file is on disk (`fake.disk`), as a real `file:` Uri always has it. */
  constructor(
    readonly path: string,
    readonly fsPath?: string,
  ) {}
  toString(): string {
    return `file://${this.path}`;
  }
}

/** `Uri.joinPath` over the stub's file Uris (a storage folder on disk keeps its `fsPath`). */
export class Uri extends BaseUri {
  static joinPath(base: FileUri, ...segments: string[]): FileUri {
    return new FileUri(posix.join(base.path, ...segments), base.fsPath && join(base.fsPath, ...segments));
  }
}

export class RelativePattern {
  constructor(
    readonly base: unknown,
    readonly pattern: string,
  ) {}
}

const ROOT = '/ws';
const noop = () => ({ dispose() {} });

export const fake = {
  files: new Map<string, string>(),
  /** Reads started and not finished yet, oldest first. */
  reads: [] as { path: string; finish: () => void }[],
  inFlight: 0,
  maxInFlight: 0,
  started: [] as string[],
  /** A real folder: found files get an `fsPath` there (the extension then reads them from disk). */
  disk: undefined as string | undefined,
  /** `plansight.*` settings (`workspace.getConfiguration('plansight').get(key)`). */
  config: {} as Record<string, unknown>,
  /** Open documents, as `workspace.textDocuments` lists them. */
  documents: [] as { uri: FileUri; isDirty: boolean; getText(): string }[],
  /** `workspace.onDidSaveTextDocument` listeners: a test saves a document by calling them. */
  saveListeners: [] as ((doc: { uri: FileUri }) => void)[],
  reset(files: Record<string, string>): void {
    this.files = new Map(Object.entries(files));
    this.disk = undefined;
    this.config = {};
    this.documents = [];
    this.saveListeners = [];
    this.reads = [];
    this.inFlight = this.maxInFlight = 0;
    this.started = [];
    workspace.workspaceFolders = [folder];
  },
  /** Finish the `n` oldest reads (they resolve on the next microtasks). */
  finish(n = Infinity): number {
    const batch = this.reads.splice(0, n);
    for (const r of batch) r.finish();
    return batch.length;
  },
};

const folder = { uri: new FileUri(ROOT), name: 'ws', index: 0 };
type Folder = typeof folder;

/** The folder holding `uri` (the deepest, as VS Code picks it). */
function folderOf(uri: FileUri): Folder | undefined {
  let best: Folder | undefined;
  for (const f of workspace.workspaceFolders) if (uri.path.startsWith(`${f.uri.path}/`) && (!best || f.uri.path.length > best.uri.path.length)) best = f;
  return best;
}

export const workspace = {
  /** One folder (`ROOT`, named ws); a multi-root test replaces it with folders under ROOT and puts it back. */
  workspaceFolders: [folder] as Folder[],
  get textDocuments() {
    return fake.documents;
  },
  getConfiguration: () => ({ get: (key: string) => fake.config[key] }),
  getWorkspaceFolder: (uri: FileUri) => folderOf(uri),
  /** VS Code's: the folder's name first when asked, or by default when there are several folders. */
  asRelativePath: (uri: FileUri, includeWorkspaceFolder?: boolean) => {
    const f = folderOf(uri);
    if (!f) return uri.path;
    const rel = uri.path.slice(f.uri.path.length + 1);
    return includeWorkspaceFolder ?? workspace.workspaceFolders.length > 1 ? `${f.name}/${rel}` : rel;
  },
  findFiles: async () => [...fake.files.keys()].map((p) => new FileUri(`${ROOT}/${p}`, fake.disk && `${fake.disk}/${p}`)),
  createFileSystemWatcher: () => ({ onDidCreate: noop, onDidChange: noop, onDidDelete: noop, dispose() {} }),
  onDidChangeTextDocument: noop,
  onDidOpenTextDocument: noop,
  onDidSaveTextDocument: (l: (doc: { uri: FileUri }) => void) => {
    fake.saveListeners.push(l);
    return { dispose: () => (fake.saveListeners = fake.saveListeners.filter((x) => x !== l)) };
  },
  onDidCloseTextDocument: noop,
  onDidChangeConfiguration: noop,
  onDidChangeWorkspaceFolders: noop,
  fs: {
    readFile: (uri: FileUri) =>
      new Promise<Uint8Array>((resolve, reject) => {
        const path = uri.path.slice(ROOT.length + 1);
        fake.started.push(path);
        fake.inFlight++;
        fake.maxInFlight = Math.max(fake.maxInFlight, fake.inFlight);
        fake.reads.push({
          path,
          finish: () => {
            fake.inFlight--;
            const text = fake.files.get(path);
            if (text === undefined) reject(new Error(`ENOENT ${path}`));
            else resolve(new TextEncoder().encode(text));
          },
        });
      }),
  },
};

/** A tree view that only remembers its message (what the rollup tests look at). */
export const window = {
  createTreeView: () => ({ message: undefined as string | undefined, onDidChangeCheckboxState: noop, dispose() {} }),
};
