import { Router } from 'express';
import type { CatalogEntry } from '../../exercises/catalog.ts';
import { trackViews, type TrackResult } from '../../exercises/tracks.ts';
import { completionEarned } from '../../scoring/rules.ts';
import type { ScoreStore } from '../../scoring/score-store.ts';

export interface TrackRouteDeps {
  tracks: () => readonly TrackResult[];
  catalog: () => CatalogEntry[];
  /** The exercises, of those named, this user has solved. */
  solved: (userId: number, exercises: readonly string[]) => Set<string>;
}

/** Solved means what completion means for the bonus (scoring/rules.ts): every objective of
 * the exercise awarded in one scope, here practice or any event the user is a member of. */
export function solvedBy(d: {
  store: Pick<ScoreStore, 'awardedObjectives'>;
  eventsOf: (userId: number) => number[];
  objectiveIds: (exercise: string) => readonly string[] | undefined;
}): TrackRouteDeps['solved'] {
  return (userId, exercises) => {
    const scopes = [0, ...d.eventsOf(userId)];
    return new Set(
      exercises.filter((exercise) => {
        const ids = d.objectiveIds(exercise);
        return ids !== undefined && scopes.some((eventId) => completionEarned(ids, d.store.awardedObjectives({ userId, eventId, exercise })));
      }),
    );
  };
}

/** The tracks with the signed-in user's progress. Public, like the catalog: signed out,
 * nothing is solved; a broken track's problems are for the staff only. */
export function trackRoutes(d: TrackRouteDeps): Router {
  const r = Router();
  r.get('/tracks', (req, res) => {
    const tracks = d.tracks();
    const names = [...new Set(tracks.flatMap((t) => (t.ok ? t.track.exercises : [])))];
    const solved = req.user ? d.solved(req.user.id, names) : new Set<string>();
    res.json(trackViews(tracks, d.catalog(), solved, req.user !== undefined && req.user.role !== 'learner'));
  });
  return r;
}
