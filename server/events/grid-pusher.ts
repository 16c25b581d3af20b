/**
 * Pushes an event's instructor grid to the instructors watching it when something in the
 * event changes: a burst of changes (a learner's fix re-evaluating several objectives, an
 * award) becomes one push after `coalesceMs`, and an event nobody watches costs nothing.
 */
export class GridPusher<G> {
  private readonly due = new Map<number, NodeJS.Timeout>();

  constructor(
    private readonly o: {
      watched: (eventId: number) => boolean;
      build: (eventId: number) => G | undefined;
      emit: (eventId: number, grid: G) => void;
      onError: (err: unknown) => void;
      coalesceMs?: number;
    },
  ) {}

  changed(eventId: number): void {
    if (this.due.has(eventId) || !this.o.watched(eventId)) return;
    const t = setTimeout(() => {
      this.due.delete(eventId);
      try {
        const grid = this.o.build(eventId);
        if (grid) this.o.emit(eventId, grid);
      } catch (e) {
        this.o.onError(e);
      }
    }, this.o.coalesceMs ?? 20);
    t.unref();
    this.due.set(eventId, t);
  }

  dispose(): void {
    for (const t of this.due.values()) clearTimeout(t);
    this.due.clear();
  }
}
