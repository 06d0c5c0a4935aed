import * as v from 'valibot';
import { id, municipalityCode, wholeNumber } from '../validation.ts';
import type { Query } from './engine.ts';

/**
 * "What if": a change to try before deciding, e.g. "Mellerud joins the e-mail
 * collaboration" or "the GIS collaboration goes to level 3". Nothing is written: the changes
 * become common table expressions named like the tables they overlay, which SQLite reads in
 * place of the tables within the one query.
 */
export const whatIfSchema = v.strictObject({
  changes: v.pipe(
    v.array(v.variant('type', [
      v.strictObject({ type: v.literal('setLevel'), collaborationId: id('Samverkan'), level: wholeNumber('Nivå', 2, 5) }, 'Okänt fält.'),
      v.strictObject({ type: v.literal('join'), collaborationId: id('Samverkan'), municipality: municipalityCode('Kommun') }, 'Okänt fält.'),
      v.strictObject({
        type: v.literal('newCollaboration'), applicationId: id('Applikation'), level: wholeNumber('Nivå', 2, 5),
        participants: v.pipe(v.array(municipalityCode('Deltagare')), v.minLength(2, 'En samverkan behöver minst två deltagare.')),
      }, 'Okänt fält.'),
    ], 'Ändringen ska vara setLevel, join eller newCollaboration.'), 'Ange ändringarna som en lista.'),
    v.minLength(1, 'Ange minst en ändring att pröva.'),
    v.maxLength(20, 'Pröva högst 20 ändringar åt gången.'),
  ),
}, 'Okänt fält.');

export type WhatIf = v.InferOutput<typeof whatIfSchema>;

/** The overlay as a WITH clause; ids of imagined collaborations are negative so they never meet real ones. */
export function overlay(scenario: WhatIf): Query {
  const levelCases: string[] = [];
  const levelParams: (string | number)[] = [];
  const extraCollaborations: string[] = [];
  const extraCollaborationParams: (string | number)[] = [];
  const extraParticipants: string[] = [];
  const extraParticipantParams: (string | number)[] = [];
  scenario.changes.forEach((change, index) => {
    if (change.type === 'setLevel') {
      levelCases.push('WHEN id = ? THEN ?');
      levelParams.push(change.collaborationId, change.level);
    } else if (change.type === 'join') {
      extraParticipants.push('SELECT ?, ?, (SELECT application_id FROM main.collaboration WHERE id = ?), 1');
      extraParticipantParams.push(change.collaborationId, change.municipality, change.collaborationId);
    } else {
      const imagined = -(index + 1);
      extraCollaborations.push('SELECT ?, ?, ?, NULL');
      extraCollaborationParams.push(imagined, change.applicationId, change.level);
      for (const code of change.participants) {
        extraParticipants.push('SELECT ?, ?, ?, 1');
        extraParticipantParams.push(imagined, code, change.applicationId);
      }
    }
  });
  const level = levelCases.length ? `CASE ${levelCases.join(' ')} ELSE level END` : 'level';
  return {
    text: `WITH collaboration(id, application_id, level, ended_on) AS (
        SELECT id, application_id, ${level}, ended_on FROM main.collaboration
        ${extraCollaborations.map((s) => `UNION ALL ${s}`).join(' ')}),
      collaboration_participant(collaboration_id, municipality_code, application_id, active) AS (
        SELECT collaboration_id, municipality_code, application_id, active FROM main.collaboration_participant
        ${extraParticipants.map((s) => `UNION ALL ${s}`).join(' ')})`,
    params: [...levelParams, ...extraCollaborationParams, ...extraParticipantParams],
  };
}

/** A goal query evaluated as if the scenario were true. */
export const underScenario = (scenario: WhatIf, query: Query): Query => {
  const prefix = overlay(scenario);
  return { text: `${prefix.text} ${query.text}`, params: [...prefix.params, ...query.params] };
};
