import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import { criticalities, lifecyclePhases } from '../../schema/portfolio.ts';
import type { FormValues } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { noticeDeadline } from '../../worker/portfolio/contracts.ts';
import type { InstallationRow, InstallationView } from '../../worker/portfolio/queries.ts';
import { CheckboxField, ErrorSummary, SelectField, TextArea, TextField, VersionField, type Option } from '../components/forms.tsx';
import { Notice, PageHeader, YesNo } from '../components/page.tsx';
import { count, date, oreToInput, sek, productLabel } from '../format.ts';
import { criticalityLabel, kindShort, lifecycleLabel } from '../labels.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { CoveringDocument } from '../../worker/documents/queries.ts';
import { documentTypeLabel, reviewDistance } from '../../worker/documents/review.ts';
import { ReviewStatusTag } from '../documents/pages.tsx';

export const installationLabels: Record<string, string> = {
  municipality: 'Kommun',
  applicationId: 'Applikation',
  productId: 'Produkt',
  productVersion: 'Version',
  administration: 'Förvaltning',
  lifecycle: 'Livscykelfas',
  users: 'Antal användare',
  licenceCostOre: 'Licenskostnad per år (kr)',
  operationsCostOre: 'Driftkostnad per år (kr)',
  contractEnd: 'Avtalet löper ut',
  noticeMonths: 'Uppsägningstid (månader)',
  confirmedOn: 'Senast bekräftad',
  functionScore: 'Hur väl det fungerar (1–5)',
  competenceRisk: 'Kompetensrisk (1–5)',
  criticality: 'Kritikalitet',
  confidentialityClass: 'Konfidentialitet (1–4)',
  integrityClass: 'Riktighet (1–4)',
  availabilityClass: 'Tillgänglighet (1–4)',
  singleSignOn: 'Single sign-on (inloggning med kommunens konto)',
  twoFactor: 'Tvåfaktorsinloggning',
  traceability: 'Spårbarhet: användningen loggas',
  operatingAgreement: 'Driftavtal (SLA) finns',
  notes: 'Anteckningar',
};

/** A stored installation as the text its edit form starts from. */
export function installationFormValues(row: InstallationRow): FormValues {
  const values: FormValues = {};
  for (const [key, value] of Object.entries(row)) {
    if (typeof value === 'boolean') values[key] = value ? 'on' : '';
    else if (key.endsWith('CostOre')) values[key] = oreToInput(value as number);
    else values[key] = value == null ? '' : String(value);
  }
  return values;
}

const scale = (max: number): Option[] => Array.from({ length: max }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

type FormProps = {
  action: string;
  values: FormValues;
  issues?: FieldIssue[];
  error?: string;
  /** On create the municipality and application are chosen; on edit they are fixed. */
  choose?: { municipalities: Option[]; applications: Option[] };
  version?: number;
  products: Option[];
  /** A finance officer's form: the costs and nothing else. */
  costsOnly?: boolean;
};

export const InstallationForm: FC<FormProps> = ({ action, values, issues = [], error, choose, version, products, costsOnly }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: installationLabels[name]!, value: values[name] ?? '', error: errors[name] });
  if (costsOnly) {
    return (
      <form method="post" action={action} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={installationLabels} />
        {version !== undefined && <VersionField version={version} />}
        <TextField {...field('licenceCostOre')} inputmode="decimal" size="short" hint="I kronor, t.ex. 125 000 eller 125 000,50." />
        <TextField {...field('operationsCostOre')} inputmode="decimal" size="short" hint="I kronor, t.ex. 40 000." />
        <button type="submit" class="button primary">Spara</button>
      </form>
    );
  }
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={installationLabels} />
      {version !== undefined && <VersionField version={version} />}
      <fieldset>
        <legend>System</legend>
        {choose && <SelectField {...field('municipality')} options={choose.municipalities} empty="Välj kommun" required />}
        {choose && <SelectField {...field('applicationId')} options={choose.applications} empty="Välj applikation" required />}
        <SelectField {...field('productId')} options={products} empty="Välj produkt" required
          hint="Saknas produkten? Lägg först till den under Produkter." />
        <TextField {...field('productVersion')} size="short" />
        <TextField {...field('administration')} hint="Den förvaltning som äger systemet, t.ex. Socialförvaltningen." />
        <SelectField {...field('lifecycle')} value={values.lifecycle || 'active'}
          options={lifecyclePhases.map((p) => ({ value: p, label: lifecycleLabel[p] }))} />
        <TextField {...field('users')} inputmode="numeric" size="short" />
      </fieldset>
      <fieldset>
        <legend>Kostnad och avtal</legend>
        <TextField {...field('licenceCostOre')} inputmode="decimal" size="short" hint="I kronor, t.ex. 125 000 eller 125 000,50." />
        <TextField {...field('operationsCostOre')} inputmode="decimal" size="short" hint="I kronor, t.ex. 40 000." />
        <TextField {...field('contractEnd')} type="date" size="short" />
        <TextField {...field('noticeMonths')} inputmode="numeric" size="short" />
        <TextField {...field('confirmedOn')} type="date" size="short" hint="När uppgifterna senast kontrollerades." />
      </fieldset>
      <fieldset>
        <legend>Bedömning och informationssäkerhet</legend>
        <SelectField {...field('functionScore')} options={scale(5)} empty="Ej bedömt" hint="1 = fungerar dåligt, 5 = fungerar mycket bra." />
        <SelectField {...field('competenceRisk')} options={scale(5)} empty="Ej bedömt" hint="1 = liten risk, 5 = kunskapen finns hos en enda person." />
        <SelectField {...field('criticality')} options={criticalities.map((c) => ({ value: c, label: criticalityLabel[c] }))} empty="Ej bedömt" />
        <SelectField {...field('confidentialityClass')} options={scale(4)} empty="Ej klassat" />
        <SelectField {...field('integrityClass')} options={scale(4)} empty="Ej klassat" />
        <SelectField {...field('availabilityClass')} options={scale(4)} empty="Ej klassat" />
      </fieldset>
      <fieldset>
        <legend>Säkerhet och drift</legend>
        {(['singleSignOn', 'twoFactor', 'traceability', 'operatingAgreement'] as const).map((name) => (
          <CheckboxField name={name} label={installationLabels[name]!} checked={values[name] === 'on'} />
        ))}
      </fieldset>
      <TextArea {...field('notes')} />
      <button type="submit" class="button primary">Spara</button>
    </form>
  );
};

