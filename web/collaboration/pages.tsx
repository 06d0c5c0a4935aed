import type { FC } from 'hono/jsx';
import type { FormValues } from '../../worker/forms.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { Collaboration, CollaborationDetail } from '../../worker/collaboration/queries.ts';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField, fieldId, type Option } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { date } from '../format.ts';
import { levelLabel, levels } from './levels.ts';

type Names = Map<string, string>;
const names = (codes: string[], municipalities: Names) => codes.map((c) => municipalities.get(c) ?? c).join(', ');

export const CollaborationListPage: FC<{ collaborations: Collaboration[]; municipalities: Names; admin: boolean; notice?: string }> = ({ collaborations, municipalities, admin, notice }) => (
  <>
    <PageHeader title="Samverkan" lead="Applikationer som två eller flera kommuner delar, på nivå 2–5 enligt strategin."
      actions={<>
        {admin && <a class="button" href="/samverkan/ny">Starta samverkan</a>}
        <a class="button secondary" href="/samverkan/fordelning">Fördelning mellan kommunerna</a>
        <a class="button secondary" href="/prioritering">Prioriteringslista</a>
      </>} />
    <Notice message={notice} />
    {collaborations.length === 0 ? (
      <EmptyState><p>Ingen samverkan är registrerad än.{admin && <> <a href="/samverkan/ny">Starta den första</a>, eller välj en kandidat i <a href="/prioritering">prioriteringslistan</a>.</>}</p></EmptyState>
    ) : (
      <ScrollTable label="Samverkan">
        <table>
          <thead>
            <tr><th scope="col">Applikation</th><th scope="col">Nivå</th><th scope="col">Deltagare</th><th scope="col">Värdkommun</th><th scope="col">Systemägare</th><th scope="col">Läge</th></tr>
          </thead>
          <tbody>
            {collaborations.map((c) => (
              <tr>
                <th scope="row"><a href={`/samverkan/${c.id}`}>{c.applicationName}</a></th>
                <td>{levelLabel(c.level)}</td>
                <td>{names(c.participants, municipalities)}</td>
                <td>{municipalities.get(c.host) ?? c.host}</td>
                <td>{c.owner?.name ?? '–'}</td>
                <td>{c.active ? 'Pågår' : `Avslutad ${date(c.endedOn)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

export const CollaborationPage: FC<{ c: CollaborationDetail; municipalities: Names; admin: boolean; notice?: string }> = ({ c, municipalities, admin, notice }) => (
  <>
    <PageHeader title={`Samverkan om ${c.applicationName}`} crumbs={[{ href: '/samverkan', label: 'Samverkan' }]}
      lead={`${levelLabel(c.level)} · ${c.participants.length} kommuner · ${c.active ? 'pågår' : `avslutad ${date(c.endedOn)}`}`}
      actions={<>
        {admin && <a class="button" href={`/samverkan/${c.id}/andra`}>Ändra</a>}
        <a class="button secondary" href={`/applikationer/${c.applicationId}`}>Applikationen</a>
        {admin && <a class="button danger-link" href={`/samverkan/${c.id}/ta-bort`}>Ta bort</a>}
      </>} />
    <Notice message={notice} />
    <p class="level-explanation">{levels[c.level]?.explanation}</p>
    <dl class="facts">
      <div><dt>Deltagare</dt><dd>{names(c.participants, municipalities)}</dd></div>
      <div><dt>Värdkommun (driftar eller är expert)</dt><dd>{municipalities.get(c.host) ?? c.host}</dd></div>
      <div><dt>Gemensam systemägare</dt><dd>{c.owner ? <a href={`/personer/${c.owner.id}`}>{c.owner.name}</a> : 'Ingen'}</dd></div>
      <div><dt>Omfattning</dt><dd>{c.scope || '–'}</dd></div>
      <div><dt>Område</dt><dd>{c.area || '–'}</dd></div>
      <div><dt>Lägsta och högsta nivå</dt><dd>{c.lowestLevel ?? 2}–{c.highestLevel ?? 5}</dd></div>
      <div><dt>Gäller</dt><dd>{date(c.validFrom)} – {c.validTo ? date(c.validTo) : 'tills vidare'}</dd></div>
      <div><dt>Beslut</dt><dd>{c.decisionReference || '–'}{c.decisionDate ? `, ${date(c.decisionDate)}` : ''}</dd></div>
      <div><dt>Fördelningsnyckel för kostnaderna</dt><dd>{c.allocationKey ? c.allocationKey.name : 'Ingen avtalad'}</dd></div>
    </dl>
    {c.serviceLevels && <><h2>Servicenivåer</h2><p class="notes">{c.serviceLevels}</p></>}
    <h2>Nivåhistorik</h2>
    <ScrollTable label="Nivåhistorik">
      <table>
        <thead><tr><th scope="col">Från och med</th><th scope="col">Nivå</th><th scope="col">Kommentar</th><th scope="col">Registrerad av</th></tr></thead>
        <tbody>
          {c.history.map((h) => <tr><td>{date(h.on)}</td><td>{levelLabel(h.level)}</td><td>{h.note || '–'}</td><td>{h.actor}</td></tr>)}
        </tbody>
      </table>
    </ScrollTable>
  </>
);

export const collaborationLabels: Record<string, string> = {
  applicationId: 'Applikation', level: 'Samverkansnivå', participants: 'Deltagande kommuner', host: 'Värdkommun', ownerId: 'Gemensam systemägare',
  scope: 'Omfattning', area: 'Område', lowestLevel: 'Lägsta nivå', highestLevel: 'Högsta nivå', validFrom: 'Gäller från', validTo: 'Gäller till',
  decisionReference: 'Beslut (diarienummer)', decisionDate: 'Beslutsdatum', serviceLevels: 'Servicenivåer', allocationKeyId: 'Fördelningsnyckel', levelChangedOn: 'Nivån gäller från',
  levelNote: 'Kommentar till nivån', endedOn: 'Avslutad',
};

type FormProps = {
  action: string; values: FormValues; participants: string[]; issues?: FieldIssue[]; error?: string; version?: number;
  applications?: Option[]; municipalities: Option[]; people: Option[]; allocationKeys: Option[];
};

/** One form for starting and changing a collaboration; the level is chosen with the strategy's explanation beside it. */
export const CollaborationForm: FC<FormProps> = ({ action, values, participants, issues = [], error, version, applications, municipalities, people, allocationKeys }) => {
  const errors = issuesByField(issues);
  const field = (name: string) => ({ name, label: collaborationLabels[name]!, value: values[name] ?? '', error: errors[name] });
  const levelOptions = [2, 3, 4, 5].map((n) => ({ value: String(n), label: levelLabel(n) }));
  return (
    <form method="post" action={action} class="form" novalidate>
      <ErrorSummary error={error} issues={issues} labels={collaborationLabels} />
      {version !== undefined && <VersionField version={version} />}
      {applications && <SelectField {...field('applicationId')} options={applications} empty="Välj applikation" required />}
      <fieldset class={errors.level ? 'field-error' : undefined}>
        <legend>{collaborationLabels.level}</legend>
        {errors.level && <p class="error-message" id={`${fieldId('level')}-fel`}><span class="visually-hidden">Fel: </span>{errors.level}</p>}
        {[2, 3, 4, 5].map((n) => (
          <div class="field radio">
            <input type="radio" name="level" id={n === 2 ? fieldId('level') : `${fieldId('level')}-${n}`} value={String(n)} checked={values.level === String(n)} aria-describedby={`level-${n}-explanation`} />
            <label for={n === 2 ? fieldId('level') : `${fieldId('level')}-${n}`}>{levelLabel(n)}</label>
            <p class="hint" id={`level-${n}-explanation`}>{levels[n]!.explanation}</p>
          </div>
        ))}
      </fieldset>
      {version !== undefined && (
        <>
          <TextField {...field('levelChangedOn')} type="date" size="short" hint="Om nivån ändras: dagen den nya nivån gäller från (annars i dag)." />
          <TextField {...field('levelNote')} hint="Om nivån ändras: varför, t.ex. beslutet." />
        </>
      )}
      <fieldset class={errors.participants ? 'field-error' : undefined}>
        <legend>{collaborationLabels.participants}</legend>
        {errors.participants && <p class="error-message" id={`${fieldId('participants')}-fel`}><span class="visually-hidden">Fel: </span>{errors.participants}</p>}
        {municipalities.map((m, i) => (
          <div class="field checkbox">
            <input type="checkbox" name="participants" value={m.value} id={i === 0 ? fieldId('participants') : `${fieldId('participants')}-${m.value}`} checked={participants.includes(m.value)} />
            <label for={i === 0 ? fieldId('participants') : `${fieldId('participants')}-${m.value}`}>{m.label}</label>
          </div>
        ))}
      </fieldset>
      <SelectField {...field('host')} options={municipalities} empty="Välj värdkommun" hint="Kommunen som driftar lösningen eller är expert på den." required />
      <SelectField {...field('ownerId')} options={people} empty="Ingen (bara nivå 2)" hint="Från nivå 3 har samverkan en gemensam systemägare. Saknas personen? Lägg till den under Personer och roller." />
      <fieldset>
        <legend>Överenskommelsen</legend>
        <TextArea {...field('scope')} hint="Vad samverkan omfattar." />
        <TextField {...field('area')} />
        <SelectField {...field('lowestLevel')} options={levelOptions} empty="Ingen gräns" hint="Lägsta nivå som kommunerna måste uppnå." />
        <SelectField {...field('highestLevel')} options={levelOptions} empty="Ingen gräns" hint="Över den nivån följer en kommun inte längre överenskommelsen." />
        <TextField {...field('validFrom')} type="date" size="short" />
        <TextField {...field('validTo')} type="date" size="short" />
        <TextField {...field('decisionReference')} />
        <TextField {...field('decisionDate')} type="date" size="short" />
        <TextArea {...field('serviceLevels')} hint="Leveransåtagande och servicenivåer i driftavtalet." />
        <SelectField {...field('allocationKeyId')} options={allocationKeys} empty="Ingen avtalad" hint="Samverkans kostnader fördelas med den här nyckeln om inget annat anges; solidarisk finansiering alltid." />
        {version !== undefined && <TextField {...field('endedOn')} type="date" size="short" hint="Fyll i för att avsluta samverkan. Historiken finns kvar." />}
      </fieldset>
      <button type="submit" class="button primary">Spara</button>
    </form>
  );
};
