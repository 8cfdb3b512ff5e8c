// SPDX-License-Identifier: Apache-2.0
'use strict';
// The client scenario through the npm `odbc` package. Usage: node client.js dsn|connstr
// Exits non-zero on any mismatch. Expected values: tests/clients/data/README.md.
const odbc = require('odbc');

const mode = process.argv[2] || 'dsn';
let failures = 0;

function check(what, ok, got) {
  if (ok) { console.log(`ok   ${what}`); return; }
  failures++;
  console.log(`FAIL ${what} (got ${typeof got === 'bigint' ? got : JSON.stringify(got)})`);
}

function jsonSame(text, want) {
  try { return JSON.stringify(JSON.parse(text)) === JSON.stringify(JSON.parse(want)); } catch (e) { return false; }
}

function sqlstate(err) {
  return err && err.odbcErrors && err.odbcErrors.length ? err.odbcErrors[0].state : null;
}

async function expectError(conn, what, sql, state) {
  try {
    await conn.query(sql);
    check(`${what} fails`, false, 'no error');
  } catch (err) {
    check(`${what} is ${state}`, sqlstate(err) === state, err.odbcErrors || String(err));
    console.log(`     message: ${err.odbcErrors && err.odbcErrors[0] ? err.odbcErrors[0].message : err}`);
  }
}

async function main() {
  const target = mode === 'dsn' ? `DSN=${process.env.RS_DSN}` : process.env.RS_CONNSTR;
  let conn;
  try {
    conn = await odbc.connect(target);
  } catch (err) {
    console.log(`FAIL connect by ${mode}: ${JSON.stringify(err.odbcErrors || String(err))}`);
    return 1;
  }
  console.log(`ok   connect by ${mode}`);

  const tables = await conn.tables(null, '%', '%', 'TABLE');
  const names = tables.map((t) => `${t.TABLE_SCHEM}.${t.TABLE_NAME}`);
  for (const t of ['commons.sample', 'commons.clients_types', 'sales.orders']) {
    check(`tables lists ${t}`, names.includes(t), names);
  }
  const cols = await conn.columns(null, 'commons', 'clients_types', '%');
  const cnames = cols.map((c) => c.COLUMN_NAME);
  for (const c of ['i', 'f', 'b', 's', 'd', 't', 'ts', 'o', 'a']) check(`columns lists ${c}`, cnames.includes(c), cnames);
  const ci = cols.find((c) => c.COLUMN_NAME === 'i');
  check('column i is BIGINT (-5)', ci && Number(ci.DATA_TYPE) === -5, ci && ci.DATA_TYPE);

  // Rockset compares strictly by type; node odbc binds with the SQL type SQLDescribeParam
  // answers, which the driver takes from the field the marker is compared with (issue 10).
  let rows;
  for (const [arg, want] of [['plain', 7], ['héllo wörld ✓ 日本', 42]]) {
    rows = await conn.query('SELECT i FROM commons.clients_types WHERE s = ?', [arg]);
    check(`parameterized result for '${arg}'`, rows.length === 1 && Number(rows[0].i) === want, rows);
  }
  for (const arg of [7, '7']) {
    rows = await conn.query('SELECT s FROM commons.clients_types WHERE i = ?', [arg]);
    check(`int field parameter result for ${JSON.stringify(arg)}`, rows.length === 1 && rows[0].s === 'plain', rows);
  }

  rows = await conn.query("SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'");
  check('one row of every type', rows.length === 1, rows);
  const r = rows[0] || {};
  check('int', String(r.i) === '42', r.i);
  check('float', Number(r.f) === 2.5, r.f);
  check('bool', r.b === true || r.b === 1 || r.b === '1', r.b);
  check('string (UTF-8)', r.s === 'héllo wörld ✓ 日本', r.s);
  check('null', 'n' in r && r.n === null, r.n);
  check('date', r.d === '2024-02-29', r.d);
  check('time', r.t === '13:45:30', r.t);
  // As TIMESTAMP text, or as the ISO text Rockset sends when the driver reports VARCHAR.
  check('timestamp', /^2024-02-29( |T)13:45:30(\.0+)?Z?$/.test(r.ts), r.ts);
  check('object as JSON', jsonSame(r.o, '{"k":"v","l":[1,2]}'), r.o);
  check('array as JSON', jsonSame(r.a, '[1,"two",3.5]'), r.a);

  try {
    rows = await conn.query('{CALL commons.lam(?)}', [42]);
    check('lambda result', rows.length === 1 && rows[0].s === 'héllo wörld ✓ 日本', rows);
  } catch (err) {
    check('lambda call', false, err.odbcErrors || String(err));
  }

  await expectError(conn, 'missing collection', 'SELECT * FROM commons.no_such_collection', '42S02');
  await expectError(conn, 'bad SQL', 'SELEC 1 FROM', '42000');
  await conn.close();
  console.log(failures ? `node (${mode}): ${failures} failed` : `node (${mode}): all passed`);
  return failures ? 1 : 0;
}

main().then((code) => process.exit(code), (err) => {
  console.log(`FAIL unexpected error: ${JSON.stringify(err.odbcErrors || String(err))}`);
  process.exit(1);
});
