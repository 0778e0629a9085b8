import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ViewModelPayload } from '../src/protocol.js';

export function fixture(name: string): ViewModelPayload {
  return JSON.parse(readFileSync(join(__dirname, 'fixtures', `${name}.json`), 'utf8')) as ViewModelPayload;
}
