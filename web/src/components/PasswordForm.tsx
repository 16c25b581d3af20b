import { useState, type FormEvent } from 'react';
import { post } from '../api.ts';
import { useAction } from '../use-action.ts';

/** A user changes their own password; their other signed-in sessions end. */
export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, run } = useAction();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setDone(false);
    await run(async () => {
      await post('/api/auth/password', { current, password });
      setCurrent('');
      setPassword('');
      setDone(true);
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="password-title">
      <h2 id="password-title">Your password</h2>
      <div className="inline-form">
        <label className="field grow">
          <span>Current password</span>
          <input type="password" value={current} required autoComplete="current-password" onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field grow">
          <span>New password</span>
          <input type="password" value={password} required autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={busy}>{busy ? 'Changing…' : 'Change password'}</button>
      </div>
      {done && <p role="status">Password changed. Your other sessions are signed out.</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}
