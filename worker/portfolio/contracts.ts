/**
 * The last day notice can be given for a contract to end on `contractEnd`
 * (end date minus the notice period, clamped to the month's last day like a calendar does).
 */
export function noticeDeadline(contractEnd: string, noticeMonths: number | null): string {
  const [year, month, day] = contractEnd.split('-').map(Number) as [number, number, number];
  const months = year * 12 + (month - 1) - (noticeMonths ?? 0);
  const y = Math.floor(months / 12);
  const m = months % 12;
  const lastDay = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}-${String(Math.min(day, lastDay)).padStart(2, '0')}`;
}

/** Where a contract stands today: notice already too late, due within `soonDays`, or later. */
export function noticeStatus(contractEnd: string, noticeMonths: number | null, today: string, soonDays = 90): 'passed' | 'soon' | 'later' {
  const deadline = noticeDeadline(contractEnd, noticeMonths);
  if (deadline < today) return 'passed';
  const soon = new Date(`${today}T00:00:00Z`);
  soon.setUTCDate(soon.getUTCDate() + soonDays);
  return deadline <= soon.toISOString().slice(0, 10) ? 'soon' : 'later';
}

/** The same day `months` later (earlier when negative), clamped to the month's last day: 31 August + 6 months is 28 (29) February. */
export const addMonths = (iso: string, months: number) => noticeDeadline(iso, -months);

/**
 * The last day to give notice when it falls within the coming `months` (today and the
 * horizon's day included), else undefined: the attention list asks within six months, the
 * calendar feed within twelve — the same rule and the same arithmetic.
 */
export function noticeDeadlineWithin(contractEnd: string, noticeMonths: number | null, today: string, months: number): string | undefined {
  const deadline = noticeDeadline(contractEnd, noticeMonths);
  return deadline >= today && deadline <= addMonths(today, months) ? deadline : undefined;
}
