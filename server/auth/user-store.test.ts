import assert from 'node:assert/strict';
import { test } from 'vitest';
import { openDatabase } from '../db/database.ts';
import { sessionId, UserStore, type SessionsEnded } from './user-store.ts';

function store() {
  const users = new UserStore(openDatabase(':memory:'));
  const ended: SessionsEnded[] = [];
  users.onSessionsEnded((e) => ended.push(e));
  const admin = users.create('admin', 'Admin', 'h0')!;
  const learner = users.create('learner', 'Learner', 'h1')!;
  return { users, ended, admin, learner };
}

test('the last active admin can be neither disabled nor demoted; with a second admin, either can', () => {
  const { users, admin, learner } = store();
  assert.equal(users.setDisabled(admin.id, true), 'last-admin');
  assert.equal(users.setRole(admin.id, 'learner'), 'last-admin');
  assert.equal(users.credentials('admin')!.disabled, false);
  assert.equal(users.setRole(learner.id, 'admin'), undefined);
  assert.equal(users.setDisabled(admin.id, true), undefined);
  // the other admin is now the last active one (a disabled admin does not count)
  assert.equal(users.setDisabled(learner.id, true), 'last-admin');
  assert.equal(users.setRole(learner.id, 'instructor'), 'last-admin');
});

test('a refused change changes nothing: not the password either', () => {
  const { users, admin } = store();
  const { token } = users.startSession(admin.id);
  assert.equal(users.changeAccount(admin.id, { passwordHash: 'new', disabled: true }), 'last-admin');
  assert.equal(users.credentials('admin')!.passwordHash, 'h0');
  assert.equal(users.userForToken(token)?.id, admin.id);
});

test('listeners hear which sessions ended: all but the kept one on a new password, all when disabled', () => {
  const { users, ended, learner } = store();
  const a = users.startSession(learner.id).token;
  const b = users.startSession(learner.id).token;
  users.setPassword(learner.id, 'h2', a);
  assert.deepEqual(ended.at(-1), { userId: learner.id, except: sessionId(a), disabled: false });
  assert.equal(users.userForToken(a)?.id, learner.id);
  assert.equal(users.userForToken(b), undefined);
  users.setDisabled(learner.id, true);
  assert.deepEqual(ended.at(-1), { userId: learner.id, disabled: true });
  assert.equal(users.userForToken(a), undefined);
  const count = ended.length;
  users.setDisabled(learner.id, false);
  assert.equal(ended.length, count, 'enabling ends nothing');
});

test('a deleted account frees its name but never its id; the last admin is not deleted', () => {
  const { users, ended, admin, learner } = store();
  assert.equal(users.deleteAccount(admin.id), 'last-admin');
  const { token } = users.startSession(learner.id);
  assert.equal(users.deleteAccount(learner.id), undefined);
  assert.equal(users.credentials('learner'), undefined);
  assert.equal(users.userForToken(token), undefined, 'its sessions ended');
  assert.deepEqual(ended.at(-1), { userId: learner.id, disabled: true });
  const again = users.create('learner', 'Learner again', 'h2')!;
  assert.notEqual(again.id, learner.id);
  assert.equal(again.role, 'learner');
  assert.equal(users.byId(learner.id)?.displayName, 'deleted account');
});
