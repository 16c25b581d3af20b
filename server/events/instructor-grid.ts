import { displayed } from '../exercises/instance.ts';
import type { LoadedExercise } from '../exercises/loader.ts';
import type { InstructorGrid } from '../protocol/rest.ts';
import type { EventStore } from './event-store.ts';

export interface GridDeps {
  events: EventStore;
  exercise: (name: string) => LoadedExercise | undefined;
  exerciseTests: () => InstructorGrid['exerciseTests'];
  /** The running session of each learner in the event. */
  running: (eventId: number) => ReadonlyMap<number, NonNullable<InstructorGrid['learners'][number]['session']>>;
}

/** The instructor's grid of an event: learners × objectives, with each learner's seeds, hints,
 * time, running session and extra time. Undefined for an event that does not exist. */
export function instructorGrid(d: GridDeps, eventId: number): InstructorGrid | undefined {
  const exercises = d.events.exercisesOf(eventId);
  const lb = d.events.leaderboard(eventId);
  if (!exercises || !lb) return undefined;
  const activity = d.events.activity(eventId);
  const running = d.running(eventId);
  return {
    exercises: exercises.flatMap((n) => {
      const ex = d.exercise(n);
      if (!ex) return [];
      const titles = displayed(ex).titles;
      return [{ name: n, objectives: ex.exercise.objectives.map((o) => ({ id: o.id, title: titles.get(o.id) ?? o.title })) }];
    }),
    learners: lb.individuals.map((u) => {
      const a = activity.get(u.id);
      const session = running.get(u.id);
      return {
        id: u.id,
        name: u.name,
        ...(a?.team ? { team: a.team } : {}),
        hintsUsed: a?.hints ?? 0,
        minutes: a?.minutes ?? 0,
        states: (a?.states ?? {}) as InstructorGrid['learners'][number]['states'],
        seeds: a?.seeds ?? {},
        latestSessions: a?.sessions ?? {},
        ...(session ? { session } : {}),
        extraMinutes: d.events.extraMinutes(eventId, u.id),
      };
    }),
    exerciseTests: d.exerciseTests(),
  };
}
