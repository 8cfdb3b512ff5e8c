<?php
// SPDX-License-Identifier: Apache-2.0
// The client scenario through php-odbc. Usage: php client.php dsn|connstr
// Exits non-zero on the first mismatch. Expected values: tests/clients/data/README.md.
$mode = $argv[1] ?? 'dsn';
$failures = 0;

function check($what, $ok, $got = null) {
    global $failures;
    if ($ok) { echo "ok   $what\n"; return; }
    $failures++;
    echo "FAIL $what (got " . var_export($got, true) . ")\n";
}

function fetch_all($res) {
    $rows = [];
    while (($r = odbc_fetch_array($res)) !== false) $rows[] = $r;
    return $rows;
}

function json_same($text, $want) {
    return is_string($text) && json_decode($text, true) === json_decode($want, true);
}

$target = $mode === 'dsn' ? getenv('RS_DSN') : getenv('RS_CONNSTR');
$c = @odbc_connect($target, '', '');
if (!$c) { echo "FAIL connect by $mode: [" . odbc_error() . "] " . odbc_errormsg() . "\n"; exit(1); }
echo "ok   connect by $mode\n";

// Workspaces and collections: every table of every schema.
$tables = fetch_all(odbc_tables($c, null, '%', '%', 'TABLE'));
$names = array_map(fn($r) => $r['TABLE_SCHEM'] . '.' . $r['TABLE_NAME'], $tables);
foreach (['commons.sample', 'commons.clients_types', 'sales.orders'] as $t)
    check("tables lists $t", in_array($t, $names, true), $names);
check('table type is TABLE', count($tables) > 0 && $tables[0]['TABLE_TYPE'] === 'TABLE', $tables[0] ?? null);

$cols = fetch_all(odbc_columns($c, null, 'commons', 'clients_types', '%'));
$cnames = array_map(fn($r) => $r['COLUMN_NAME'], $cols);
foreach (['i', 'f', 'b', 's', 'd', 't', 'ts', 'o', 'a'] as $col)
    check("columns lists $col", in_array($col, $cnames, true), $cnames);
foreach ($cols as $r)
    if ($r['COLUMN_NAME'] === 'i') check('column i is BIGINT (-5)', (int)$r['DATA_TYPE'] === -5, $r['DATA_TYPE']);

// Parameterized queries. php-odbc binds every parameter as text, with the SQL type
// SQLDescribeParam answers; Rockset compares strictly by type (7 is not '7'), so the driver
// types each marker from the field it is compared with (issue 10).
$st = odbc_prepare($c, 'SELECT i FROM commons.clients_types WHERE s = ?');
check('prepare', $st !== false, odbc_errormsg($c));
foreach (['plain' => '7', 'héllo wörld ✓ 日本' => '42'] as $arg => $want) {
    check("execute with parameter '$arg'", $st && odbc_execute($st, [$arg]), odbc_errormsg($c));
    $rows = $st ? fetch_all($st) : [];
    check("parameterized result for '$arg'", count($rows) === 1 && $rows[0]['i'] === $want, $rows);
}
// an int field: 7 goes as text and must still find the row (issue 10)
$st = odbc_prepare($c, 'SELECT s FROM commons.clients_types WHERE i = ?');
check('prepare (int field)', $st !== false, odbc_errormsg($c));
foreach ([7, '7'] as $arg) {
    check("execute with int field parameter " . var_export($arg, true), $st && odbc_execute($st, [$arg]), odbc_errormsg($c));
    $rows = $st ? fetch_all($st) : [];
    check("int field parameter result for " . var_export($arg, true), count($rows) === 1 && $rows[0]['s'] === 'plain', $rows);
}

// Every type read back.
$res = odbc_exec($c, "SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'");
$rows = $res ? fetch_all($res) : [];
check('one row of every type', count($rows) === 1, $rows);
$r = $rows[0] ?? [];
check('int', ($r['i'] ?? null) === '42', $r['i'] ?? null);
check('float', isset($r['f']) && (float)$r['f'] === 2.5, $r['f'] ?? null);
check('bool', isset($r['b']) && in_array($r['b'], ['1', 'true', 'TRUE'], true), $r['b'] ?? null);
check('string (UTF-8)', ($r['s'] ?? null) === 'héllo wörld ✓ 日本', $r['s'] ?? null);
check('null', array_key_exists('n', $r) && $r['n'] === null, $r['n'] ?? 'missing');
check('date', ($r['d'] ?? null) === '2024-02-29', $r['d'] ?? null);
check('time', ($r['t'] ?? null) === '13:45:30', $r['t'] ?? null);
// As TIMESTAMP text, or as the ISO text Rockset sends when the driver reports VARCHAR.
check('timestamp', isset($r['ts']) && preg_match('/^2024-02-29( |T)13:45:30(\.0+)?Z?$/', $r['ts']), $r['ts'] ?? null);
check('object as JSON', json_same($r['o'] ?? null, '{"k":"v","l":[1,2]}'), $r['o'] ?? null);
check('array as JSON', json_same($r['a'] ?? null, '[1,"two",3.5]'), $r['a'] ?? null);

// A query lambda.
$st = odbc_prepare($c, '{CALL commons.lam(?)}');
check('prepare lambda call', $st !== false, odbc_errormsg($c));
check('execute lambda call', $st && odbc_execute($st, [42]), odbc_errormsg($c));
$rows = $st ? fetch_all($st) : [];
check('lambda result', count($rows) === 1 && ($rows[0]['s'] ?? null) === 'héllo wörld ✓ 日本', $rows);

// Errors carry their SQLSTATE. php-odbc is an ODBC 2 application (SQLAllocEnv, no
// SQL_ATTR_ODBC_VERSION), so the driver answers with the ODBC 2 codes the spec maps them to:
// 42S02 -> S0002, 42000 -> 37000.
$res = @odbc_exec($c, 'SELECT * FROM commons.no_such_collection');
check('missing collection fails', $res === false, $res);
check('missing collection is 42S02 (ODBC 2: S0002)', in_array(odbc_error($c), ['42S02', 'S0002'], true), odbc_error($c) . ' ' . odbc_errormsg($c));
echo "     message: " . odbc_errormsg($c) . "\n";
$res = @odbc_exec($c, 'SELEC 1 FROM');
check('bad SQL fails', $res === false, $res);
check('bad SQL is 42000 (ODBC 2: 37000)', in_array(odbc_error($c), ['42000', '37000'], true), odbc_error($c) . ' ' . odbc_errormsg($c));

odbc_close($c);
echo $failures ? "php ($mode): $failures failed\n" : "php ($mode): all passed\n";
exit($failures ? 1 : 0);
