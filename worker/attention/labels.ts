import type { AttentionKind, AttentionUrgency } from '../../schema/attention.ts';

/** Each group's heading on the pages, and what the group means in a sentence. */
export const kindLabel: Record<AttentionKind, { heading: string; about: string }> = {
  notice_deadline: {
    heading: 'Sista dag att säga upp avtal',
    about: 'Avtal vars sista dag för uppsägning infaller inom sex månader: ta upp dem med de andra kommunerna innan dess.',
  },
  upcoming_freeze: {
    heading: 'Frysperioder som börjar snart',
    about: 'Förändringsstopp som börjar inom sex veckor. Bara standardändringar, eller ändringar med godkänt undantag, görs under dem.',
  },
  contract_ending: {
    heading: 'Avtal som löper ut',
    about: 'Avtal som löper ut inom tolv månader, och avtal som redan har löpt ut för system som fortfarande är i bruk.',
  },
  overdue_document: {
    heading: 'Styrdokument som skulle ha granskats',
    about: 'Styrdokument vars granskningsdag har passerat.',
  },
  stalled_initiative: {
    heading: 'Initiativ som står still',
    about: 'Nya system vars initiativ inte har rört sig på mer än 60 dagar.',
  },
  missing_system_owner: {
    heading: 'System utan systemägare',
    about: 'System i bruk eller på väg in där ingen systemägare är utsedd, varken för kommunens system eller för en samverkan det ingår i.',
  },
  unconfirmed_installation: {
    heading: 'System som inte har bekräftats',
    about: 'System vars uppgifter inte har bekräftats på tolv månader.',
  },
};

/** The status in words (colour only repeats it). */
export const urgencyLabel: Record<AttentionUrgency, string> = {
  overdue: 'Försenad',
  soon: 'Inom 30 dagar',
  later: 'Längre fram',
  missing: 'Saknas',
};
