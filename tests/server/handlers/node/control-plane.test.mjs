// SPDX-License-Identifier: Apache-2.0
// The official npm client (@rockset/client) against rockset-local: organizations, users,
// API keys, workspaces, collections, documents, integrations. Run by ../node-tests.sh
// (through tests/with-server.sh, which exports RS_SERVER and RS_APIKEY).
import test from 'node:test';
import assert from 'node:assert/strict';
import pkg from '@rockset/client';

const configure = pkg.default ?? pkg;
const rs = configure(process.env.RS_APIKEY, process.env.RS_SERVER);
const uniq = `n${process.pid}`;

// The client throws the parsed ErrorModel for any non-2xx answer.
async function rejectsWith(promise, type, messageKey) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.type, type, JSON.stringify(e));
    if (messageKey) assert.equal(e.message_key, messageKey);
    for (const k of ['message', 'message_key', 'line', 'column', 'trace_id', 'error_id',
      'query_id', 'internal_errors']) assert.ok(k in e, `ErrorModel lacks ${k}`);
    return true;
  });
}

test('organization and current user', async () => {
  const org = await rs.orgs.getOrganization();
  assert.equal(typeof org.data.id, 'string');
  const me = await rs.users.getCurrentUser();
  assert.equal(me.email, 'admin@localhost');
  assert.ok(Array.isArray(me.roles));
});

test('users', async () => {
  const email = `${uniq}@example.com`;
  const created = await rs.users.createUser({ email, roles: ['member'] });
  assert.equal(created.data.email, email);
  const got = await rs.users.getUser(email);
  assert.equal(got.email, email);
  const list = await rs.users.listUsers();
  assert.ok(list.data.some((u) => u.email === email));
  await rejectsWith(rs.users.createUser({ email, roles: [] }), 'ALREADYEXISTS');
  const deleted = await rs.users.deleteUser(email);
  assert.equal(deleted.data.email, email);
  await rejectsWith(rs.users.getUser(email), 'NOTFOUND', 'USER_NOT_FOUND');
});

test('api keys', async () => {
  const name = `${uniq}-key`;
  const created = await rs.apikeys.createApiKey({ name });
  assert.equal(created.data.name, name);
  assert.equal(created.data.key.length, 64);
  const listed = await rs.apikeys.listApiKeys('self');
  const mine = listed.data.find((k) => k.name === name);
  assert.ok(mine);
  assert.notEqual(mine.key, created.data.key); // masked
  assert.equal(mine.key, created.data.key.slice(0, 6) + '*'.repeat(58));
  // only a hash is kept: the key is shown whole once, in the create answer
  await rejectsWith(rs.apikeys.getApiKey('admin@localhost', name, true), 'NOTIMPLEMENTEDYET');
  const other = configure(created.data.key, process.env.RS_SERVER);
  assert.equal((await other.users.getCurrentUser()).email, 'admin@localhost');
  const deleted = await rs.apikeys.deleteApiKey(name, 'self');
  assert.equal(deleted.data.name, name);
  await rejectsWith(other.users.getCurrentUser(), 'AUTHEXCEPTION');
  await rejectsWith(rs.apikeys.getApiKey('self', name), 'NOTFOUND');
});

test('workspaces', async () => {
  const ws = `${uniq}ws`;
  const created = await rs.workspaces.createWorkspace({ name: ws, description: 'node' });
  assert.equal(created.data.name, ws);
  assert.equal(created.data.collection_count, 0);
  await rs.workspaces.createWorkspace({ name: `${ws}.inner` });
  const got = await rs.workspaces.getWorkspace(ws);
  assert.equal(got.data.description, 'node');
  const all = await rs.workspaces.listWorkspaces();
  assert.ok(all.data.some((w) => w.name === `${ws}.inner`));
  await rejectsWith(rs.workspaces.createWorkspace({ name: ws }), 'ALREADYEXISTS');
  await rejectsWith(rs.workspaces.deleteWorkspace('sales'), 'DEPENDENTRESOURCES');
  assert.equal((await rs.workspaces.deleteWorkspace(`${ws}.inner`)).data.name, `${ws}.inner`);
  assert.equal((await rs.workspaces.deleteWorkspace(ws)).data.name, ws);
  await rejectsWith(rs.workspaces.getWorkspace(ws), 'NOTFOUND', 'WORKSPACE_NOT_FOUND');
});

test('collections', async () => {
  const name = `${uniq}c`;
  const created = await rs.collections.createCollection('commons', {
    name, description: 'from node', retention_secs: 86400,
    event_time_info: { field: 'ts', format: 'seconds_since_epoch' },
  });
  assert.equal(created.data.status, 'CREATED');
  assert.equal(created.data.retention_secs, 86400);
  const got = await rs.collections.getCollection('commons', name);
  assert.equal(got.data.status, 'READY');
  assert.equal(got.data.stats.doc_count, 0);
  const inWs = await rs.collections.workspaceCollections('commons');
  assert.ok(inWs.data.some((c) => c.name === name));
  const all = await rs.collections.listCollections();
  assert.ok(all.data.some((c) => c.workspace === 'sales' && c.name === 'orders'));
  await rejectsWith(rs.collections.getCollection('commons', 'nope'), 'NOTFOUND',
    'COLLECTION_DOES_NOT_EXIST');
  await rejectsWith(rs.collections.createCollection('nows', { name: 'x' }), 'NOTFOUND',
    'WORKSPACE_NOT_FOUND');
  const deleted = await rs.collections.deleteCollection('commons', name);
  assert.equal(deleted.data.status, 'DELETED');
});

