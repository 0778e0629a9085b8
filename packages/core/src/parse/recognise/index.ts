import type { Recogniser } from '../context.js';
import { recogniseStructure } from './structure.js';

/** Run in this order: later recognisers may read what earlier ones found. */
export const RECOGNISERS: Recogniser[] = [recogniseStructure];
