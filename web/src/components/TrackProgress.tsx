/** "3 of 9 solved" with a bar: a learner's progress through a track. */
export function TrackProgress({ solved, total, testId }: { solved: number; total: number; testId?: string }) {
  const text = `${solved} of ${total} solved`;
  return (
    <div className="track-progress">
      <div className="track-progress-bar" role="progressbar" aria-label="Exercises solved" aria-valuemin={0} aria-valuemax={total}
        aria-valuenow={solved} aria-valuetext={text}>
        <span style={{ width: `${total > 0 ? Math.round((solved / total) * 100) : 0}%` }} />
      </div>
      <span className="small" data-testid={testId}>{text}</span>
    </div>
  );
}

/** "about 2 h 35 min" for a track's exercises (those without a time count as nothing). */
export function totalTime(minutes: readonly (number | undefined)[]): string {
  const m = minutes.reduce<number>((s, x) => s + (x ?? 0), 0);
  const h = Math.floor(m / 60);
  return `about ${h > 0 ? `${h} h ` : ''}${m % 60 > 0 || h === 0 ? `${m % 60} min` : ''}`.trim();
}
