import { describe, expect, it } from 'vitest';
import { buildMatrix } from '../worker/portfolio/matrix.ts';

const municipalities = [{ code: '1492', name: 'Åmål' }, { code: '1438', name: 'Dals-Ed' }, { code: '1460', name: 'Bengtsfors' }];
const raindance = { id: 1, vendor: 'CGI', name: 'Raindance' };
const unit4 = { id: 2, vendor: 'Unit4', name: 'ERP' };
const cell = (installationId: number, municipality: string, product: typeof raindance, lifecycle: 'active' | 'planned' | 'retiring' = 'active') =>
  ({ installationId, municipality, applicationId: 10, lifecycle, product });

describe('buildMatrix (pure)', () => {
  it('orders municipalities and applications in Swedish alphabetical order', () => {
    const matrix = buildMatrix({
      municipalities,
      applications: [{ id: 10, name: 'Ärendehantering', kind: 'common' }, { id: 11, name: 'Ekonomisystem', kind: 'common' }, { id: 12, name: 'Öppen data', kind: 'general' }, { id: 13, name: 'Åtgärdsregister', kind: 'specific' }],
      cells: [],
    });
    expect(matrix.municipalities.map((m) => m.name)).toEqual(['Bengtsfors', 'Dals-Ed', 'Åmål']);
    expect(matrix.rows.map((r) => r.application.name)).toEqual(['Ekonomisystem', 'Åtgärdsregister', 'Ärendehantering', 'Öppen data']);
  });

  it('letters shared products, most used first, and leaves a lone product without a group', () => {
    const matrix = buildMatrix({
      municipalities: [...municipalities, { code: '1461', name: 'Mellerud' }, { code: '1439', name: 'Färgelanda' }],
      applications: [{ id: 10, name: 'Ekonomisystem', kind: 'common' }],
      cells: [cell(1, '1492', unit4), cell(2, '1438', unit4), cell(3, '1460', raindance), cell(4, '1461', raindance), cell(5, '1439', raindance)],
    });
    const cells = matrix.rows[0]!.cells;
    expect(cells['1460']!.group).toBe('A');
    expect(cells['1492']!.group).toBe('B');
    const lone = buildMatrix({ municipalities, applications: [{ id: 10, name: 'E', kind: 'common' }], cells: [cell(1, '1492', unit4), cell(2, '1438', raindance)] });
    expect(lone.rows[0]!.cells['1492']!.group).toBeNull();
    expect(lone.rows[0]!.cells['1460']).toBeNull();
  });

  it('says "same product everywhere" only when every member has it in use with one product', () => {
    const app = [{ id: 10, name: 'E-post', kind: 'general' as const }];
    const all = [cell(1, '1492', raindance), cell(2, '1438', raindance, 'retiring'), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: all }).rows[0]!.sameProductEverywhere).toBe(true);
    const planned = [cell(1, '1492', raindance), cell(2, '1438', raindance, 'planned'), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: planned }).rows[0]!.sameProductEverywhere).toBe(false);
    const mixed = [cell(1, '1492', raindance), cell(2, '1438', unit4), cell(3, '1460', raindance)];
    expect(buildMatrix({ municipalities, applications: app, cells: mixed }).rows[0]!.sameProductEverywhere).toBe(false);
    expect(buildMatrix({ municipalities, applications: app, cells: all.slice(0, 2) }).rows[0]!.sameProductEverywhere).toBe(false);
  });
});
