import * as v from 'valibot';
import { applicationKinds } from '../../schema/portfolio.ts';

const kinds = v.pipe(
  v.array(v.picklist(applicationKinds, 'Okänd typ av applikation.'), 'Ange typerna som en lista.'),
  v.minLength(1, 'Ange minst en typ av applikation.'),
);

/** Installation fields whose "yes" a goal can count. */
export const goalFlags = ['traceability', 'operatingAgreement', 'twoFactor', 'singleSignOn'] as const;
export type GoalFlag = (typeof goalFlags)[number];

/**
 * A computed goal as data: what population, what condition, weighted how. Stored on the
 * goal row and validated before it is stored or evaluated (worker/goals/engine.ts turns it
 * into SQL). "In use" means an installation that is active or being retired.
 */
export const goalDefinition = v.variant('population', [
  v.strictObject({
    /** Applications in use by at least one member, of these kinds. */
    population: v.literal('applications'),
    kinds,
    condition: v.variant('type', [
      /** Has an active collaboration at this level or higher. */
      v.strictObject({ type: v.literal('levelAtLeast'), level: v.pipe(v.number('Ange nivån som ett tal.'), v.integer('Nivån är ett heltal.'), v.minValue(2, 'Nivån är 2–5.'), v.maxValue(5, 'Nivån är 2–5.')) }, 'Okänt fält i villkoret.'),
      /** Every member has it in use, all with the same product. */
      v.strictObject({ type: v.literal('sameProductEverywhere') }, 'Okänt fält i villkoret.'),
    ], 'Villkoret ska vara levelAtLeast eller sameProductEverywhere.'),
    /** Evaluate within each technical subarea; the goal's value is the lowest. */
    perSubarea: v.optional(v.boolean('perSubarea ska vara sant eller falskt.')),
  }, 'Okänt fält i definitionen.'),
  v.strictObject({
    /** Installations in use, of these kinds (all kinds when left out). */
    population: v.literal('installations'),
    kinds: v.optional(kinds),
    /** Only installations with at least this confidentiality class (1–4). */
    confidentialityAtLeast: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1, 'Klassen är 1–4.'), v.maxValue(4, 'Klassen är 1–4.'))),
    condition: v.strictObject({ type: v.literal('flag'), field: v.picklist(goalFlags, 'Okänt ja/nej-fält.') }, 'Okänt fält i villkoret.'),
    /** Count installations, or weigh each by its number of users. */
    weight: v.picklist(['count', 'users'], 'Vikten ska vara count eller users.'),
  }, 'Okänt fält i definitionen.'),
], 'Populationen ska vara applications eller installations.');

export type GoalDefinition = v.InferOutput<typeof goalDefinition>;