export const InstallationPage: FC<{ view: InstallationView; notice?: string; may: Abilities }> = ({ view, notice, may }) => {
  const i = view.installation;
  return (
    <>
      <PageHeader
        title={`${view.applicationName} i ${view.municipalityName}`}
        crumbs={[{ href: '/kommuner', label: 'Kommuner' }, { href: `/kommuner/${i.municipality}`, label: view.municipalityName }]}
        lead={`${productLabel(view.productVendor, view.productName)}${i.productVersion ? ` ${i.productVersion}` : ''} · ${lifecycleLabel[i.lifecycle]} · ${kindShort[view.applicationKind]}`}
        actions={<>
          {may.editIn(i.municipality) && <a class="button" href={`/system/${i.id}/andra`}>{may.costsOnly ? 'Ändra kostnader' : 'Ändra'}</a>}
          <a class="button secondary" href={`/applikationer/${i.applicationId}`}>Jämför med andra kommuner</a>
          {may.registerIn(i.municipality) && <a class="button danger-link" href={`/system/${i.id}/ta-bort`}>Ta bort</a>}
        </>}
      />
      <Notice message={notice} />
      <dl class="facts">
        <div><dt>Förvaltning</dt><dd>{i.administration || '–'}</dd></div>
        <div><dt>Antal användare</dt><dd>{count(i.users)}</dd></div>
        <div><dt>Licenskostnad per år</dt><dd>{sek(i.licenceCostOre)}</dd></div>
        <div><dt>Driftkostnad per år</dt><dd>{sek(i.operationsCostOre)}</dd></div>
        <div><dt>Avtalet löper ut</dt><dd>{date(i.contractEnd)}</dd></div>
        <div><dt>Uppsägningstid</dt><dd>{i.noticeMonths == null ? '–' : `${i.noticeMonths} månader`}</dd></div>
        {i.contractEnd && <div><dt>Säg upp senast</dt><dd>{date(noticeDeadline(i.contractEnd, i.noticeMonths))}</dd></div>}
        <div><dt>Senast bekräftad</dt><dd>{date(i.confirmedOn)}</dd></div>
        <div><dt>Hur väl det fungerar</dt><dd>{i.functionScore == null ? 'Ej bedömt' : `${i.functionScore} av 5`}</dd></div>
        <div><dt>Kompetensrisk</dt><dd>{i.competenceRisk == null ? 'Ej bedömt' : `${i.competenceRisk} av 5`}</dd></div>
        <div><dt>Kritikalitet</dt><dd>{i.criticality ? criticalityLabel[i.criticality] : 'Ej bedömt'}</dd></div>
        <div><dt>Konfidentialitet / riktighet / tillgänglighet</dt><dd>{[i.confidentialityClass, i.integrityClass, i.availabilityClass].map((c) => c ?? '–').join(' / ')}</dd></div>
        <div><dt>Single sign-on</dt><dd><YesNo value={i.singleSignOn} /></dd></div>
        <div><dt>Tvåfaktorsinloggning</dt><dd><YesNo value={i.twoFactor} /></dd></div>
        <div><dt>Spårbarhet (loggning)</dt><dd><YesNo value={i.traceability} /></dd></div>
        <div><dt>Driftavtal (SLA)</dt><dd><YesNo value={i.operatingAgreement} /></dd></div>
      </dl>
      {i.notes && <><h2>Anteckningar</h2><p class="notes">{i.notes}</p></>}
      <p class="meta">Version {i.version}, senast ändrad {date(i.updatedAt)}.</p>
    </>
  );
};

/** The governing documents that cover an installation: what it is governed by, and whether each is reviewed in time. */
export const CoveringDocumentsSection: FC<{ documents: CoveringDocument[]; today: string }> = ({ documents, today }) => (
  <section aria-labelledby="styrdokument">
    <h2 id="styrdokument">Styrdokument</h2>
    {documents.length === 0 ? (
      <p>Inga styrdokument är kopplade till systemet. Kopplingen görs på dokumentet under <a href="/styrdokument">Styrdokument</a>.</p>
    ) : (
      <table>
        <caption>Styrdokument som gäller systemet</caption>
        <thead><tr><th scope="col">Titel</th><th scope="col">Typ</th><th scope="col">Granskning</th><th scope="col">Nästa granskning</th></tr></thead>
        <tbody>
          {documents.map((d) => (
            <tr>
              <th scope="row"><a href={`/styrdokument/${d.id}`}>{d.title}</a></th>
              <td>{documentTypeLabel[d.type]}</td>
              <td><ReviewStatusTag status={d.status} /></td>
              <td>{date(d.nextReviewOn)} ({reviewDistance(d.nextReviewOn, today).toLowerCase()})</td>
            </tr>
          ))}
        </tbody>
      </table>
    )}
  </section>
);
