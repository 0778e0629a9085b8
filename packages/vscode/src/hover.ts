/** Hover on a reference (`#145`, `T1-001`, `Worker 2`): the target's title, status, owner and where it is defined. */
import * as vscode from 'vscode';
import { STATUS_LOOK, lineOf } from './convert.js';
import type { WorkspaceIndex } from './workspaceIndex.js';

export class ReferenceHover implements vscode.HoverProvider {
  constructor(private readonly index: WorkspaceIndex) {}

  provideHover(doc: vscode.TextDocument, pos: vscode.Position): vscode.Hover | undefined {
    const path = this.index.pathOf(doc.uri);
    if (!path || !this.index.file(path)) return undefined;
    const model = this.index.model();
    const line = lineOf(pos);
    const text = doc.lineAt(pos.line).text;
    const ref = model.references.find((r) => {
      if (r.file !== path || r.line !== line) return false;
      if (r.start !== undefined && r.end !== undefined) return pos.character >= r.start && pos.character <= r.end;
      const at = text.indexOf(r.raw);
      return at >= 0 && pos.character >= at && pos.character <= at + r.raw.length;
    });
    if (!ref) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: ['plansight.openLocation'] };
    const item = model.items.find((i) => i.id === ref.id);
    const actor = model.actors.find((a) => a.id === ref.id);
    const link = (file: string, l: number) =>
      `[${file}:${l}](command:plansight.openLocation?${encodeURIComponent(JSON.stringify([file, l]))})`;
    if (item) {
      const look = STATUS_LOOK[item.status];
      md.appendMarkdown(`$(${look.icon}) **${escape(item.id)}** ${escape(item.title)}\n\n`);
      md.appendMarkdown(`Status: **${look.label}**`);
      if (item.owner) md.appendMarkdown(` · Owner: ${escape(model.actors.find((a) => a.id === item.owner)?.name ?? item.owner)}`);
      md.appendMarkdown(`\n\n${link(item.file, item.line)}`);
    } else if (actor) {
      md.appendMarkdown(`$(person) **${escape(actor.name)}**${actor.role ? ` — ${escape(actor.role)}` : ''}\n\n${link(actor.file, actor.line)}`);
    } else {
      md.appendMarkdown(`$(warning) **${escape(ref.raw)}**: no plan defines \`${escape(ref.id)}\``);
    }
    const start = text.indexOf(ref.raw);
    const range = ref.start !== undefined && ref.end !== undefined
      ? new vscode.Range(pos.line, ref.start, pos.line, ref.end)
      : start >= 0
        ? new vscode.Range(pos.line, start, pos.line, start + ref.raw.length)
        : undefined;
    return new vscode.Hover(md, range);
  }
}

function escape(s: string): string {
  return s.replace(/[\\`*_{}[\]()#+\-.!|<>]/g, '\\$&');
}
