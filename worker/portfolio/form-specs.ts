import type { FormSpec } from '../forms.ts';
import type { FieldIssue } from '../outcome.ts';

/** How each page form's fields map onto the API's input (see worker/forms.ts). */
export const installationSpec: FormSpec = {
  municipality: 'text', applicationId: 'select', productId: 'select', productVersion: 'text', administration: 'text',
  lifecycle: 'text', users: 'integer', licenceCostOre: 'kronor', operationsCostOre: 'kronor', contractEnd: 'date',
  noticeMonths: 'optionalInteger', confirmedOn: 'date', functionScore: 'optionalInteger', competenceRisk: 'optionalInteger',
  criticality: 'choice', confidentialityClass: 'optionalInteger', integrityClass: 'optionalInteger', availabilityClass: 'optionalInteger',
  singleSignOn: 'checkbox', twoFactor: 'checkbox', traceability: 'checkbox', operatingAgreement: 'checkbox', notes: 'text',
};

/** What a finance officer's edit form holds. */
export const costSpec: FormSpec = { licenceCostOre: 'kronor', operationsCostOre: 'kronor' };

export const applicationSpec: FormSpec = { name: 'text', kind: 'text', subareaId: 'optionalInteger', businessAreaId: 'optionalInteger', description: 'text' };
export const productSpec: FormSpec = { vendor: 'text', name: 'text' };
export const municipalitySpec: FormSpec = { code: 'text', name: 'text' };
export const nameSpec: FormSpec = { name: 'text' };

/** The population textarea: one "year population" pair per line ("2024 9 260" works too). */
export function populationLines(text: string): { populations: { year: number; population: number }[]; issues: FieldIssue[] } {
  const populations: { year: number; population: number }[] = [];
  const issues: FieldIssue[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    if (!line.trim()) return;
    const match = /^\s*(\d{4})\s*[:;,]?\s+([\d\s\u00a0]+)$/.exec(line);
    if (!match) {
      issues.push({ path: 'populations', message: `Rad ${index + 1}: skriv årtal och folkmängd, t.ex. ”2024 9260”.` });
      return;
    }
    populations.push({ year: Number(match[1]), population: Number(match[2]!.replace(/[\s\u00a0]/g, '')) });
  });
  return { populations, issues };
}

export const populationText = (populations: { year: number; population: number }[]) =>
  populations.map((p) => `${p.year} ${p.population}`).join('\n');
