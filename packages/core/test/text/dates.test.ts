import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findDate, formatDateLike } from '../../src/text/dates.js';
import { parseDaily } from '../../src/daily/structure.js';

describe('findDate', () => {
  it.each([
    ['2026-11-21', '2026-11-21', '2026-11-21'],
    ['Daily Status - 2026-11-21 (Saturday)', '2026-11-21', '2026-11-21'],
    ['Monday, Oct 21, 2025', '2025-10-21', 'Oct 21, 2025'],
    ['Nov. 3rd 2025', '2025-11-03', 'Nov. 3rd 2025'],
    ['September 30, 2026', '2026-09-30', 'September 30, 2026'],
    ['Sept 1, 2026', '2026-09-01', 'Sept 1, 2026'],
    ['Status – 30 December 2025', '2025-12-30', '30 December 2025'],
    ['1st Feb, 2024', '2024-02-01', '1st Feb, 2024'],
    ['29 Feb 2024', '2024-02-29', '29 Feb 2024'],
    ['standup OCT 05, 2026', '2026-10-05', 'OCT 05, 2026'],
  ])('%s → %s', (text, iso, matched) => {
    const d = findDate(text);
    expect(d?.iso).toBe(iso);
    expect(d?.text).toBe(matched);
    expect(text.slice(d!.index, d!.index + matched.length)).toBe(matched);
  });

  it.each([
    'Worker 1',
    'May 2026 plan',
    'Weeks 3-4 (Nov 2026)',
    '29 Feb 2025',
    'Feb 30, 2026',
    'Oct 32, 2026',
    '11/12/2026',
    'Mayday 21 2026',
    'Marching 3, 2026',
    'Phase 2: 12 Jan 26',
  ])('%s has no date', (text) => {
    expect(findDate(text)).toBeNull();
  });

  it('an ISO date wins over a month-name one; of two month-name dates the first', () => {
    expect(findDate('Nov 20, 2026 (filed 2026-11-21)')?.iso).toBe('2026-11-21');
    expect(findDate('from 3 Nov 2026 to Nov 30, 2026')?.iso).toBe('2026-11-03');
    expect(findDate('from Nov 30, 2026 to 3 Dec 2026')?.iso).toBe('2026-11-30');
  });
});

describe('formatDateLike', () => {
  it.each([
    ['2026-11-21', '2026-11-22', '2026-11-22'],
    ['Oct 21, 2025', '2025-10-22', 'Oct 22, 2025'],
    ['Oct 31st, 2025', '2025-11-03', 'Nov 3rd, 2025'],
    ['Nov. 21st 2026', '2026-12-12', 'Dec. 12th 2026'],
    ['October 21, 2025', '2026-05-01', 'May 1, 2026'],
    ['OCT 05, 2026', '2026-10-06', 'OCT 06, 2026'],
    ['Sept 1, 2026', '2026-09-02', 'Sept 2, 2026'],
    ['Sept 30, 2026', '2026-10-01', 'Oct 1, 2026'],
    ['30 December 2025', '2026-01-05', '5 January 2026'],
    ['1st Feb, 2024', '2024-02-22', '22nd Feb, 2024'],
    ['11th Mar 2024', '2024-03-13', '13th Mar 2024'],
  ])('%s, then %s → %s', (like, iso, out) => {
    expect(formatDateLike(like, iso)).toBe(out);
  });

  it('reads back as the date it wrote, in every form (property)', () => {
    const forms = ['2026-01-01', 'Jan 1, 2026', 'January 1st, 2026', 'Jan. 01 2026', '1 Jan 2026', '01st JANUARY, 2026', 'Sept 1, 2026'];
    fc.assert(
      fc.property(fc.constantFrom(...forms), fc.date({ min: new Date('1900-01-01'), max: new Date('2999-12-31'), noInvalidDate: true }), (like, date) => {
        const iso = date.toISOString().slice(0, 10);
        const written = formatDateLike(like, iso);
        expect(findDate(written)).toEqual({ iso, text: written, index: 0 });
      }),
    );
  });
});

describe('parseDaily with month-name dates', () => {
  it('reads dated entries whatever form the heading writes the date in, and keeps the written form', () => {
    const lines = ['# Standups', '', '## Tuesday, Oct 22, 2025', '### Worker 1', '- ✅ Done: parser', '', '## 21 Oct 2025', '### Worker 1', '- 🔄 In Progress: parser'];
    const doc = parseDaily(lines);
    expect(doc.entries.map((e) => [e.date, e.dateText, e.header, e.actors.map((a) => a.name)])).toEqual([
      ['2025-10-22', 'Oct 22, 2025', 2, ['Worker 1']],
      ['2025-10-21', '21 Oct 2025', 6, ['Worker 1']],
    ]);
  });
});
