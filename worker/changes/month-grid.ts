/** A month as the calendar shows it (no I/O): whole ISO weeks, Monday first. */
import { addDays, isoDay, isoWeek, isoWeekday, dayNumber } from './freeze-calendar.ts';

export type GridDay = { date: string; inMonth: boolean };
export type GridWeek = { week: number; days: GridDay[] };

/** "2026-07" → its weeks, from the Monday on or before the 1st to the Sunday on or after the last day. */
export function monthGrid(month: string): GridWeek[] {
  const first = `${month}-01`;
  const [year, m] = month.split('-').map(Number) as [number, number];
  const last = isoDay(dayNumber(`${String(m === 12 ? year + 1 : year).padStart(4, '0')}-${String(m === 12 ? 1 : m + 1).padStart(2, '0')}-01`) - 1);
  const weeks: GridWeek[] = [];
  for (let monday = addDays(first, 1 - isoWeekday(first)); monday <= last; monday = addDays(monday, 7)) {
    weeks.push({
      week: isoWeek(monday).week,
      days: Array.from({ length: 7 }, (_, i) => { const date = addDays(monday, i); return { date, inMonth: date.startsWith(month) }; }),
    });
  }
  return weeks;
}

/** The month before or after "YYYY-MM". */
export function shiftMonth(month: string, by: number): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (m - 1) + by;
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
}
