#!/usr/bin/perl
# SPDX-License-Identifier: Apache-2.0
# The client scenario through Perl DBI and DBD::ODBC. Usage: perl client.pl dsn|connstr
# Exits non-zero on any mismatch. Expected values: tests/clients/data/README.md.
use strict;
use warnings;
use utf8;
use DBI qw(:sql_types);
use JSON::PP;

binmode STDOUT, ':encoding(UTF-8)';
my $mode = $ARGV[0] // 'dsn';
my $failures = 0;

sub check {
    my ($what, $ok, $got) = @_;
    if ($ok) { print "ok   $what\n"; return; }
    $failures++;
    print "FAIL $what (got ", (defined $got ? $got : 'undef'), ")\n";
}

sub json_same {
    my ($text, $want) = @_;
    return 0 unless defined $text;
    my $js = JSON::PP->new->canonical;
    my $a = eval { $js->encode($js->decode($text)) } // return 0;
    return $a eq $js->encode($js->decode($want));
}

my $target = $mode eq 'dsn' ? "dbi:ODBC:$ENV{RS_DSN}" : "dbi:ODBC:$ENV{RS_CONNSTR}";
my $dbh = DBI->connect($target, '', '', { RaiseError => 0, PrintError => 0, odbc_utf8_on => 1 });
if (!$dbh) { print "FAIL connect by $mode: [$DBI::state] $DBI::errstr\n"; exit 1; }
print "ok   connect by $mode\n";

# Workspaces (the SQL_ALL_SCHEMAS form of SQLTables) and collections.
my $sth = $dbh->table_info('', '%', '', '');
my @schemas = $sth ? map { $_->[1] } @{ $sth->fetchall_arrayref } : ();
for my $ws (qw(commons sales)) { check("schemas lists $ws", (grep { $_ eq $ws } @schemas), "@schemas"); }
$sth = $dbh->table_info(undef, '%', '%', 'TABLE');
my @tables = $sth ? map { "$_->[1].$_->[2]" } @{ $sth->fetchall_arrayref } : ();
for my $t (qw(commons.sample commons.clients_types sales.orders)) {
    check("tables lists $t", (grep { $_ eq $t } @tables), "@tables");
}
$sth = $dbh->column_info(undef, 'commons', 'clients_types', '%');
my %cols = $sth ? map { $_->{COLUMN_NAME} => $_ } @{ $sth->fetchall_arrayref({}) } : ();
for my $c (qw(i f b s d t ts o a)) { check("columns lists $c", exists $cols{$c}, join(' ', sort keys %cols)); }
check('column i is BIGINT (-5)', $cols{i} && $cols{i}{DATA_TYPE} == -5, $cols{i} ? $cols{i}{DATA_TYPE} : undef);

# Parameterized queries: DBD::ODBC binds untyped values as text, with the SQL type
# SQLDescribeParam answers (SQL_VARCHAR when told not to ask); Rockset compares strictly by
# type, so the driver types each marker from the field it is compared with (issue 10).
my $rows;
$sth = $dbh->prepare('SELECT i FROM commons.clients_types WHERE s = ?');
for my $case (['plain', 7], ["héllo wörld ✓ 日本", 42]) {
    check("execute with parameter '$case->[0]'", $sth && $sth->execute($case->[0]), $DBI::errstr);
    $rows = $sth ? $sth->fetchall_arrayref : [];
    check("parameterized result for '$case->[0]'", @$rows == 1 && $rows->[0][0] == $case->[1],
          @$rows ? $rows->[0][0] : 'no row');
}
$sth = $dbh->prepare('SELECT s FROM commons.clients_types WHERE i = ?');
check('execute with an untyped int parameter', $sth && $sth->execute(7), $DBI::errstr);
$rows = $sth ? $sth->fetchall_arrayref : [];
check('untyped int parameter result', @$rows == 1 && $rows->[0][0] eq 'plain', @$rows ? $rows->[0][0] : 'no row');
$sth = $dbh->prepare('SELECT s FROM commons.clients_types WHERE i = ?', { odbc_describe_parameters => 0 });
check('execute with an int parameter bound as SQL_VARCHAR', $sth && $sth->execute('7'), $DBI::errstr);
$rows = $sth ? $sth->fetchall_arrayref : [];
check('SQL_VARCHAR int parameter result', @$rows == 1 && $rows->[0][0] eq 'plain', @$rows ? $rows->[0][0] : 'no row');
$sth = $dbh->prepare('SELECT s FROM commons.clients_types WHERE i = ?');
$sth->bind_param(1, 7, SQL_INTEGER) if $sth;
check('execute with an SQL_INTEGER parameter', $sth && $sth->execute, $DBI::errstr);
$rows = $sth ? $sth->fetchall_arrayref : [];
check('SQL_INTEGER parameter result', @$rows == 1 && $rows->[0][0] eq 'plain', @$rows ? $rows->[0][0] : 'no row');

# Every type read back.
$sth = $dbh->prepare("SELECT i, f, b, s, n, d, t, ts, o, a FROM commons.clients_types WHERE _id = 't1'");
check('execute the types query', $sth && $sth->execute, $DBI::errstr);
my $r = ($sth && $sth->fetchrow_hashref) || {};
check('int', defined $r->{i} && $r->{i} eq '42', $r->{i});
check('float', defined $r->{f} && $r->{f} == 2.5, $r->{f});
check('bool', defined $r->{b} && $r->{b} =~ /^(1|true)$/i, $r->{b});
check('string (UTF-8)', defined $r->{s} && $r->{s} eq "héllo wörld ✓ 日本", $r->{s});
check('null', exists $r->{n} && !defined $r->{n}, $r->{n});
check('date', defined $r->{d} && $r->{d} eq '2024-02-29', $r->{d});
check('time', defined $r->{t} && $r->{t} eq '13:45:30', $r->{t});
# As TIMESTAMP text, or as the ISO text Rockset sends when the driver reports VARCHAR.
check('timestamp', defined $r->{ts} && $r->{ts} =~ /^2024-02-29( |T)13:45:30(\.0+)?Z?$/, $r->{ts});
check('object as JSON', json_same($r->{o}, '{"k":"v","l":[1,2]}'), $r->{o});
check('array as JSON', json_same($r->{a}, '[1,"two",3.5]'), $r->{a});
$sth->finish if $sth;

# A query lambda.
$sth = $dbh->prepare('{CALL commons.lam(?)}');
check('execute lambda call', $sth && $sth->execute(42), $DBI::errstr);
$rows = $sth ? $sth->fetchall_arrayref : [];
check('lambda result', @$rows == 1 && $rows->[0][0] eq "héllo wörld ✓ 日本", @$rows ? $rows->[0][0] : 'no row');

# Errors carry their SQLSTATE.
my $ok = $dbh->do('SELECT * FROM commons.no_such_collection');
check('missing collection fails', !defined $ok, $ok);
check('missing collection is 42S02', $dbh->state eq '42S02', $dbh->state . ' ' . ($dbh->errstr // ''));
print "     message: ", ($dbh->errstr // ''), "\n";
$ok = $dbh->do('SELEC 1 FROM');
check('bad SQL fails', !defined $ok, $ok);
check('bad SQL is 42000', $dbh->state eq '42000', $dbh->state . ' ' . ($dbh->errstr // ''));

$dbh->disconnect;
print $failures ? "perl ($mode): $failures failed\n" : "perl ($mode): all passed\n";
exit($failures ? 1 : 0);
