import type { Me } from '../../../server/protocol/rest.ts';
import { href, type Route } from '../router.ts';

function eventOf(route: Route): number | undefined {
  if (route.page === 'leaderboard' || route.page === 'instructor' || route.page === 'exercise') return route.eventId;
  return undefined;
}

/** Brand, navigation, and who is signed in. */
export function TopBar({ me, route, onSignOut }: { me: Me | null; route: Route; onSignOut: () => void }) {
  const eventId = eventOf(route);
  const current = (page: Route['page']): 'page' | undefined => (route.page === page ? 'page' : undefined);
  return (
    <header className="topbar">
      <a className="brand" href={href.catalog()}>
        <span className="brand-mark" aria-hidden="true" />
        Batten
      </a>
      {me && (
        <nav className="nav" aria-label="Main">
          <a href={href.catalog()} data-testid="nav-exercises" aria-current={current('catalog')}>
            Exercises
          </a>
          <a href={href.events()} data-testid="nav-events" aria-current={current('events')}>
            Events
          </a>
          {eventId !== undefined && (
            <a href={href.leaderboard(eventId)} aria-current={current('leaderboard')}>
              Leaderboard
            </a>
          )}
        </nav>
      )}
      <div className="topbar-user">
        {me ? (
          <>
            <span data-testid="signed-in-user" className="user">
              {me.displayName} <span className={`role role-${me.role}`}>{me.role}</span>
            </span>
            <button type="button" className="btn btn-ghost btn-small" data-testid="signout" onClick={onSignOut}>
              Sign out
            </button>
          </>
        ) : (
          route.page !== 'signin' && <a href={href.signin()}>Sign in</a>
        )}
      </div>
    </header>
  );
}
