import * as v from 'valibot';
import { criteria, defaultWeights, maxWeight, type Criterion, type Weights } from './priorities.ts';

/** The criteria as the page names them. */
export const criterionLabel: Record<Criterion, string> = {
  contracts: 'Avtal som löper ut',
  functioning: 'Fungerar dåligt',
  competence: 'Svårt att upprätthålla kompetens',
  sameProduct: 'Flera kommuner har samma produkt',
};

/** The page's (and the CSV file's) query parameters, Swedish like the other pages ↔ the API's names. */
export const weightParams: Record<Criterion, string> = { contracts: 'avtal', functioning: 'funktion', competence: 'kompetens', sameProduct: 'produkt' };

const weightLabel: Record<Criterion, string> = {
  contracts: 'Vikten för avtal som löper ut',
  functioning: 'Vikten för fungerar dåligt',
  competence: 'Vikten för svårt att upprätthålla kompetens',
  sameProduct: 'Vikten för flera kommuner har samma produkt',
};

/** A weight from the URL: a whole number 0–10; left out or left empty it is the default, 1. */
const weight = (c: Criterion) =>
  v.pipe(
    v.optional(v.string(), ''),
    v.trim(),
    v.check((s) => s === '' || /^\d{1,2}$/.test(s) && Number(s) <= maxWeight, `${weightLabel[c]} ska vara ett heltal från 0 till ${maxWeight}.`),
    v.transform((s) => (s === '' ? defaultWeights[c] : Number(s))),
  );

/** `GET /api/v1/priorities?contracts=&functioning=&competence=&sameProduct=` */
export const weightsQuery = v.object(
  Object.fromEntries(criteria.map((c) => [c, weight(c)])) as Record<Criterion, ReturnType<typeof weight>>,
);

/** The page's parameters (`?avtal=&funktion=&kompetens=&produkt=`) in the API's names. */
export function fromPageParams(query: Record<string, string>): Record<string, string> {
  const input: Record<string, string> = {};
  for (const c of criteria) if (query[weightParams[c]] !== undefined) input[c] = query[weightParams[c]]!;
  return input;
}

/** The query string that asks for these weights on the page or in the file; empty for the defaults. */
export function toPageParams(weights: Weights): string {
  const params = new URLSearchParams();
  for (const c of criteria) if (weights[c] !== defaultWeights[c]) params.set(weightParams[c], String(weights[c]));
  const text = params.toString();
  return text ? `?${text}` : '';
}

export const isDefault = (weights: Weights) => criteria.every((c) => weights[c] === defaultWeights[c]);
