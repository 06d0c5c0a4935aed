/**
 * A goal's status — uppnått, i fas, risk, efter — from its value, target, deadline and trend.
 * Pure. The trend is the change per day between the oldest snapshot within the last 90 days
 * (at least 28 days old) and today; projected to the deadline it says whether the target
 * will be reached. Without such a trend the value is compared with a straight line from 0 at
 * the strategy's start to the target at the deadline.
 */
export type GoalStatus = 'reached' | 'onTrack' | 'atRisk' | 'behind';

export const statusLabel: Record<GoalStatus, string> = { reached: 'Uppnått', onTrack: 'I fas', atRisk: 'Risk', behind: 'Efter' };

type Input = {
  type: 'computed' | 'measured' | 'milestone';
  value: number | null;
  target: number | null;
  comparison: 'atLeast' | 'above';
  deadline: string | null;
  doneOn?: string | null;
  /** Start of the strategy's period. */
  start: string;
  today: string;
  history: { on: string; value: number | null }[];
};

const day = 86_400_000;
const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / day;

export const meets = (value: number, target: number, comparison: 'atLeast' | 'above') =>
  comparison === 'above' ? value > target : value >= target - 1e-9;

export function goalStatus(g: Input): GoalStatus {
  if (g.type === 'milestone') {
    if (g.doneOn) return 'reached';
    if (!g.deadline) return 'onTrack';
    const left = days(g.today, g.deadline);
    return left < 0 ? 'behind' : left <= 90 ? 'atRisk' : 'onTrack';
  }
  if (g.value === null || g.target === null) return 'atRisk';
  if (meets(g.value, g.target, g.comparison)) return 'reached';
  if (!g.deadline || days(g.today, g.deadline) < 0) return 'behind';

  const left = days(g.today, g.deadline);
  const past = g.history
    .filter((h) => h.value !== null && days(h.on, g.today) >= 28 && days(h.on, g.today) <= 90)
    .sort((a, b) => a.on.localeCompare(b.on))[0];
  if (past) {
    const perDay = (g.value - past.value!) / days(past.on, g.today);
    const projected = g.value + perDay * left;
    if (meets(projected, g.target, g.comparison)) return 'onTrack';
    return projected >= g.target * 0.9 ? 'atRisk' : 'behind';
  }
  const total = days(g.start, g.deadline);
  const expected = total > 0 ? g.target * Math.min(1, Math.max(0, days(g.start, g.today) / total)) : g.target;
  if (g.value >= expected) return 'onTrack';
  return g.value >= expected * 0.75 ? 'atRisk' : 'behind';
}
