import { useState, type FormEvent } from 'react';
import type { LoginRequest, Me, SignupRequest } from '../../../server/protocol/rest.ts';
import { ApiRequestError, errorText, post } from '../api.ts';

/** Sign in and sign up, side by side. */
export function SignIn({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  return (
    <section className="page signin">
      <header className="page-head">
        <h1>Welcome to Batten</h1>
        <p className="muted">Hands-on Kubernetes security: a real cluster, a real shell, points for every real fix.</p>
      </header>
      <div className="signin-forms">
        <LoginForm onSignedIn={onSignedIn} />
        <SignupForm onSignedIn={onSignedIn} />
      </div>
    </section>
  );
}

function useSubmit(onSignedIn: (me: Me) => void) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field?: string }>();
  const submit = async (path: string, body: LoginRequest | SignupRequest): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await post<Me>(path, body));
    } catch (e) {
      setError({ text: errorText(e), field: e instanceof ApiRequestError ? e.field : undefined });
      setBusy(false);
    }
  };
  return { busy, error, submit };
}

function LoginForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(onSignedIn);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void submit('/api/auth/login', { username, password });
  };
  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="login-title">
      <h2 id="login-title">Sign in</h2>
      <label className="field">
        <span>Username</span>
        <input data-testid="login-username" name="username" autoComplete="username" required
          value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input data-testid="login-password" name="password" type="password" autoComplete="current-password" required
          value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      {error && <p className="form-error" role="alert">{error.text}</p>}
      <button type="submit" className="btn btn-primary" data-testid="login-submit" disabled={busy}>
        {busy ? 'Signing in…' : 'Sign in'}
      </button>
    </form>
  );
}

function SignupForm({ onSignedIn }: { onSignedIn: (me: Me) => void }) {
  const [username, setUsername] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [joinCode, setJoinCode] = useState('');
  const { busy, error, submit } = useSubmit(onSignedIn);
  const onSubmit = (e: FormEvent): void => {
    e.preventDefault();
    void submit('/api/auth/signup', { username, displayName: displayName || username, password, ...(joinCode.trim() ? { joinCode: joinCode.trim() } : {}) });
  };
  const invalid = (field: string): boolean | undefined => (error?.field === field ? true : undefined);
  return (
    <form className="card form" onSubmit={onSubmit} aria-labelledby="signup-title">
      <h2 id="signup-title">Create an account</h2>
      <p className="muted small">The first account on a new server becomes its admin.</p>
      <label className="field">
        <span>Username</span>
        <input data-testid="signup-username" name="new-username" autoComplete="username" required aria-invalid={invalid('username')}
          value={username} onChange={(e) => setUsername(e.target.value)} />
      </label>
      <label className="field">
        <span>Display name</span>
        <input data-testid="signup-display-name" name="display-name" autoComplete="nickname" aria-invalid={invalid('displayName')}
          value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
      </label>
      <label className="field">
        <span>Password</span>
        <input data-testid="signup-password" name="new-password" type="password" autoComplete="new-password" required
          aria-invalid={invalid('password')} value={password} onChange={(e) => setPassword(e.target.value)} />
      </label>
      <label className="field">
        <span>Join code (required when sign-up is invite-only)</span>
        <input data-testid="signup-join-code" name="join-code" autoComplete="off" aria-invalid={invalid('joinCode')}
          value={joinCode} onChange={(e) => setJoinCode(e.target.value)} />
      </label>
      {error && <p className="form-error" role="alert">{error.text}</p>}
      <button type="submit" className="btn btn-primary" data-testid="signup-submit" disabled={busy}>
        {busy ? 'Creating…' : 'Sign up'}
      </button>
    </form>
  );
}
