import type { Recogniser } from '../context.js';
import { recogniseStructure } from './structure.js';
import { recogniseActors } from './actors.js';
import { recogniseGates } from './gates.js';
import { recogniseItems } from './items.js';
import { recogniseOwnership } from './ownership.js';
import { recogniseDependencies } from './dependencies.js';
import { recogniseStatusReports } from './statusReports.js';
import { finalize } from './finalize.js';

/** Run in this order: later recognisers read what earlier ones found (actors before items, gates claim criteria). */
export const RECOGNISERS: Recogniser[] = [
  recogniseStructure,
  recogniseActors,
  recogniseGates,
  recogniseItems,
  recogniseOwnership,
  recogniseDependencies,
  recogniseStatusReports,
  finalize,
];
