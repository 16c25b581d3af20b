import { render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CompetencyCategory, CompetencyReport, CompetencySubject, CompetencyTally } from '../../../server/protocol/rest.ts';
import { rateColor } from '../components/SolveRateChart.tsx';
import { href, parseHash } from '../router.ts';
import { fail, fakeServer, ok, type FakeServer } from '../test-support.tsx';
import { Competency } from './Competency.tsx';

const tally = (o: Partial<CompetencyTally> = {}): CompetencyTally => ({ attempted: 0, solved: 0, solveRate: null, hints: 0, hintPoints: 0, regressions: 0, medianMinutesToSolve: null, ...o });
const category = (tag: string, title: string, o: Partial<CompetencyTally> = {}): CompetencyCategory => ({ tag, title, curriculum: tag.startsWith('K') ? 'owasp' : 'cks', ...tally(o) });
const subject = (id: number, name: string, o: Partial<CompetencySubject> = {}): CompetencySubject => ({ id, name, total: tally(), categories: [], exercises: [], ...o });

const K02 = category('K02', 'Overly permissive authorization', { attempted: 4, solved: 1, solveRate: 0.25, hints: 3, hintPoints: 30, regressions: 2, medianMinutesToSolve: 18 });
const REPORT: CompetencyReport = {
  scope: { kind: 'event', eventId: 7, name: 'Spring CTF' },
  generatedAt: '2030-01-01T10:00:00.000Z',
  room: {
    total: tally({ attempted: 6, solved: 3, solveRate: 0.5 }),
    categories: [K02, category('cks-cluster-hardening', 'Cluster hardening', { attempted: 4, solved: 1, solveRate: 0.25 }), category('K03', 'Secrets management failures', { attempted: 2, solved: 2, solveRate: 1 }), category('K10', 'Inadequate logging and monitoring')],
    exercises: [
      { name: 'default-sa-cluster-admin', tags: ['K02'], ...tally({ attempted: 4, solved: 1, solveRate: 0.25, hints: 3, hintPoints: 30, regressions: 2, medianMinutesToSolve: 18 }) },
      { name: 'password-in-env', tags: ['K03'], ...tally({ attempted: 2, solved: 2, solveRate: 1, medianMinutesToSolve: 9.5 }) },
    ],
  },
  learners: [
    subject(1, 'Ada', { team: 'red', total: tally({ attempted: 2, solved: 2, solveRate: 1 }), categories: [{ ...K02, solveRate: 1 }] }),
    subject(2, 'Bob', { total: tally({ attempted: 2, solved: 0, solveRate: 0, hints: 3, hintPoints: 30, regressions: 2 }), categories: [{ ...K02, solveRate: 0 }] }),
  ],
  teams: [subject(1, 'red', { total: tally({ attempted: 2, solved: 2, solveRate: 1 }) })],
};

let server: FakeServer;
beforeEach(() => {
  server = fakeServer();
});
afterEach(() => vi.unstubAllGlobals());

const cells = (row: HTMLElement) => within(row).getAllByRole('cell').map((c) => c.textContent);

describe('Competency page', () => {
  it('charts the solve rate per OWASP category and per CKS domain; a category nobody tried is said so', async () => {
    server.on('GET', '/api/events/7/report', ok(REPORT));
    render(<Competency eventId={7} />);
    expect(screen.getByRole('status').textContent).toContain('Loading the report');
    expect(await screen.findByRole('heading', { level: 1, name: 'Spring CTF · competency' })).toBeTruthy();
    const owasp = screen.getByRole('img', { name: 'Solve rate per OWASP Kubernetes Top 10 category' });
    const cks = screen.getByRole('img', { name: 'Solve rate per CKS domain' });
    expect([...owasp.querySelectorAll('[data-testid^="bar-"]')].map((b) => b.getAttribute('data-testid'))).toEqual(['bar-K02', 'bar-K03', 'bar-K10']);
    expect([...cks.querySelectorAll('[data-testid^="bar-"]')].map((b) => b.getAttribute('data-testid'))).toEqual(['bar-cks-cluster-hardening']);
    const k02 = within(owasp).getByTestId('bar-K02');
    expect(k02.textContent).toContain('K02 Overly permissive authorization');
    expect(k02.textContent).toContain('25% (1/4)');
    expect(k02.querySelector('rect')?.getAttribute('fill')).toBe(rateColor(0.25));
    const k10 = within(owasp).getByTestId('bar-K10');
    expect(k10.textContent).toContain('no attempts');
    expect(k10.querySelector('rect')).toBeNull();
  });

  it('lists the hardest exercises first, then learners and teams with what they struggled with', async () => {
    server.on('GET', '/api/events/7/report', ok(REPORT));
    render(<Competency eventId={7} />);
    const exercises = await screen.findByTestId('exercise-table');
    expect(within(exercises).getAllByRole('rowheader').map((h) => h.textContent)).toEqual(['default-sa-cluster-admin', 'password-in-env']);
    expect(cells(screen.getByTestId('exercise-default-sa-cluster-admin'))).toEqual(['4', '1', '25%', '18', '3 (30 pts)', '2']);
    expect(cells(screen.getByTestId('exercise-password-in-env'))).toEqual(['2', '2', '100%', '9.5', '0 (0 pts)', '0']);
    expect(cells(screen.getByTestId('learner-Ada'))).toEqual(['red', '2', '2', '100%', '—', '0 (0 pts)', '0', '—']);
    expect(cells(screen.getByTestId('learner-Bob'))).toEqual(['—', '2', '0', '0%', '—', '3 (30 pts)', '2', 'K02 Overly permissive authorization']);
    expect(cells(screen.getByTestId('team-red'))).toEqual(['2', '2', '100%', '—', '0 (0 pts)', '0', '—']);
  });

  it('offers the CSV views and the JSON for download', async () => {
    server.on('GET', '/api/events/7/report', ok(REPORT));
    render(<Competency eventId={7} />);
    await screen.findByTestId('exercise-table');
    const link = (name: string) => screen.getByRole('link', { name }).getAttribute('href');
    expect([link('CSV by learner'), link('CSV by team'), link('CSV by category'), link('JSON')]).toEqual([
      '/api/events/7/report.csv?by=learner',
      '/api/events/7/report.csv?by=team',
      '/api/events/7/report.csv?by=category',
      '/api/events/7/report.json',
    ]);
  });

  it('says when nobody started yet, and when there are no learners or teams', async () => {
    server.on('GET', '/api/events/7/report', ok({ ...REPORT, room: { ...REPORT.room, exercises: [] }, learners: [], teams: [] }));
    render(<Competency eventId={7} />);
    expect(await screen.findByText('Nobody has started an exercise of this event yet.')).toBeTruthy();
    expect(screen.getByText('No learner has joined yet.')).toBeTruthy();
    expect(screen.getByText('No teams yet.')).toBeTruthy();
  });

  it('shows the server’s refusal to a learner, with a retry', async () => {
    server.on('GET', '/api/events/7/report', fail(403, 'only the event’s instructors and admins may see its report'));
    render(<Competency eventId={7} />);
    expect((await screen.findByRole('alert')).textContent).toContain('Not allowed: only the event’s instructors and admins may see its report');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('lives at #/events/:id/report', () => {
    expect(parseHash(href.competency(7))).toEqual({ page: 'competency', eventId: 7 });
    expect(parseHash('#/events/x/report')).toEqual({ page: 'notfound', path: '/events/x/report' });
  });
});
