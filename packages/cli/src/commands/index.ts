import type { Command } from 'commander';
import { registerReport } from './report.js';
import { registerCheck } from './check.js';
import { registerGraph } from './graph.js';
import { registerOwners } from './owners.js';
import { registerNext } from './next.js';
import { registerStatus } from './status.js';
import { registerNewDay } from './newDay.js';
import { registerBlock } from './block.js';
import { registerRepair } from './repair.js';
import { registerMergeDriver } from './mergeDriver.js';

/** Every CLI command registers itself here; each lives in its own file. */
export const COMMANDS: Array<(program: Command) => void> = [registerReport, registerCheck, registerGraph, registerOwners, registerNext,
  registerStatus, registerNewDay, registerBlock, registerRepair, registerMergeDriver];
