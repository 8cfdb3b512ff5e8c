// SPDX-License-Identifier: Apache-2.0
// Query Lambdas through the official npm client against rockset-local: create, versions,
// tags, execution by version and tag with parameters, stats, deletion rules.
import test from 'node:test';
import assert from 'node:assert/strict';
import pkg from '@rockset/client';

const configure = pkg.default ?? pkg;
const rs = configure(process.env.RS_APIKEY, process.env.RS_SERVER);
const ql = rs.queryLambdas;
const name = `ql${process.pid}`;

async function rejectsWith(promise, type) {
  await assert.rejects(promise, (e) => {
    assert.equal(e.type, type, JSON.stringify(e));
    return true;
  });
}

test('lambda lifecycle', async () => {
  const v1 = (await ql.createQueryLambda('commons', {
    name, description: 'first',
    sql: {
      query: 'SELECT name FROM sample WHERE id = :id',
      default_parameters: [{ name: 'id', type: 'int', value: '1' }],
    },
  })).data;
  assert.match(v1.version, /^[0-9a-f]{16}$/);
  assert.equal(v1.state, 'ACTIVE');
  assert.deepEqual(v1.collections, ['commons.sample']);
  await rejectsWith(ql.createQueryLambda('commons', { name, sql: { query: 'SELECT 1' } }), 'ALREADYEXISTS');

  const v2 = (await ql.updateQueryLambda('commons', name, {
    sql: { query: 'SELECT name, :id AS id FROM sample WHERE id = :id', default_parameters: [{ name: 'id', type: 'int', value: '2' }] },
  })).data;
  assert.notEqual(v2.version, v1.version);
  const versions = (await ql.listQueryLambdaVersions('commons', name)).data;
  assert.deepEqual(versions.map((v) => v.version).sort(), [v1.version, v2.version].sort());

  const latest = (await ql.getQueryLambdaTagVersion('commons', name, 'latest')).data;
  assert.equal(latest.tag_name, 'latest');
  assert.equal(latest.version.version, v2.version);

  const tag = (await ql.createQueryLambdaTag('commons', name, { tag_name: 'prod', version: v1.version })).data;
  assert.equal(tag.version.version, v1.version);
  const tags = (await ql.listQueryLambdaTags('commons', name)).data.map((t) => t.tag_name).sort();
  assert.deepEqual(tags, ['latest', 'prod']);

  // defaults, then request parameters merged over them
  let r = await ql.executeQueryLambdaByTag('commons', name, 'prod', {});
  assert.deepEqual(r.results, [{ name: 'Bob' }]);
  r = await ql.executeQueryLambdaByTag('commons', name, 'latest', { parameters: [{ name: 'id', type: 'int', value: '3' }] });
  assert.deepEqual(r.results, [{ name: 'Jürgen', id: 3 }]);
  r = await ql.executeQueryLambda('commons', name, v1.version, { parameters: [{ name: 'id', type: 'int', value: '2' }] });
  assert.deepEqual(r.results, [{ name: 'Zoë' }]);
  const got = (await ql.getQueryLambdaVersion('commons', name, v1.version)).data;
  assert.equal(got.stats.last_executed_by, 'admin@localhost');
  assert.equal(typeof got.stats.last_executed, 'string');

  const all = (await ql.listAllQueryLambdas()).data;
  const mine = all.find((l) => l.name === name);
  assert.equal(mine.version_count, 2);
  assert.equal(mine.latest_version.version, v2.version);
  assert.ok((await ql.listQueryLambdasInWorkspace('commons')).data.some((l) => l.name === name));

  // a version another tag points to is kept
  await rejectsWith(ql.deleteQueryLambdaVersion('commons', name, v1.version), 'DEPENDENTRESOURCES');
  await ql.deleteQueryLambdaTag('commons', name, 'prod');
  await ql.deleteQueryLambdaVersion('commons', name, v1.version);
  await rejectsWith(ql.getQueryLambdaVersion('commons', name, v1.version), 'NOTFOUND');
  await rejectsWith(ql.executeQueryLambdaByTag('commons', name, 'prod', {}), 'NOTFOUND');

  const deleted = (await ql.deleteQueryLambda('commons', name)).data;
  assert.equal(deleted.name, name);
  await rejectsWith(ql.listQueryLambdaVersions('commons', name), 'NOTFOUND');
});

test('update with create=true makes the lambda', async () => {
  const n2 = `${name}b`;
  await rejectsWith(ql.updateQueryLambda('commons', n2, { sql: { query: 'SELECT 1 AS one' } }), 'NOTFOUND');
  const v = (await ql.updateQueryLambda('commons', n2, { sql: { query: 'SELECT 1 AS one' } }, true)).data;
  assert.equal(v.name, n2);
  const r = await ql.executeQueryLambda('commons', n2, v.version, {});
  assert.deepEqual(r.results, [{ one: 1 }]);
  await rejectsWith(ql.createQueryLambda('commons', { name: `${name}c`, sql: { query: 'SELECT * FROM nosuch' } }), 'NOTFOUND');
  await ql.deleteQueryLambda('commons', n2);
});
