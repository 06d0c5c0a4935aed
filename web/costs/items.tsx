import type { FC } from 'hono/jsx';
import { costCategories, type CostCategory } from '../../schema/costs.ts';
import { categoryLabel } from '../../worker/costs/cost-schemas.ts';
import type { CostItem, ItemFormChoices } from '../../worker/costs/cost-queries.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import { issuesByField } from '../../worker/forms.ts';
import { ErrorSummary, SelectField, TextArea, TextField, VersionField } from '../components/forms.tsx';
import { ConfirmDelete, EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import type { ClosedYear } from '../../worker/costs/years.ts';
import { date } from '../format.ts';
import { kronorWithOre } from './calculator.tsx';

/** Whether the year is closed, and who may close or reopen it. */
export type YearState = { closed?: ClosedYear; canClose: boolean; canReopen: boolean };

const YearStatus: FC<{ year: number; state: YearState; items: CostItem[] }> = ({ year, state, items }) => (
  <section aria-labelledby="bokslut" class="year-status">
    <h2 id="bokslut">Bokslut {year}</h2>
    {state.closed ? (
      <>
        <p><strong>Stängt</strong> {date(state.closed.closedAt.slice(0, 10))} av {state.closed.closedBy}.{state.closed.note && ` ${state.closed.note}`} Kostnaderna och fördelningsnycklarnas delar för {year} kan inte ändras, och fakturaunderlagen visar andelarna som de var när året stängdes.</p>
        {state.canReopen && (
          <form method="post" action={`/kostnader/ar/${year}/oppna`} class="inline-form">
            <TextField name="reason" label="Skäl att öppna året igen" hint="Skälet sparas i ändringsloggen." required />
            <button type="submit" class="button secondary">Öppna {year} igen</button>
          </form>
        )}
      </>
    ) : (
      <>
        <p><strong>Öppet.</strong> Kostnaderna för {year} kan ändras. När året stängs låses kostnaderna och andelarna; bara en administratör kan öppna det igen.</p>
        {state.canClose && items.length > 0 && (
          <form method="post" action={`/kostnader/ar/${year}/stang`} class="inline-form">
            <TextField name="note" label="Anteckning (valfritt)" />
            <button type="submit" class="button secondary">Stäng {year}</button>
          </form>
        )}
      </>
    )}
  </section>
);

export const CostItemsPage: FC<{ year: number; items: CostItem[]; canChange: boolean; state: YearState; notice?: string }> = ({ year, items, canChange, state, notice }) => {
  const total = items.reduce((s, i) => s + i.amountOre, 0);
  const budget = items.reduce((s, i) => s + (i.budgetOre ?? 0), 0);
  const editable = canChange && !state.closed;
  return (
    <>
      <PageHeader title={`Kostnader ${year}`} lead="Gemensamma kostnader och hur de fördelas på kommunerna med fördelningsnycklar."
        actions={<>
          {editable && <a class="button" href={`/kostnader/ny?ar=${year}`}>Ny kostnad</a>}
          <a href="/kostnader/nycklar">Fördelningsnycklar</a>
          <a href={`/kostnader/budget?ar=${year}`}>Budget och utfall</a>
          <a href="/kostnader/kalkylator">Kostnadskalkylator</a>
          <a href={`/kostnader/fakturaunderlag?ar=${year}`}>Fakturaunderlag</a>
        </>} />
      <Notice message={notice} />
      <nav aria-label="År" class="year-nav">
        <a href={`/kostnader?ar=${year - 1}`}>← {year - 1}</a> <a href={`/kostnader?ar=${year + 1}`}>{year + 1} →</a>
      </nav>
      {items.length === 0 ? <EmptyState><p>Inga kostnader för {year}.</p></EmptyState> : (
        <ScrollTable label={`Kostnader ${year}`}>
          <table>
            <caption>Kostnader {year}</caption>
            <thead><tr><th scope="col">Kostnad</th><th scope="col">Kategori</th><th scope="col">Hör till</th><th scope="col">Nyckel</th><th scope="col">Fördelning</th><th scope="col" class="num">Budget</th><th scope="col" class="num">Utfall</th></tr></thead>
            <tbody>
              {items.map((i) => (
                <tr>
                  <th scope="row">{editable ? <a href={`/kostnader/${i.id}`}>{i.description || `Kostnad ${i.id}`}</a> : (i.description || `Kostnad ${i.id}`)}</th>
                  <td>{categoryLabel[i.category]}</td>
                  <td>{i.collaborationName ? `Samverkan: ${i.collaborationName}` : i.subareaName ? `Teknikområde: ${i.subareaName}` : 'Alla'}</td>
                  <td>{i.keyName}</td>
                  <td>{i.shares ? `${i.shares.length} kommuner${i.beneficiaryCode ? `, ersättning till ${i.beneficiaryCode}` : ''}` : <span class="error-message">{i.problem}</span>}</td>
                  <td class="num">{i.budgetOre === null ? '–' : kronorWithOre(i.budgetOre)}</td>
                  <td class="num">{kronorWithOre(i.amountOre)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot><tr><th scope="row" colspan={5}>Summa</th><td class="num">{kronorWithOre(budget)}</td><td class="num">{kronorWithOre(total)}</td></tr></tfoot>
          </table>
        </ScrollTable>
      )}
      <YearStatus year={year} state={state} items={items} />
    </>
  );
};

export type ItemFormValues = Record<string, string>;

export const CostItemForm: FC<{
  action: string; values: ItemFormValues; choices: ItemFormChoices; issues: FieldIssue[]; error?: string;
  item?: CostItem; checked: string[];
}> = ({ action, values, choices, issues, error, item, checked }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <PageHeader title={item ? `Ändra kostnad` : 'Ny kostnad'} crumbs={[{ href: `/kostnader?ar=${values.year ?? ''}`, label: 'Kostnader' }]} />
      <ErrorSummary error={error} issues={issues} />
      <form method="post" action={action} novalidate>
        {item && <VersionField version={item.version} />}
        <TextField name="year" label="År" value={values.year} error={errors.year} inputmode="numeric" size="short" required />
        <TextField name="amountOre" label="Belopp, utfall (kr)" hint="Negativt belopp för en kreditering, t.ex. -5 000." value={values.amountOre} error={errors.amountOre} inputmode="decimal" required />
        <TextField name="budgetOre" label="Budget (kr)" hint="Lämna tomt om kostnaden inte är budgeterad." value={values.budgetOre} error={errors.budgetOre} inputmode="decimal" />
        <SelectField name="category" label="Kategori" value={values.category} error={errors.category} empty="Välj kategori"
          options={costCategories.map((c: CostCategory) => ({ value: c, label: categoryLabel[c] }))} />
        <TextArea name="description" label="Beskrivning" value={values.description} error={errors.description} />
        <SelectField name="keyId" label="Fördelningsnyckel" hint="Lämna tomt för en samverkans kostnad: dess avtalade nyckel används." value={values.keyId} error={errors.keyId} empty="Samverkans avtalade nyckel"
          options={choices.keys.map((k) => ({ value: String(k.id), label: k.name }))} />
        <SelectField name="collaborationId" label="Samverkan" hint="Lämna tomt för en kostnad som är gemensam för alla eller hör till ett teknikområde." value={values.collaborationId} error={errors.collaborationId} empty="Ingen"
          options={choices.collaborations.map((k) => ({ value: String(k.id), label: k.name }))} />
        <SelectField name="beneficiaryCode" label="Kompenserad kommun (solidarisk finansiering)" hint="Kommunen som ersätts för att ha bytt ut ett fungerande system i förtid för att gå med i samverkan. Deltagarna delar kostnaden med samverkans nyckel och kommunen krediteras beloppet." value={values.beneficiaryCode} error={errors.beneficiaryCode} empty="Ingen"
          options={choices.municipalities.map((m) => ({ value: m.code, label: `${m.name} (${m.code})` }))} />
        <SelectField name="subareaId" label="Teknikområde" value={values.subareaId} error={errors.subareaId} empty="Inget"
          options={choices.subareas.map((k) => ({ value: String(k.id), label: k.name }))} />
        <SelectField name="applicationId" label="Applikation" hint="Behövs för underlagen användare och licenser." value={values.applicationId} error={errors.applicationId} empty="Ingen"
          options={choices.applications.map((k) => ({ value: String(k.id), label: k.name }))} />
        <fieldset class={errors.participants ? 'field field-error' : 'field'} id="f-participants">
          <legend>Deltagare</legend>
          <p class="hint">Inga valda: samverkans deltagare, annars alla kommuner.</p>
          {errors.participants && <p class="error-message">{errors.participants}</p>}
          {choices.municipalities.map((m) => (
            <div class="checkbox"><input type="checkbox" id={`f-participants-${m.code}`} name="participants" value={m.code} checked={checked.includes(m.code)} />
              <label for={`f-participants-${m.code}`}>{m.name} ({m.code})</label></div>
          ))}
        </fieldset>
        <button type="submit" class="button">Spara</button>
      </form>
      {item && (
        <>
          <h2>Fördelning</h2>
          {item.shares ? (
            <table><thead><tr><th scope="col">Kommun</th><th scope="col" class="num">Belopp</th></tr></thead>
              <tbody>{item.shares.map((s) => <tr><th scope="row">{s.municipality}</th><td class="num">{kronorWithOre(s.amountOre)}</td></tr>)}</tbody></table>
          ) : <p>{item.problem}</p>}
          <h2>Ta bort</h2>
          <ConfirmDelete action={`/kostnader/${item.id}/ta-bort`} version={item.version} what="kostnaden" back={`/kostnader?ar=${item.year}`} />
        </>
      )}
    </>
  );
};
