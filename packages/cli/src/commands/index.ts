import type { Command } from 'commander';
import { registerReport } from './report.js';

/** Every CLI command registers itself here; each lives in its own file. */
export const COMMANDS: Array<(program: Command) => void> = [registerReport];
