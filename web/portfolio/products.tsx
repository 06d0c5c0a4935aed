import type { FC } from 'hono/jsx';
import type { Abilities } from '../../worker/access/permissions.ts';
import type { FormValues } from '../../worker/forms.ts';
import { issuesByField } from '../../worker/forms.ts';
import type { FieldIssue } from '../../worker/outcome.ts';
import type { listProducts } from '../../worker/portfolio/queries.ts';
import { ErrorSummary, TextField, VersionField } from '../components/forms.tsx';
import { EmptyState, Notice, PageHeader, ScrollTable } from '../components/page.tsx';
import { count, productLabel } from '../format.ts';

export const ProductListPage: FC<{ products: Awaited<ReturnType<typeof listProducts>>; notice?: string; may: Abilities }> = ({ products, notice, may }) => (
  <>
    <PageHeader title="Produkter" lead="Leverantörernas produkter. Två kommuner har ”samma applikation” i strategins mening när de använder samma produkt."
      actions={may.addProducts && <a class="button" href="/produkter/ny">Lägg till produkt</a>} />
    <Notice message={notice} />
    {products.length === 0 ? (
      <EmptyState><p>Inga produkter är registrerade.{may.addProducts && <> <a href="/produkter/ny">Lägg till den första</a>.</>}</p></EmptyState>
    ) : (
      <ScrollTable label="Produkter">
        <table>
          <thead>
            <tr><th scope="col">Leverantör</th><th scope="col">Produkt</th><th scope="col" class="num">Används i system</th><th scope="col"><span class="visually-hidden">Åtgärd</span></th></tr>
          </thead>
          <tbody>
            {products.map((p) => (
              <tr>
                <td>{p.vendor}</td>
                <th scope="row">{p.name}</th>
                <td class="num">{count(p.installations)}</td>
                <td>{may.admin && <a href={`/produkter/${p.id}/andra`}>Ändra<span class="visually-hidden"> {productLabel(p.vendor, p.name)}</span></a>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    )}
  </>
);

export const productLabels: Record<string, string> = { vendor: 'Leverantör', name: 'Produktnamn' };

type FormProps = { action: string; values: FormValues; issues?: FieldIssue[]; error?: string; version?: number; deleteHref?: string };

export const ProductForm: FC<FormProps> = ({ action, values, issues = [], error, version, deleteHref }) => {
  const errors = issuesByField(issues);
  return (
    <>
      <form method="post" action={action} class="form" novalidate>
        <ErrorSummary error={error} issues={issues} labels={productLabels} />
        {version !== undefined && <VersionField version={version} />}
        <TextField name="vendor" label="Leverantör" value={values.vendor} error={errors.vendor} required />
        <TextField name="name" label="Produktnamn" value={values.name} error={errors.name} required />
        <button type="submit" class="button primary">Spara</button>
      </form>
      {deleteHref && <p><a class="danger-link" href={deleteHref}>Ta bort produkten</a></p>}
    </>
  );
};
