import '@xterm/xterm/css/xterm.css';
import './styles.css';
import { StrictMode, useCallback, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import type { Me } from '../../server/protocol/rest.ts';
import { ApiRequestError, get, post, setUnauthorizedHandler } from './api.ts';
import { ErrorBox, Loading } from './components/Status.tsx';
import { SocketErrors } from './components/SocketErrors.tsx';
import { Announcements } from './components/Announcements.tsx';
import { TopBar } from './components/TopBar.tsx';
import { Catalog } from './pages/Catalog.tsx';
import { Competency } from './pages/Competency.tsx';
import { Events } from './pages/Events.tsx';
import { Exercise } from './pages/Exercise.tsx';
import { Instructor } from './pages/Instructor.tsx';
import { Leaderboard } from './pages/Leaderboard.tsx';
import { Replay } from './pages/Replay.tsx';
import { SignIn } from './pages/SignIn.tsx';
import { Track } from './pages/Track.tsx';
import { href, navigate, parseHash, useHash, type Route } from './router.ts';
import { closeSocket } from './socket.ts';

type Auth = { state: 'loading' } | { state: 'error'; error: unknown } | { state: 'done'; me: Me | null };

function App() {
  const route = parseHash(useHash());
  const [auth, setAuth] = useState<Auth>({ state: 'loading' });

  const loadMe = useCallback(() => {
    setAuth({ state: 'loading' });
    get<Me>('/api/auth/me').then(
      (me) => setAuth({ state: 'done', me }),
      (e: unknown) =>
        setAuth(e instanceof ApiRequestError && e.status === 401 ? { state: 'done', me: null } : { state: 'error', error: e }),
    );
  }, []);

  useEffect(loadMe, [loadMe]);
  useEffect(() => {
    setUnauthorizedHandler(() => {
      closeSocket();
      setAuth({ state: 'done', me: null });
      navigate(href.signin());
    });
  }, []);

  const me = auth.state === 'done' ? auth.me : null;
  const signedOut = auth.state === 'done' && !me;
  useEffect(() => {
    if (signedOut && route.page !== 'signin') navigate(href.signin());
    if (me && route.page === 'signin') navigate(href.catalog());
  }, [signedOut, me, route.page]);

  const signOut = (): void => {
    post<void>('/api/auth/logout').catch(() => undefined).finally(() => {
      closeSocket();
      setAuth({ state: 'done', me: null });
      navigate(href.signin());
    });
  };
  const signedIn = (m: Me): void => {
    closeSocket(); // the next connection authenticates with the new cookie
    setAuth({ state: 'done', me: m });
    navigate(href.catalog());
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <TopBar me={me} route={route} onSignOut={signOut} />
      <main id="main" className={route.page === 'exercise' ? 'main main-full' : 'main'} tabIndex={-1}>
        {auth.state === 'loading' && <Loading />}
        {auth.state === 'error' && <ErrorBox error={auth.error} onRetry={loadMe} />}
        {me && <SocketErrors />}
        {me && <Announcements />}
        {auth.state === 'done' && (me ? <Page route={route} me={me} /> : <SignIn onSignedIn={signedIn} />)}
      </main>
    </>
  );
}

function Page({ route, me }: { route: Route; me: Me }) {
  switch (route.page) {
    case 'signin':
    case 'catalog':
      return <Catalog me={me} />;
    case 'exercise':
      return <Exercise key={`${route.name}/${route.eventId ?? 0}`} name={route.name} eventId={route.eventId} />;
    case 'track':
      return <Track key={route.name} name={route.name} me={me} />;
    case 'events':
      return <Events me={me} />;
    case 'leaderboard':
      return <Leaderboard key={route.eventId} eventId={route.eventId} me={me} />;
    case 'instructor':
      return <Instructor key={route.eventId} eventId={route.eventId} />;
    case 'competency':
      return <Competency key={route.eventId} eventId={route.eventId} />;
    case 'replay':
      return <Replay key={route.sessionId} sessionId={route.sessionId} />;
    case 'notfound':
      return (
        <section className="page">
          <h1>Page not found</h1>
          <p>
            Nothing lives at <code>#{route.path}</code>. <a href={href.catalog()}>Back to the exercises</a>.
          </p>
        </section>
      );
  }
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
