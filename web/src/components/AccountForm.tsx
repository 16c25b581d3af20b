import { useState, type FormEvent } from 'react';
import type { Me } from '../../../server/protocol/rest.ts';
import { del, post } from '../api.ts';
import { useAction } from '../use-action.ts';

type AccountResult = Me & { disabled: boolean };

/** Admins set a new password for someone who lost theirs, disable and enable an account, or
 * delete it (its points leave every board). Each signs that account out everywhere. */
export function AccountForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [result, setResult] = useState<string>();
  const { busy, error, run } = useAction();
  const act = async (change: { password?: string; disabled?: boolean }): Promise<void> => {
    setResult(undefined);
    await run(async () => {
      const a = await post<AccountResult>('/api/users/account', { username: username.trim(), ...change });
      setResult(change.password !== undefined ? `${a.displayName} has a new password and is signed out everywhere.` : `${a.displayName}'s account is ${a.disabled ? 'disabled' : 'enabled'}.`);
      setPassword('');
    });
  };
  const remove = (): void => {
    const name = username.trim();
    if (!window.confirm(`Delete the account ${name}, with its sessions and points? This cannot be undone.`)) return;
    setResult(undefined);
    void run(async () => {
      await del(`/api/users/${encodeURIComponent(name)}`);
      setResult(`${name}'s account is deleted; its points left every board.`);
      setUsername('');
    });
  };
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    void act({ password });
  };
  return (
    <form className="card form" onSubmit={submit} aria-labelledby="account-title">
      <h2 id="account-title">Accounts</h2>
      <div className="inline-form">
        <label className="field grow">
          <span>Account username</span>
          <input value={username} required autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field grow">
          <span>New password for them</span>
          <input type="password" value={password} autoComplete="new-password" onChange={(e) => setPassword(e.target.value)} />
        </label>
        <button type="submit" className="btn" disabled={busy || !password}>Set password</button>
        <button type="button" className="btn" disabled={busy || !username.trim()} onClick={() => void act({ disabled: true })}>Disable</button>
        <button type="button" className="btn" disabled={busy || !username.trim()} onClick={() => void act({ disabled: false })}>Enable</button>
        <button type="button" className="btn btn-danger" disabled={busy || !username.trim()} onClick={remove}>Delete</button>
      </div>
      {result && <p role="status">{result}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}
