const collator = new Intl.Collator('sv');

/** Swedish alphabetical order (Å Ä Ö last, in that order), which SQLite's byte order is not. */
export const bySwedishName = (a: { name: string }, b: { name: string }) => collator.compare(a.name, b.name);
