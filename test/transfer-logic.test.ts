import { describe, expect, it } from 'vitest';
import type { Actor } from '../worker/env.ts';
import { columnForHeader } from '../worker/transfer/columns.ts';
import { cellInput, columnLetter, planImport, type Register } from '../worker/transfer/plan.ts';
import { decodeText, delimiterOf, readSpreadsheet } from '../worker/transfer/read-sheet.ts';

const admin: Actor = { name: 'admin@test', requestId: 'r', role: 'admin', userId: 1, municipalities: [], via: 'session' };

const installation = (id: number, productId: number, lifecycle: string, users = 0) => ({
  id, version: 1, municipality: '1460', applicationId: 1, productId, productVersion: '', administration: '', lifecycle, users, licenceCostOre: 0, operationsCostOre: 0,
  contractEnd: null, noticeMonths: null, confirmedOn: null, functionScore: null, competenceRisk: null, criticality: null,
  confidentialityClass: null, integrityClass: null, availabilityClass: null, singleSignOn: false, twoFactor: false, traceability: false, operatingAgreement: false, notes: '',
});

const register: Register = {
  municipalities: [{ code: '1460', name: 'Bengtsfors' }],
  applications: [{ id: 1, name: 'Ekonomisystem', kind: 'common', subareaId: null, businessAreaId: null }],
  products: [{ id: 1, vendor: 'CGI', name: 'Raindance' }, { id: 2, vendor: 'Unit4', name: 'ERP' }],
  installations: [installation(10, 2, 'active', 50), installation(9, 1, 'retired', 40)],
  businessAreas: [], subareas: [],
};

describe('reading cells', () => {
  it('converts cells as Swedish spreadsheets write them', () => {
    expect(cellInput('money', '1 234,50', false)).toEqual({ value: 123_450 });
    expect(cellInput('money', 1234.5, false)).toEqual({ value: 123_450 });
    expect(cellInput('money', 0.125, false)).toEqual({ error: 'Ange beloppet i kronor, t.ex. 12 500 eller 12 500,50.' });
    expect(cellInput('money', '', false)).toEqual({ value: 0 });
    expect(cellInput('code', 114, false)).toEqual({ value: '0114' });
    expect(cellInput('integer', '1 200', false)).toEqual({ value: 1200 });
    expect(cellInput('integer', '', true)).toEqual({ value: null });
    expect(cellInput('date', 46387, true)).toEqual({ value: '2026-12-31' });
    expect(cellInput('date', new Date('2026-12-30T23:59:59.900Z'), true)).toEqual({ value: '2026-12-31' });
    expect(cellInput('yesNo', 'Ja', false)).toEqual({ value: true });
    expect(cellInput('yesNo', 'kanske', false)).toEqual({ value: 'kanske' });
    expect(cellInput('lifecycle', 'Aktiv', false)).toEqual({ value: 'active' });
    expect(cellInput('lifecycle', 'Under  avveckling', false)).toEqual({ value: 'retiring' });
    expect(cellInput('criticality', 'Mycket hög', true)).toEqual({ value: 'critical' });
  });

  it('knows the columns by their headers, with or without the unit', () => {
    expect(columnForHeader('Licenskostnad (kr)')?.field).toBe('licenceCostOre');
    expect(columnForHeader(' licenskostnad ')?.field).toBe('licenceCostOre');
    expect(columnForHeader('Konfidentialitet (1–4)')?.field).toBe('confidentialityClass');
    expect(columnForHeader('färg')).toBeUndefined();
    expect([0, 25, 26, 27, 701].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ']);
  });

  it('decodes UTF-8 with or without BOM, and Excel\'s older Windows-1252 CSV', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3, 0xa5])).text).toBe('å');
    expect(decodeText(new TextEncoder().encode('Åmål'))).toEqual({ text: 'Åmål', encoding: 'utf-8' });
    expect(decodeText(new Uint8Array([0xc5, 0x6d, 0xe5, 0x6c, 0x80]))).toEqual({ text: 'Åmål€', encoding: 'windows-1252' });
  });

  it('takes semicolons, and commas or tabs when the header has no semicolon', () => {
    expect(delimiterOf('a;b,c\r\n1,5;2')).toBe(';');
    expect(delimiterOf('a,b\n1,2')).toBe(',');
    expect(delimiterOf('a\tb\n')).toBe('\t');
    const read = readSpreadsheet(new TextEncoder().encode('kommunkod,applikation\n1460,"Ekonomi, system"\n'));
    expect(read.ok && read.grid.rows).toEqual([['kommunkod', 'applikation'], ['1460', 'Ekonomi, system']]);
  });
});

describe('planning an import', () => {
  const header = ['kommunkod', 'applikation', 'leverantör', 'produkt', 'livscykel', 'användare'];

  it('matches the current installation, or for a retired row the retired one of the same product', () => {
    const preview = planImport([header, ['1460', 'Ekonomisystem', 'Unit4', 'ERP', 'i drift', 55], ['1460', 'Ekonomisystem', 'CGI', 'Raindance', 'avvecklad', 40]], register, admin);
    expect(preview.rows.map((r) => [r.action, r.installationId])).toEqual([['update', 10], ['unchanged', 9]]);
    expect(preview.rows[0]!.changes).toEqual([{ field: 'users', from: 50, to: 55 }]);
  });

  it('refuses two rows for the same current system', () => {
    const preview = planImport([header, ['1460', 'Ekonomisystem', 'Unit4', 'ERP', '', 1], ['1460', 'ekonomisystem', 'CGI', 'Raindance', 'planerad', 2]], register, admin);
    expect(preview.errors).toEqual([{ row: 3, column: 'applikation', cell: 'B3', message: 'Ekonomisystem i Bengtsfors finns redan på rad 2 i filen.' }]);
    expect(preview.committable).toBe(false);
  });

  it('asks for the kind and subarea of a new application', () => {
    const preview = planImport([[...header, 'typ'], ['1460', 'Växel', 'Telia', 'Touchpoint', '', 1, ''], ['1460', 'Brandvägg', 'Fortinet', 'FortiGate', '', 1, 'teknisk']], register, admin);
    expect(preview.errors.map((e) => [e.cell, e.message])).toEqual([
      ['G2', 'Ange typ för den nya applikationen: generell, gemensam, verksamhetsspecifik eller teknisk.'],
      ['', 'Ange delområde: en ny teknisk applikation hör till ett delområde.'],
    ]);
  });
});
