// SPDX-License-Identifier: Apache-2.0
// Read-your-writes through the official npm client (@rockset/client), the way Rockset's own
// tools do it (the Go client's AddDocumentsWithOffset + wait.UntilQueryable, rockset/fence-test):
// every write answers the offset it reached, the commit fence says when a collection holds it,
// and a query after a passed fence sees the write. Run by ../node-tests.sh.
import test from 'node:test';
import assert from 'node:assert/strict';
import pkg from '@rockset/client';

const configure = pkg.default ?? pkg;
const rs = configure(process.env.RS_APIKEY, process.env.RS_SERVER);
const ws = `wr${process.pid}`;

test('writes answer offsets; a passed commit fence means the write is queryable', async () => {
  await rs.workspaces.createWorkspace({ name: ws });
  await rs.collections.createCollection(ws, { name: 'c' });
  const added = await rs.documents.addDocuments(ws, 'c', { data: [{ _id: 'a', n: 1 }] });
  assert.equal(typeof added.last_offset, 'string', JSON.stringify(added));
  const patched = await rs.documents.patchDocuments(ws, 'c', {
    data: [{ _id: 'a', patch: [{ op: 'REPLACE', path: '/n', value: 2 }] }],
  });
  assert.equal(patched.data[0].status, 'PATCHED');
  assert.equal(typeof patched.data[0].patch_id, 'string');
  assert.ok(patched.data[0].patch_id.length > 0);
  assert.notEqual(patched.last_offset, added.last_offset, 'each write has its own offset');

  const fence = await rs.collections.getCollectionOffsets(ws, 'c', {
    name: [added.last_offset, patched.last_offset],
  });
  assert.equal(fence.data.passed, true, JSON.stringify(fence));
  assert.equal(fence.data.fence, patched.last_offset, 'the fence is the latest offset given');
  assert.equal(fence.offsets.commit, patched.last_offset);
  const r = await rs.queries.query({ sql: { query: `SELECT n FROM ${ws}.c WHERE _id = 'a'` } });
  assert.deepEqual(r.results, [{ n: 2 }]);

  // an offset no write answered has not passed: a tool waiting on it keeps waiting
  const ahead = await rs.collections.getCollectionOffsets(ws, 'c', { name: ['f1:0:999999'] });
  assert.equal(ahead.data.passed, false);
  await assert.rejects(rs.collections.getCollectionOffsets(ws, 'c', { name: ['bogus'] }),
    (e) => { assert.equal(e.type, 'INVALIDINPUT', JSON.stringify(e)); return true; });
  await assert.rejects(rs.collections.getCollectionOffsets(ws, 'nope', { name: [] }),
    (e) => {
      assert.equal(e.message, `Collection "nope" not found in workspace "${ws}".`);
      assert.equal(e.message_key, 'COLLECTION_DOES_NOT_EXIST');
      return true;
    });

  const deleted = await rs.documents.deleteDocuments(ws, 'c', { data: [{ _id: 'a' }] });
  const after = await rs.collections.getCollectionOffsets(ws, 'c', { name: [deleted.last_offset] });
  assert.equal(after.data.passed, true);
  assert.deepEqual((await rs.queries.query({ sql: { query: `SELECT * FROM ${ws}.c` } })).results, []);
  await rs.collections.deleteCollection(ws, 'c');
  await rs.workspaces.deleteWorkspace(ws);
});

test('query ids have the service\'s shape and work in the status and pages endpoints', async () => {
  const r = await rs.queries.query({ sql: { query: 'SELECT 1 AS one' } });
  assert.match(r.query_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}:[A-Za-z0-9]{7}:0$/);
  const paged = await rs.queries.query({ sql: { query: 'SELECT 1 AS one UNION ALL SELECT 2' },
    async: false, max_initial_results: 1 });
  const info = (await rs.queries.getQuery(paged.query_id)).data;
  assert.equal(info.query_id, paged.query_id);
  const page = await rs.queries.getQueryResults(paged.query_id, paged.pagination.next_cursor, 5, 0);
  assert.equal(page.results.length, 1);
  await assert.rejects(rs.queries.query({ sql: { query: 'SELECT nosuchfn(1)' } }), (e) => {
    assert.match(e.trace_id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    return true;
  });
});
