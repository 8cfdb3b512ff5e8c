// SPDX-License-Identifier: Apache-2.0
// commons._events and the query status answers through the official npm client
// (@rockset/client): the organization's events as Rockset's "Audit Logging" page lists them,
// read-only for users; GET /queries/{id} with query_errors and pagination; GET /queries lists
// only active queries. Run by ../node-tests.sh (RS_SERVER, RS_APIKEY from with-server.sh).
import test from 'node:test';
import assert from 'node:assert/strict';
import pkg from '@rockset/client';

const configure = pkg.default ?? pkg;
const rs = configure(process.env.RS_APIKEY, process.env.RS_SERVER);
const uniq = `ev${process.pid}`;

const query = (sql, body = {}) => rs.queries.query({ sql: { query: sql }, ...body });

async function rejectsWith(promise, type) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.type, type, JSON.stringify(e));
    return true;
  });
}

async function eventsOf(label, where) {
  const r = await query(`SELECT * FROM _events WHERE label = '${label}' AND ${where}`);
  return r.results;
}

test('_events exists from the first start and SELECT * FROM _events works', async () => {
  const got = await rs.collections.getCollection('commons', '_events');
  assert.equal(got.data.name, '_events');
  assert.equal(got.data.workspace, 'commons');
  const all = await query('SELECT * FROM commons._events');
  assert.ok(Array.isArray(all.results));
});

test('control-plane actions write the documented events', async () => {
  const coll = `${uniq}_c`, key = `${uniq}-key`, user = `${uniq}@example.com`;
  const integ = `${uniq}_i`;
  await rs.collections.createCollection('commons', { name: coll });
  await rs.collections.deleteCollection('commons', coll);
  const created = await rs.apikeys.createApiKey({ name: key });
  await rs.apikeys.deleteApiKey(key, 'self');
  await rs.users.createUser({ email: user, roles: ['member'] });
  await rs.users.deleteUser(user);
  await rs.integrations.createIntegration({
    name: integ, s3: { aws_role: { aws_role_arn: 'arn:aws:iam::1:role/r' } },
  });
  await rs.integrations.deleteIntegration(integ);

  const [c] = await eventsOf('COLLECTION_CREATED', `ARRAY_CONTAINS(collections, 'commons.${coll}')`);
  assert.equal(c.kind, 'COLLECTION');
  assert.equal(c.type, 'INFO');
  assert.equal(c.userEmail, 'admin@localhost');
  assert.equal(typeof c.eventTime, 'number');
  assert.equal(typeof c.message, 'string');
  assert.match(c._event_time, /^\d{4}-\d\d-\d\dT/);
  assert.equal((await eventsOf('COLLECTION_DROPPED',
    `ARRAY_CONTAINS(collections, 'commons.${coll}')`)).length, 1);
  for (const label of ['API_KEY_CREATED', 'API_KEY_DELETED']) {
    const [k] = await eventsOf(label, `apiKeyName = '${key}'`);
    assert.equal(k.kind, 'API_KEY');
    assert.equal(k.userEmail, 'admin@localhost');
    // never the key itself
    assert.ok(!JSON.stringify(k).includes(created.data.key), label);
  }
  const [u] = await eventsOf('USER_CREATED', `userEmail = '${user}'`);
  assert.equal(u.kind, 'USER');
  const [i] = await eventsOf('INTEGRATION_CREATED', `ARRAY_CONTAINS(integrations, '${integ}')`);
  assert.equal(i.kind, 'INTEGRATION');
  const d = await query('DESCRIBE commons._events OPTION(max_field_depth=1)');
  const fields = new Set(d.results.map((x) => x.field[0]));
  for (const f of ['apiKeyName', 'collections', 'details', 'eventTime', 'integrations', 'kind',
    'label', 'message', 'type', 'userEmail']) assert.ok(fields.has(f), f);
});

test('_events is read-only: no documents added, patched or deleted; not deletable', async () => {
  await rejectsWith(rs.documents.addDocuments('commons', '_events', { data: [{ x: 1 }] }),
    'INVALIDINPUT');
  await rejectsWith(rs.documents.patchDocuments('commons', '_events', {
    data: [{ _id: 'x', patch: [{ op: 'ADD', path: '/y', value: 1 }] }],
  }), 'INVALIDINPUT');
  await rejectsWith(rs.documents.deleteDocuments('commons', '_events', { data: [{ _id: 'x' }] }),
    'INVALIDINPUT');
  await rejectsWith(rs.collections.deleteCollection('commons', '_events'), 'INVALIDINPUT');
  // nor by SQL: INSERT INTO _events is refused with the same words, not "not implemented"
  for (const target of ['commons._events', '_events', '"commons"."_events"']) {
    await assert.rejects(query(`INSERT INTO ${target} SELECT 1 AS x`), (e) => {
      assert.equal(e.type, 'INVALIDINPUT', JSON.stringify(e));
      assert.match(e.message, /'_events' in workspace 'commons' is read-only/);
      return true;
    });
  }
  assert.equal((await rs.collections.getCollection('commons', '_events')).data.name, '_events');
});

test('GET /queries/{id}: query_errors of a failed query, pagination of a paginated one', async () => {
  let failedId;
  await assert.rejects(query('SELECT nosuchfn(1)'), (e) => { failedId = e.query_id; return true; });
  const bad = (await rs.queries.getQuery(failedId)).data;
  assert.equal(bad.status, 'ERROR');
  assert.equal(bad.query_errors.length, 1);
  assert.equal(bad.query_errors[0].type, 'QUERY_ERROR');
  assert.equal(bad.query_errors[0].status_code, 400);
  assert.match(bad.query_errors[0].message, /nosuchfn/);
  assert.equal(bad.pagination, undefined);

  const paged = await query('SELECT _id FROM sample ORDER BY _id', { max_initial_results: 5 });
  const info = (await rs.queries.getQuery(paged.query_id)).data;
  assert.equal(info.status, 'COMPLETED');
  assert.equal(info.pagination.start_cursor, 'c0');
  assert.equal(info.query_errors, undefined);
  // the start cursor reads the results from their first row
  const first = await rs.queries.getQueryResults(paged.query_id, info.pagination.start_cursor, 5, 0);
  assert.deepEqual(first.results, paged.results);
  // QueryInfo.stats is a Stats: throttled_time_ms (QueryResponse's stats count micros)
  assert.equal(info.stats.throttled_time_ms, 0);
  assert.equal(info.stats.throttled_time_micros, undefined);
});

test('GET /queries lists only active (queued or running) queries', async () => {
  const done = await query('SELECT 1 AS one');
  const n = 3000000;
  const slow = await query(`WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c`
    + ` WHERE x < ${n}) SELECT count(*) AS n FROM c`, { async: true });
  const list = (await rs.queries.listActiveQueries()).data;
  assert.ok(list.every((q) => q.status === 'QUEUED' || q.status === 'RUNNING'),
    JSON.stringify(list.map((q) => q.status)));
  assert.ok(!list.some((q) => q.query_id === done.query_id));
  const listed = list.some((q) => q.query_id === slow.query_id);
  const now = (await rs.queries.getQuery(slow.query_id)).data.status;
  // listed while active; once finished it is gone from the list
  if (!listed) assert.ok(now === 'COMPLETED' || now === 'ERROR', now);
  await rs.queries.cancelQuery(slow.query_id);
  const after = (await rs.queries.listActiveQueries()).data;
  assert.ok(!after.some((q) => q.query_id === slow.query_id));
});
