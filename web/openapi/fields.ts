/**
 * A JSON Schema (as generated from the valibot schemas) as rows a person reads: one per field,
 * nested fields dotted (`populations[].year`), with its type, whether it is required and its
 * constraints in Swedish words.
 */
export type Schema = Record<string, unknown>;
export type Field = { name: string; type: string; required: boolean; constraints: string[]; description?: string };

const isObject = (value: unknown): value is Schema => typeof value === 'object' && value !== null && !Array.isArray(value);

/** `X | null` unwrapped to X, so a nullable object's fields are still listed. */
function withoutNull(schema: Schema): { schema: Schema; nullable: boolean } {
  const anyOf = Array.isArray(schema.anyOf) ? (schema.anyOf as Schema[]) : undefined;
  if (!anyOf) return { schema, nullable: false };
  const rest = anyOf.filter((s) => s.type !== 'null');
  return rest.length === 1 && rest.length < anyOf.length ? { schema: rest[0]!, nullable: true } : { schema, nullable: false };
}

/** The type in JSON's own words: `string`, `integer | null`, `array of string`, `"value"`. */
export function typeOf(input: Schema): string {
  const { schema, nullable } = withoutNull(input);
  const suffix = nullable ? ' | null' : '';
  if ('const' in schema) return JSON.stringify(schema.const) + suffix;
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (Array.isArray(alternatives)) return (alternatives as Schema[]).map(typeOf).join(' | ') + suffix;
  // A variant of a union names itself by its discriminator: `object (type: "join")`.
  const tag = isObject(schema.properties) ? Object.entries(schema.properties).find(([, p]) => isObject(p) && 'const' in p) : undefined;
  if (schema.type === 'object' && tag) return `object (${tag[0]}: ${JSON.stringify((tag[1] as Schema).const)})${suffix}`;
  if (schema.type === 'array') return `array of ${isObject(schema.items) ? typeOf(schema.items) : 'any'}${suffix}`;
  if (schema.type === 'object' && isObject(schema.additionalProperties) && !isObject(schema.properties)) {
    return `object of ${typeOf(schema.additionalProperties)}${suffix}`;
  }
  if (Array.isArray(schema.type)) return schema.type.join(' | ') + suffix;
  return (typeof schema.type === 'string' ? schema.type : 'any') + suffix;
}

const formats: Record<string, string> = { date: 'datum ÅÅÅÅ-MM-DD', 'date-time': 'tidpunkt (ISO 8601)', email: 'e-postadress', uuid: 'UUID', uri: 'adress (URL)' };

/** The constraints of one schema (not of its nested fields), in Swedish. */
export function constraintsOf(input: Schema): string[] {
  const { schema } = withoutNull(input);
  const out: string[] = [];
  if (Array.isArray(schema.enum)) out.push(`ett av: ${schema.enum.map((e) => JSON.stringify(e)).join(', ')}`);
  if (typeof schema.minLength === 'number') out.push(`minst ${schema.minLength} tecken`);
  if (typeof schema.maxLength === 'number') out.push(`högst ${schema.maxLength} tecken`);
  if (typeof schema.minimum === 'number') out.push(`≥ ${schema.minimum}`);
  if (typeof schema.exclusiveMinimum === 'number') out.push(`> ${schema.exclusiveMinimum}`);
  if (typeof schema.maximum === 'number') out.push(`≤ ${schema.maximum}`);
  if (typeof schema.exclusiveMaximum === 'number') out.push(`< ${schema.exclusiveMaximum}`);
  if (typeof schema.minItems === 'number') out.push(`minst ${schema.minItems} element`);
  if (typeof schema.maxItems === 'number') out.push(`högst ${schema.maxItems} element`);
  if (typeof schema.pattern === 'string') out.push(`mönster ${schema.pattern}`);
  if (typeof schema.format === 'string') out.push(formats[schema.format] ?? `format ${schema.format}`);
  if (schema.additionalProperties === false && isObject(schema.properties)) out.push('inga andra fält');
  if ('default' in schema) out.push(`standard: ${JSON.stringify(schema.default)}`);
  const items = schema.type === 'array' && isObject(schema.items) ? withoutNull(schema.items).schema : undefined;
  if (items && !isObject(items.properties)) out.push(...constraintsOf(items).map((c) => `varje element ${c}`));
  return out;
}

/** Every field of an object schema, nested ones after their parent. */
export function fieldsOf(schema: Schema, prefix = ''): Field[] {
  const properties = isObject(schema.properties) ? (schema.properties as Record<string, Schema>) : {};
  const required = new Set(Array.isArray(schema.required) ? (schema.required as string[]) : []);
  return Object.entries(properties).flatMap(([key, property]) => {
    const name = prefix ? `${prefix}.${key}` : key;
    const row: Field = {
      name, type: typeOf(property), required: required.has(key), constraints: constraintsOf(property),
      ...(typeof property.description === 'string' ? { description: property.description } : {}),
    };
    const inner = withoutNull(property).schema;
    const items = inner.type === 'array' && isObject(inner.items) ? withoutNull(inner.items).schema : undefined;
    return [row, ...(items ? nestedFields(items, `${name}[]`) : nestedFields(inner, name))];
  });
}

/** The fields inside an object, or inside each object of a union — those marked with their variant. */
function nestedFields(schema: Schema, name: string): Field[] {
  if (isObject(schema.properties)) return fieldsOf(schema, name);
  const alternatives = (schema.oneOf ?? schema.anyOf) as Schema[] | undefined;
  if (!Array.isArray(alternatives)) return [];
  return alternatives.filter((a) => isObject(a.properties)).flatMap((variant) => {
    const tag = Object.entries(variant.properties as Record<string, Schema>).find(([, p]) => isObject(p) && 'const' in p);
    const when = tag ? `när ${tag[0]} = ${JSON.stringify(tag[1].const)}` : undefined;
    return fieldsOf(variant, name).map((f) => (when && f.name !== `${name}.${tag![0]}` ? { ...f, constraints: [when, ...f.constraints] } : f));
  });
}
