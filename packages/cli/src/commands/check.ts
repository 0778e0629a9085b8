import type { Command } from 'commander';
import { displayPath, loadAnalysis, parseCount } from './reportAnalysis.js';

interface CheckOptions {
  json?: boolean;
  maxWarnings?: string;
}

/** `plansight check`: every diagnostic as `file:line: severity code message`; exit 1 on errors or too many warnings. */
export function registerCheck(program: Command): void {
  program
    .command('check')
    .description('report what is wrong or doubtful in the plans (exit 0 clean, 1 on errors, 2 on bad usage)')
    .argument('[paths...]', 'files or folders', [])
    .option('--json', 'print the diagnostics as JSON')
    .option('--max-warnings <n>', 'fail when there are more warnings than this')
    .action((paths: string[], opts: CheckOptions) => {
      const maxWarnings = opts.maxWarnings === undefined ? undefined : parseCount(opts.maxWarnings, '--max-warnings');
      const vault = loadAnalysis(paths);
      const diagnostics = vault.diagnostics.map((d) => ({ ...d, file: displayPath(vault, d.file) }));
      const count = (s: string) => diagnostics.filter((d) => d.severity === s).length;
      const errors = count('error');
      const warnings = count('warning');
      const infos = count('info');
      const failed = errors > 0 || (maxWarnings !== undefined && warnings > maxWarnings);
      if (opts.json) {
        process.stdout.write(JSON.stringify({ files: vault.files.length, errors, warnings, infos, ok: !failed, diagnostics }, null, 2) + '\n');
      } else {
        for (const d of diagnostics) process.stdout.write(`${d.file}:${d.line}: ${d.severity} ${d.code} ${d.message}\n`);
        const tooMany = maxWarnings !== undefined && warnings > maxWarnings ? ` (more than --max-warnings ${maxWarnings})` : '';
        process.stderr.write(`${vault.files.length} files: ${errors} errors, ${warnings} warnings${tooMany}, ${infos} notes\n`);
      }
      if (failed) process.exitCode = 1;
    });
}
