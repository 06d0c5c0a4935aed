import type { FC } from 'hono/jsx';
import type { Permission } from '../../worker/access/permissions.ts';
import type { OpenApiDocument } from '../../worker/openapi/document.ts';
import { PageHeader } from '../components/page.tsx';
import { constraintsOf, fieldsOf, typeOf, type Schema } from './fields.ts';

/**
 * The API reference, rendered on the server from the generated OpenAPI document — no script,
 * no external viewer. The document's own texts (summaries, descriptions) are English, as the
 * API is; they are marked `lang="en"` so screen readers pronounce them right.
 */

const who: Record<Permission, string> = {
  public: 'Alla, utan inloggning',
  signedIn: 'Alla inloggade, för sitt eget konto',
  read: 'Alla roller',
  register: 'Administratörer och redaktörer (redaktörer i sina egna kommuner)',
  installations: 'Administratörer, redaktörer (sina kommuner) och ekonomihandläggare (bara kostnadsfälten)',
  products: 'Administratörer och redaktörer',
  costs: 'Administratörer och ekonomihandläggare',
  changes: 'Administratörer och redaktörer (redaktörer i sina egna kommuner)',
  admin: 'Administratörer (IT-chefsgruppen)',
};

type Parameter = { name: string; in: string; required: boolean; description?: string; schema: Schema };
type Op = {
  operationId: string; summary: string; description: string; tags: string[]; 'x-permission': Permission | null;
  security: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { required: boolean; description?: string; content: Record<string, { schema: Schema }> };
  responses: Record<string, { description?: string; $ref?: string; content?: Record<string, unknown> }>;
};

const place: Record<string, string> = { path: 'sökväg', query: 'fråga' };

/** `text` with its `code` spans as <code>; bold markers dropped. */
const Inline: FC<{ text: string }> = ({ text }) => (
  <>{text.replace(/\*\*/g, '').split('`').map((part, i) => (i % 2 === 1 ? <code>{part}</code> : part))}</>
);

const Constraints: FC<{ list: string[] }> = ({ list }) => (list.length ? <>{list.join('; ')}</> : <span class="meta">–</span>);

const responseText = (status: string, r: Op['responses'][string]) =>
  r.$ref ? `${status} ${r.$ref.split('/').pop()}` : `${status}${r.content ? ` (${Object.keys(r.content).join(', ')})` : ''}`;

