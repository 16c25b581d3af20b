import { useState, type FormEvent } from 'react';
import type { Me, Role } from '../../../server/protocol/rest.ts';
import { post } from '../api.ts';
import { useAction } from '../use-action.ts';

/** Admins make someone an instructor (who may then create and run events), or take it back. */
export function RoleForm() {
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<Role>('instructor');
  const [result, setResult] = useState<string>();
  const { error, run } = useAction();
  const submit = async (e: FormEvent): Promise<void> => {
    e.preventDefault();
    setResult(undefined);
    await run(async () => {
      const me = await post<Me>('/api/users/role', { username: username.trim(), role });
      setResult(`${me.displayName} is now ${me.role}.`);
      setUsername('');
    });
  };
  return (
    <form className="card form" onSubmit={(e) => void submit(e)} aria-labelledby="role-title">
      <h2 id="role-title">Roles</h2>
      <div className="inline-form">
        <label className="field grow">
          <span>Username</span>
          <input data-testid="role-username" value={username} required autoComplete="off" onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>Role</span>
          <select data-testid="role-select" value={role} onChange={(e) => setRole(e.target.value as Role)}>
            <option value="learner">learner</option>
            <option value="instructor">instructor</option>
            <option value="admin">admin</option>
          </select>
        </label>
        <button type="submit" className="btn" data-testid="role-submit">Set role</button>
      </div>
      {result && <p role="status">{result}</p>}
      {error && <p className="form-error" role="alert">{error}</p>}
    </form>
  );
}
