/** Today's date (UTC) as YYYY-MM-DD: the day goals, contracts and reports are judged on. */
export const today = () => new Date().toISOString().slice(0, 10);