test('documents', async () => {
  const coll = `${uniq}d`;
  await rs.collections.createCollection('commons', { name: coll });
  const added = await rs.documents.addDocuments('commons', coll, {
    data: [{ _id: 'a', n: 1, tags: ['x'] }, { b: 'ü' }, { _id: 3 }],
  });
  assert.deepEqual(added.data.map((d) => d.status), ['ADDED', 'ADDED', 'ERROR']);
  assert.equal(added.data[1]._id.length, 32);
  const patched = await rs.documents.patchDocuments('commons', coll, {
    data: [{ _id: 'a', patch: [{ op: 'REPLACE', path: '/n', value: 2 },
      { op: 'ADD', path: '/tags/-', value: 'y' }] },
    { _id: 'missing', patch: [{ op: 'REMOVE', path: '/n' }] }],
  });
  assert.deepEqual(patched.data.map((d) => d.status), ['PATCHED', 'ERROR']);
  const replaced = await rs.documents.addDocuments('commons', coll, { data: [{ _id: 'a', n: 9 }] });
  assert.equal(replaced.data[0].status, 'REPLACED');
  let stats = (await rs.collections.getCollection('commons', coll)).data.stats;
  assert.equal(stats.doc_count, 2);
  const removed = await rs.documents.deleteDocuments('commons', coll, { data: [{ _id: 'a' }] });
  assert.equal(removed.data[0].status, 'DELETED');
  stats = (await rs.collections.getCollection('commons', coll)).data.stats;
  assert.equal(stats.doc_count, 1);
  await rejectsWith(rs.documents.addDocuments('commons', 'nope', { data: [{}] }), 'NOTFOUND');
  await rs.collections.deleteCollection('commons', coll);
});

// rockset-local keeps DESCRIBE answers while a collection is unchanged (a walk over every
// document): every kind of write must show in the next DESCRIBE, never a kept answer.
test('DESCRIBE follows every write', async () => {
  const coll = `${uniq}desc`;
  const fields = async () => {
    const r = await rs.queries.query({ sql: { query: `DESCRIBE commons.${coll}` } });
    return r.results.filter((f) => f.field.length === 1 && !f.field[0].startsWith('_'))
      .map((f) => `${f.field[0]}:${f.type}:${f.occurrences}`).sort();
  };
  await rs.collections.createCollection('commons', { name: coll });
  await rs.documents.addDocuments('commons', coll, { data: [{ _id: 'a', n: 1 }] });
  assert.deepEqual(await fields(), ['n:int:1']);
  assert.deepEqual(await fields(), ['n:int:1']);
  await rs.documents.patchDocuments('commons', coll, {
    data: [{ _id: 'a', patch: [{ op: 'REPLACE', path: '/n', value: 's' }] }],
  });
  assert.deepEqual(await fields(), ['n:string:1']);
  await rs.documents.addDocuments('commons', coll, { data: [{ _id: 'b', m: true }] });
  assert.deepEqual(await fields(), ['m:bool:1', 'n:string:1']);
  await rs.documents.deleteDocuments('commons', coll, { data: [{ _id: 'b' }] });
  assert.deepEqual(await fields(), ['n:string:1']);
  await rs.documents.addDocuments('commons', coll, { data: [{ _id: 'a', k: 2.5 }] });
  assert.deepEqual(await fields(), ['k:float:1']);
  await rs.collections.deleteCollection('commons', coll);
  await rs.collections.createCollection('commons', { name: coll });
  await rs.documents.addDocuments('commons', coll, { data: [{ _id: 'z', q: 'x' }] });
  assert.deepEqual(await fields(), ['q:string:1']);
  await rs.collections.deleteCollection('commons', coll);
});

test('integrations', async () => {
  const name = `${uniq}i`;
  const created = await rs.integrations.createIntegration({
    name, description: 'kept as given', s3: { aws_role: { aws_role_arn: 'arn:aws:iam::1:role/r' } },
  });
  assert.equal(created.data.name, name);
  const got = await rs.integrations.getIntegration(name);
  assert.equal(got.data.s3.aws_role.aws_role_arn, 'arn:aws:iam::1:role/r');
  const list = await rs.integrations.listIntegrations();
  assert.ok(list.data.some((i) => i.name === name));
  assert.equal((await rs.integrations.deleteIntegration(name)).data.name, name);
  await rejectsWith(rs.integrations.getIntegration(name), 'NOTFOUND');
});
