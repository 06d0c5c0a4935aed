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
