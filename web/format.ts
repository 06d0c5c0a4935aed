const kronor = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', maximumFractionDigits: 0 });
const kronorExact = new Intl.NumberFormat('sv-SE', { style: 'currency', currency: 'SEK', minimumFractionDigits: 2 });
const integer = new Intl.NumberFormat('sv-SE');

/** Öre shown as SEK: whole kronor when exact, else with öre. */
export const sek = (ore: number) => (ore % 100 === 0 ? kronor.format(ore / 100) : kronorExact.format(ore / 100));

export const count = (n: number) => integer.format(n);

/** Öre as the text a person types back into a form: "12500,50" (no thousands separator). */
export const oreToInput = (ore: number) => (ore % 100 === 0 ? String(ore / 100) : (ore / 100).toFixed(2).replace('.', ','));

/** Dates as Swedes write them in registers and tables: 2026-12-31. */
export const date = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '–');

/** "Visma Proceedo", but "Sitevision" rather than "Sitevision Sitevision". */
export const productLabel = (vendor: string, name: string) =>
  name.toLowerCase().startsWith(vendor.toLowerCase()) ? name : `${vendor} ${name}`;
