import * as v from 'valibot';
import { documentTypes } from '../../schema/documents.ts';
import { id, isoDate, municipalityCode, requiredText, versionField, wholeNumber } from '../validation.ts';

const unknownField = 'Okänt fält.';
const nullable = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema));

const typeMessage = 'Välj typ: IT-policy, IT-strategi, informationssäkerhetspolicy, IT-säkerhetsinstruktion, systemsäkerhetsplan, driftplan, tillämpningsanvisning eller kontinuitetsplan.';

/** Only http and https: a `javascript:` or `file:` link must never reach a page. */
const isWebAddress = (s: string) => {
  if (s === '') return true;
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

const url = v.pipe(
  v.string('Länken måste vara text.'), v.trim(),
  v.maxLength(2000, 'Länken får vara högst 2000 tecken.'),
  v.check(isWebAddress, 'Ange en webbadress som börjar med https:// eller http://, t.ex. https://www.amal.se/styrdokument/it-policy.pdf.'),
);

const installationIds = v.pipe(
  v.array(id('System'), 'Ange systemen som en lista med id.'),
  v.maxLength(1000, 'För många system.'),
  v.check((ids) => new Set(ids).size === ids.length, 'Samma system finns med flera gånger.'),
);

const fields = {
  type: v.picklist(documentTypes, typeMessage),
  title: requiredText('Titel', 200),
  ownerId: id('Ägare'),
  /** SCB code, or null for a document common to the whole collaboration. */
  municipality: nullable(municipalityCode('Kommun')),
  decidedBy: requiredText('Beslutande organ', 200),
  decidedOn: isoDate('Beslutsdatum'),
  /** Left out: the type's default (strategy table 1.4). */
  reviewCycleYears: v.optional(wholeNumber('Granskningsintervallet (år)', 1, 10)),
  lastReviewedOn: nullable(isoDate('Senast granskad')),
  /** Set: this day, whatever the cycle says. Null or left out: computed from the cycle. */
  nextReviewOn: nullable(isoDate('Nästa granskning')),
  url: v.optional(url),
  installationIds: v.optional(installationIds),
};

/** `POST /api/v1/documents` */
export const documentCreate = v.strictObject(fields, unknownField);

/** `PATCH /api/v1/documents/:id`: any of the fields with the version read; `nextReviewOn: null` goes back to the computed date. */
export const documentPatch = v.strictObject({ version: versionField, ...v.partial(v.object(fields)).entries }, unknownField);

/** `POST /api/v1/documents/:id/review`: reviewed on (default today); the next review is computed unless given. */
export const documentReview = v.strictObject({
  version: v.optional(versionField),
  reviewedOn: v.optional(isoDate('Granskningsdatum')),
  nextReviewOn: nullable(isoDate('Nästa granskning')),
}, unknownField);

/** `GET /api/v1/documents?status=&type=&municipality=` — municipality an SCB code or `common`. */
export const documentFilter = v.object({
  status: v.optional(v.picklist(['overdue', 'due-soon', 'valid'], 'Status ska vara overdue, due-soon eller valid.')),
  type: v.optional(v.picklist(documentTypes, typeMessage)),
  municipality: v.optional(v.pipe(v.string(), v.regex(/^(common|\d{4})$/, 'Kommun ska vara en kommunkod, t.ex. 1460, eller common för samverkans gemensamma dokument.'))),
});

export type DocumentCreate = v.InferOutput<typeof documentCreate>;
export type DocumentPatch = v.InferOutput<typeof documentPatch>;
export type DocumentFilter = v.InferOutput<typeof documentFilter>;