const Operation: FC<{ method: string; path: string; op: Op }> = ({ method, path, op }) => {
  const label = `${method.toUpperCase()} ${path}`;
  const body = op.requestBody;
  const json = body?.content['application/json']?.schema;
  const notes = op.description.split('\n\n').filter((p) => !p.startsWith('**Permission'));
  const success = Object.entries(op.responses).filter(([s]) => s.startsWith('2'));
  const errors = Object.entries(op.responses).filter(([s]) => !s.startsWith('2'));
  return (
    <section class="api-operation" id={op.operationId} aria-labelledby={`${op.operationId}-title`}>
      <h3 id={`${op.operationId}-title`}>
        <span class={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code class="api-path">{path}</code>
      </h3>
      <p lang="en" class="api-summary"><Inline text={op.summary} /></p>
      {notes.map((note) => <p lang="en"><Inline text={note} /></p>)}
      <dl class="facts api-facts">
        <div><dt>Vem får anropa</dt><dd>{op['x-permission'] ? <>{who[op['x-permission']]} (<code>{op['x-permission']}</code>)</> : 'Ej angivet'}</dd></div>
        <div><dt>Inloggning</dt><dd>{op.security.length === 0 ? 'Behövs inte' : op.security.some((s) => 'bearerAuth' in s) ? 'API-nyckel eller inloggad session' : 'Bara inloggad session (inte API-nyckel)'}</dd></div>
        <div><dt>Svar</dt><dd>{success.map(([s, r]) => responseText(s, r)).join(', ')}</dd></div>
        {errors.length > 0 && <div><dt>Fel</dt><dd>{errors.map(([s]) => s).join(', ')}</dd></div>}
      </dl>
      {op.parameters && op.parameters.length > 0 && (
        <table class="api-table">
          <caption>Parametrar till {label}</caption>
          <thead><tr><th scope="col">Namn</th><th scope="col">Var</th><th scope="col">Typ</th><th scope="col">Krävs</th><th scope="col">Villkor</th></tr></thead>
          <tbody>
            {op.parameters.map((p) => (
              <tr>
                <th scope="row"><code>{p.name}</code></th>
                <td>{place[p.in] ?? p.in}</td>
                <td><code>{typeOf(p.schema)}</code></td>
                <td>{p.required ? 'Ja' : 'Nej'}</td>
                <td><Constraints list={constraintsOf(p.schema)} />{p.description && <span class="meta" lang="en"> {p.description}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {json && json.additionalProperties === false && <p class="meta">Andra fält än de i tabellen avvisas med 400.</p>}
      {json && (
        <table class="api-table">
          <caption>JSON-innehåll till {label}{body?.required ? '' : ' (kan utelämnas)'}</caption>
          <thead><tr><th scope="col">Fält</th><th scope="col">Typ</th><th scope="col">Krävs</th><th scope="col">Villkor</th></tr></thead>
          <tbody>
            {fieldsOf(json).map((f) => (
              <tr>
                <th scope="row"><code>{f.name}</code></th>
                <td><code>{f.type}</code></td>
                <td>{f.required ? 'Ja' : 'Nej'}</td>
                <td><Constraints list={f.constraints} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {body && !json && <p>Innehåll: en fil ({Object.keys(body.content).join(' eller ')}). {body.description && <span lang="en"><Inline text={body.description} /></span>}</p>}
    </section>
  );
};

/** An area's slug: its page is `/api-dokumentation?omrade=<slug>`. */
export const tagSlug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
const tagId = (name: string) => `tagg-${tagSlug(name)}`;
const base = '/api-dokumentation';

/**
 * The reference: the index lists every operation (method, path, summary) by area and links to
 * the area's page, which shows its operations in full — the whole API on one page would pass
 * issue 10's 150 kB page budget. `tag` is the area shown, or undefined for the index.
 */
export const ApiReferencePage: FC<{ document: OpenApiDocument; origin: string; tag?: string }> = ({ document, origin, tag }) => {
  const byTag = new Map<string, { method: string; path: string; op: Op }[]>();
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods as Record<string, Op>)) {
      const list = byTag.get(op.tags[0]!) ?? [];
      list.push({ method, path, op });
      byTag.set(op.tags[0]!, list);
    }
  }
  const count = [...byTag.values()].reduce((n, list) => n + list.length, 0);
  const area = tag === undefined ? undefined : document.tags.find((t) => tagSlug(t.name) === tag && byTag.has(t.name));
  if (area) {
    return (
      <>
        <PageHeader title={`API-dokumentation: ${area.name}`} crumbs={[{ href: base, label: 'API-dokumentation' }]}
          lead={<span lang="en">{area.description}</span>} />
        {byTag.get(area.name)!.map((o) => <Operation {...o} />)}
      </>
    );
  }
  return (
    <>
      <PageHeader title="API-dokumentation" lead={<>JSON-API:t under <code>/api/v1</code>: {count} anrop, beskrivna ur samma valideringsregler som servern använder. Beskrivningen finns också som OpenAPI 3.1 för verktyg: <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</>} />
      <h2>Så använder du API:t</h2>
      <ul>
        <li>Skicka en API-nyckel i huvudet <code>{'Authorization: Bearer <nyckel>'}</code>. Administratörer skapar nycklar under <a href="/api-nycklar">API-nycklar</a>; en nyckel har en roll och kommuner, som ett konto.</li>
        <li>Fältnamn är på engelska i camelCase, pengar anges i hela öre och datum som ÅÅÅÅ-MM-DD.</li>
        <li>Felaktiga uppgifter ger <code>400 {'{ error, issues: [{ path, message }] }'}</code> med meddelanden på svenska, och ingenting sparas.</li>
        <li>En ändring (PATCH) skickar med <code>version</code> som du läste; har någon annan hunnit ändra blir svaret 409.</li>
        <li>Regler mellan flera fält och mot registret (finns applikationen, är kommunen redaktörens) står inte i tabellerna – servern kontrollerar dem och svarar 400, 403 eller 409.</li>
      </ul>
      <pre class="api-example"><code>{`curl -H "Authorization: Bearer $NYCKEL" ${origin}/api/v1/municipalities`}</code></pre>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">Innehåll</h2>
        <ul class="api-contents">
          {document.tags.map((t) => byTag.has(t.name) && <li><a href={`#${tagId(t.name)}`} lang="en">{t.name}</a> ({byTag.get(t.name)!.length})</li>)}
        </ul>
      </nav>
      {document.tags.map((t) => byTag.has(t.name) && (
        <section aria-labelledby={tagId(t.name)}>
          <h2 id={tagId(t.name)} lang="en">{t.name}</h2>
          <p lang="en">{t.description} <a href={`${base}?omrade=${tagSlug(t.name)}`} lang="sv">Alla detaljer om {t.name}</a></p>
          <ul class="api-operation-list">
            {byTag.get(t.name)!.map(({ method, path, op }) => (
              <li class="api-operation-link">
                <a href={`${base}?omrade=${tagSlug(t.name)}#${op.operationId}`}>
                  <span class={`api-method api-method-${method}`}>{method.toUpperCase()}</span> <code>{path}</code>
                </a> <span lang="en">{op.summary}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </>
  );
};
