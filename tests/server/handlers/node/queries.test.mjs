// SPDX-License-Identifier: Apache-2.0
// Queries through the official npm client (@rockset/client) against rockset-local: values
// as Rockset encoded them, parameters of every type, errors, pagination, async, validation.
// Data: tests/data/sample.jsonl in commons.sample, tests/data/orders.jsonl in sales.orders.
import test from 'node:test';
import assert from 'node:assert/strict';
import pkg from '@rockset/client';

const configure = pkg.default ?? pkg;
const rs = configure(process.env.RS_APIKEY, process.env.RS_SERVER);

const query = (sql, extra = {}) =>
  rs.queries.query({ sql: { query: sql, ...(extra.sql ?? {}) }, ...(extra.body ?? {}) });

async function rejectsWith(promise, type, check) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.type, type, JSON.stringify(e));
    if (check) check(e);
    return true;
  });
}

test('SELECT * returns documents as stored', async () => {
  const r = await query("SELECT * FROM sample WHERE _id = 's01'");
  assert.equal(r.status, 'COMPLETED');
  assert.deepEqual(r.collections, ['commons.sample']);
  assert.equal(r.column_fields, undefined);
  assert.equal(r.results_total_doc_count, 1);
  const d = r.results[0];
  assert.equal(d._id, 's01');
  assert.match(d._event_time, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  assert.equal(d.id, 1);
  assert.equal(d.active, true);
  assert.deepEqual(d.tags, ['games']);
  assert.equal(d.address.city, 'São Paulo');
  assert.deepEqual(d.created, { __rockset_type: 'DATE', value: '2021-02-02' });
  assert.equal(d.seen, '2023-08-02T19:03:04.001111Z');
  assert.equal(typeof r.query_id, 'string');
  assert.equal(typeof r.stats.elapsed_time_ms, 'number');
});

test('projections: names, kinds, absent fields', async () => {
  const r = await query('SELECT id, active, address.city, COUNT(*) OVER () AS n, id > 1, ' +
    "CAST(id AS float) AS f, category FROM sample WHERE id <= 2 ORDER BY id");
  assert.deepEqual(r.column_fields.map((c) => c.name),
    ['id', 'active', 'city', 'n', '?field4', 'f', 'category']);
  assert.equal(r.results[0]['?field4'], false);
  assert.equal(r.results[1]['?field4'], true);
  assert.equal(r.results[0].active, true);
  assert.equal(r.results[0].city, 'São Paulo');
  assert.equal(r.results[0].f, 1);
  assert.ok(!('category' in r.results[0]) || typeof r.results[0].category === 'string');
  const c = await query('SELECT COUNT(*) FROM sales.orders');
  assert.deepEqual(c.results, [{ '?count': 200 }]);
  assert.deepEqual(c.column_fields, [{ name: '?count', type: 'int' }]);
});

test('parameters of every type', async () => {
  const r = await query('SELECT :s AS s, :i AS i, :f AS f, :b AS b, :d AS d, :dt AS dt, ' +
    ':t AS t, :ts AS ts, :n AS n', {
    sql: {
      parameters: [
        { name: 's', type: 'string', value: "it's" },
        { name: 'i', type: 'int', value: '42' },
        { name: 'f', type: 'float', value: '2.5' },
        { name: 'b', type: 'bool', value: 'true' },
        { name: 'd', type: 'date', value: '2021-01-10' },
        { name: 'dt', type: 'datetime', value: '2021-01-10T10:11:12' },
        { name: 't', type: 'time', value: '12:30:00' },
        { name: 'ts', type: 'timestamp', value: '2021-02-02T03:00:00Z' },
        { name: 'n', type: 'int', value: null },
      ],
    },
  });
  assert.deepEqual(r.results, [{
    s: "it's", i: 42, f: 2.5, b: true,
    d: { __rockset_type: 'DATE', value: '2021-01-10' },
    dt: { __rockset_type: 'DATETIME', value: '2021-01-10T10:11:12' },
    t: { __rockset_type: 'TIME', value: '12:30:00' },
    ts: '2021-02-02T03:00:00.000000Z', n: null,
  }]);
  const w = await query('SELECT _id FROM sample WHERE id BETWEEN :lo AND :hi AND active = :a ' +
    'ORDER BY _id', {
    sql: {
      parameters: [{ name: 'lo', type: 'int', value: '1' }, { name: 'hi', type: 'int', value: '3' },
        { name: 'a', type: 'bool', value: 'true' }],
    },
  });
  assert.deepEqual(w.results.map((x) => x._id), ['s01', 's02']);
  await rejectsWith(query('SELECT :x'), 'QUERY_ERROR', (e) => {
    assert.equal(e.line, 1);
    assert.equal(e.column, 8);
  });
  await rejectsWith(query('SELECT :x', { sql: { parameters: [{ name: 'x', type: 'int', value: 'abc' }] } }),
    'INVALIDINPUT');
});

test('errors carry positions and kinds', async () => {
  await rejectsWith(query('SELECT COUT(*) FROM sample'), 'QUERY_ERROR', (e) => {
    assert.equal(e.message, 'Function `COUT` not found.');
    assert.equal(e.line, 1);
    assert.equal(e.column, 8);
    assert.equal(e.error_id, 'function_not_found');
    assert.equal(typeof e.query_id, 'string');
  });
  await rejectsWith(query('SELECT * FROM nosuch'), 'NOTFOUND', (e) => {
    assert.equal(e.message_key, 'COLLECTION_DOES_NOT_EXIST');
    assert.equal(e.message, 'Collection "nosuch" not found in workspace "commons".');
  });
  await rejectsWith(query('DROP TABLE sample'), 'QUERY_ERROR');
  // a result document holds one value per name: two items named alike are refused, never
  // answered with one of the values missing
  for (const sql of ['SELECT a._id, b._id FROM sample a JOIN sample b ON a._id = b._id',
                     'SELECT 1 AS x, 2 AS x']) {
    await rejectsWith(query(sql), 'QUERY_ERROR', (e) => {
      assert.equal(e.error_id, 'duplicate_field');
      assert.match(e.message, /appears more than once/);
    });
  }
});

test('pagination through the pages endpoint', async () => {
  const first = await query('SELECT _id FROM sample ORDER BY _id', { body: { max_initial_results: 20 } });
  assert.equal(first.results.length, 20);
  assert.equal(first.results_total_doc_count, 50);
  assert.equal(first.pagination.current_page_doc_count, 20);
  const ids = first.results.map((x) => x._id);
  let cursor = first.pagination.next_cursor;
  while (cursor) {
    const page = await rs.queries.getQueryResults(first.query_id, cursor, 20, 0);
    assert.equal(page.results_total_doc_count, 50);
    ids.push(...page.results.map((x) => x._id));
    cursor = page.pagination.next_cursor;
  }
  assert.equal(ids.length, 50);
  assert.equal(new Set(ids).size, 50);
  assert.equal(ids[0], 's01');
  const info = await rs.queries.getQuery(first.query_id);
  assert.equal(info.data.status, 'COMPLETED');
  await rs.queries.cancelQuery(first.query_id);
  await rejectsWith(rs.queries.getQueryResults(first.query_id, 'c0', 10, 0), 'NOTFOUND');
});

test('async queries complete in the background', async () => {
  const r = await query('SELECT region, COUNT(*) AS n FROM sales.orders GROUP BY region ORDER BY region',
    { body: { async: true } });
  assert.equal(r.status, 'QUEUED');
  let info;
  for (let i = 0; i < 100; i++) {
    info = await rs.queries.getQuery(r.query_id);
    if (info.data.status === 'COMPLETED' || info.data.status === 'ERROR') break;
    await new Promise((ok) => setTimeout(ok, 50));
  }
  assert.equal(info.data.status, 'COMPLETED');
  const page = await rs.queries.getQueryResults(r.query_id);
  const total = page.results.reduce((s, x) => s + x.n, 0);
  assert.equal(total, 200);
});

test('validation parses and plans without running', async () => {
  const v = await rs.queries.validate({ sql: { query: 'SELECT * FROM sales.orders o JOIN sample s ON o.sample_id = s.id WHERE o.region = :r' } });
  assert.deepEqual(v.collections.sort(), ['commons.sample', 'sales.orders']);
  assert.deepEqual(v.parameters, ['r']);
  await rejectsWith(rs.queries.validate({ sql: { query: 'SELECT FROM' } }), 'QUERY_ERROR');
});

test('DESCRIBE lists field paths and types', async () => {
  const r = await query('DESCRIBE sales.orders OPTION(max_field_depth=1)');
  const byField = new Map(r.results.map((x) => [x.field.join('.') + ':' + x.type, x]));
  assert.equal(byField.get('_id:string').occurrences, 200);
  assert.equal(byField.get('order_date:date').total, 200);
  assert.ok(r.results.every((x) => x.field.length === 1));
});

test('column_fields types of plain fields come from the values', async () => {
  const r = await query("SELECT _event_time, _id, id, seen, created, address, 1 = 1 AS t, COALESCE(id, 'x') AS m FROM sample ORDER BY _id LIMIT 5");
  const types = Object.fromEntries(r.column_fields.map((c) => [c.name, c.type]));
  assert.equal(types._event_time, 'timestamp');
  assert.equal(types._id, 'string');
  assert.equal(types.id, 'int');
  assert.equal(types.created, 'date');
  assert.equal(types.address, 'object');
  assert.equal(types.t, 'bool');
  const mixed = await query("SELECT CASE WHEN _id = 's01' THEN 1 ELSE 'a' END AS v FROM sample");
  assert.equal(mixed.column_fields[0].type, '');
  const paged = await query('SELECT _event_time FROM sample', { body: { max_initial_results: 10 } });
  assert.equal(paged.column_fields[0].type, 'timestamp');
});

test('streamed queries are recorded: GET /queries/{id} answers QueryInfo', async () => {
  const r = await query('SELECT _id FROM sample ORDER BY _id LIMIT 7');
  const info = await rs.queries.getQuery(r.query_id);
  assert.equal(info.data.query_id, r.query_id);
  assert.equal(info.data.status, 'COMPLETED');
  assert.equal(info.data.sql, 'SELECT _id FROM sample ORDER BY _id LIMIT 7');
  assert.equal(info.data.stats.result_set_document_count, 7);
  await rejectsWith(rs.queries.getQueryResults(r.query_id, 'c0', 10, 0), 'INVALIDINPUT');
  let failedId;
  await rejectsWith(query('SELECT nosuchfn(1)'), 'QUERY_ERROR', (e) => { failedId = e.query_id; });
  const bad = await rs.queries.getQuery(failedId);
  assert.equal(bad.data.status, 'ERROR');
  assert.match(bad.data.query_errors[0].message, /nosuchfn/);
  const list = await rs.queries.listActiveQueries?.() ?? null;
  if (list) assert.ok(Array.isArray(list.data));
});

test('a big paginated query answers its first page before it is stored', async () => {
  const n = 300000;
  const sql = `WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < ${n}) SELECT x FROM c`;
  const first = await query(sql, { body: { max_initial_results: 100 } });
  assert.equal(first.results.length, 100);
  // the true total is not known while the rest is stored: absent, never a count so far
  assert.equal(first.results_total_doc_count, undefined);
  assert.equal(first.pagination.next_cursor, 'c100');
  let cursor = first.pagination.next_cursor;
  let count = 100;
  let last = first;
  while (cursor) {
    last = await rs.queries.getQueryResults(first.query_id, cursor, 100000, 0);
    assert.equal(last.results[0].x, count + 1);
    count += last.results.length;
    cursor = last.pagination.next_cursor;
  }
  assert.equal(count, n);
  assert.equal(last.results_total_doc_count, n);
  const info = await rs.queries.getQuery(first.query_id);
  assert.equal(info.data.status, 'COMPLETED');
  assert.equal(info.data.stats.result_set_document_count, n);
});
