/** The strategy's levels (section 3.3), in its own words, shown wherever a level is chosen or read. */
export const levels: Record<number, { name: string; explanation: string }> = {
  1: { name: 'Ingen samverkan', explanation: 'Kommunen har sitt eget system och samverkar inte om det.' },
  2: {
    name: 'Egna system, men likadana',
    explanation: 'Varje kommun har sin egen IT-lösning, men den bygger på samma produkt som i de andra kommunerna. En kommun kan ta på sig expertrollen och stötta de andra i systemägarfrågor och systemansvar.',
  },
  3: {
    name: 'Gemensam IT-lösning med separerad information',
    explanation: 'En gemensam IT-lösning som separerar informationen mellan kommunerna: varje kommun har sin egen information och eventuellt sin egen struktur på den.',
  },
  4: {
    name: 'Gemensam IT-lösning med gemensam information',
    explanation: 'En och samma IT-lösning med gemensam databas och gemensam information; på IT-området samma vinster som en gemensam organisation.',
  },
  5: {
    name: 'Gemensam organisation',
    explanation: 'Funktioner eller förvaltningar slås samman och drivs som en gemensam enhet – den längst drivna formen av samverkan.',
  },
};

export const levelLabel = (level: number) => `Nivå ${level}: ${levels[level]?.name ?? ''}`;
