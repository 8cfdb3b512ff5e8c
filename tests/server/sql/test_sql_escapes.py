#!/usr/bin/python3
# SPDX-License-Identifier: Apache-2.0
"""Runs every `{fn ...}` and literal escape of docs/escapes.md through the ODBC driver
against rockset-local (RS_SERVER, RS_APIKEY) and checks the value. A documented escape with
no case here fails the test, so the list cannot drift from the document.
Usage: test_sql_escapes.py LIBROCKSETODBC.so docs/escapes.md"""
import datetime
import math
import os
import re
import sys

import pyodbc

LIB, DOC = sys.argv[1], sys.argv[2]
TODAY = datetime.datetime.now(datetime.timezone.utc).date()


def near(x):
    return lambda v: v is not None and abs(float(v) - x) < 1e-9


def eq(x):
    return lambda v: v == x or (isinstance(v, str) and str(x) == v)


def is_now(v):
    s = str(v)
    return s[:4] == str(TODAY.year)


# function name -> (escape with concrete arguments, check of the value)
CASES = {
    "ASCII": ("{fn ASCII('abc')}", eq(97)),
    "CHAR": ("{fn CHAR(66)}", eq("B")),
    "CHAR_LENGTH": ("{fn CHAR_LENGTH('abcd')}", eq(4)),
    "CHARACTER_LENGTH": ("{fn CHARACTER_LENGTH('abc')}", eq(3)),
    "CONCAT": ("{fn CONCAT('ab', 'cd')}", eq("abcd")),
    "LCASE": ("{fn LCASE('AbC')}", eq("abc")),
    "LEFT": ("{fn LEFT('abcdef', 2)}", eq("ab")),
    "LENGTH": ("{fn LENGTH('abc  ')}", eq(3)),
    "LOCATE": ("{fn LOCATE('c', 'abcd')}", eq(3)),
    "LTRIM": ("{fn LTRIM('  ab')}", eq("ab")),
    "POSITION": ("{fn POSITION('d' IN 'abcd')}", eq(4)),
    "REPLACE": ("{fn REPLACE('abab', 'b', 'x')}", eq("axax")),
    "RIGHT": ("{fn RIGHT('abcdef', 2)}", eq("ef")),
    "RTRIM": ("{fn RTRIM('ab  ')}", eq("ab")),
    "SUBSTRING": ("{fn SUBSTRING('abcdef', 2, 3)}", eq("bcd")),
    "UCASE": ("{fn UCASE('abc')}", eq("ABC")),
    "ABS": ("{fn ABS(-3)}", eq(3)),
    "ACOS": ("{fn ACOS(1.0)}", near(0.0)),
    "ASIN": ("{fn ASIN(1.0)}", near(math.pi / 2)),
    "ATAN": ("{fn ATAN(1.0)}", near(math.pi / 4)),
    "ATAN2": ("{fn ATAN2(1.0, 1.0)}", near(math.pi / 4)),
    "CEILING": ("{fn CEILING(1.2)}", near(2.0)),
    "COS": ("{fn COS(0.0)}", near(1.0)),
    "COT": ("{fn COT(1.0)}", near(1 / math.tan(1.0))),
    "DEGREES": ("{fn DEGREES(PI())}", near(180.0)),
    "EXP": ("{fn EXP(0.0)}", near(1.0)),
    "FLOOR": ("{fn FLOOR(1.8)}", near(1.0)),
    "LOG": ("{fn LOG(1.0)}", near(0.0)),
    "LOG10": ("{fn LOG10(100.0)}", near(2.0)),
    "MOD": ("{fn MOD(7, 3)}", eq(1)),
    "PI": ("{fn PI()}", near(math.pi)),
    "POWER": ("{fn POWER(2, 10)}", near(1024.0)),
    "RADIANS": ("{fn RADIANS(180.0)}", near(math.pi)),
    "RAND": ("{fn RAND()}", lambda v: v is not None and 0.0 <= float(v) < 1.0),
    "ROUND": ("{fn ROUND(2.567, 2)}", near(2.57)),
    "SIGN": ("{fn SIGN(-5)}", eq(-1)),
    "SIN": ("{fn SIN(0.0)}", near(0.0)),
    "SQRT": ("{fn SQRT(16.0)}", near(4.0)),
    "TAN": ("{fn TAN(0.0)}", near(0.0)),
    "TRUNCATE": ("{fn TRUNCATE(2.789, 1)}", near(2.7)),
    "CURDATE": ("{fn CURDATE()}", is_now),
    "CURTIME": ("{fn CURTIME()}", lambda v: v is not None),
    "CURRENT_DATE": ("{fn CURRENT_DATE()}", is_now),
    "CURRENT_TIME": ("{fn CURRENT_TIME(3)}", lambda v: v is not None),
    "CURRENT_TIMESTAMP": ("{fn CURRENT_TIMESTAMP(3)}", is_now),
    "DAYOFMONTH": ("{fn DAYOFMONTH({d '2024-01-31'})}", eq(31)),
    "DAYOFWEEK": ("{fn DAYOFWEEK({d '2024-01-07'})}", eq(1)),
    "DAYOFYEAR": ("{fn DAYOFYEAR({d '2024-02-01'})}", eq(32)),
    "EXTRACT": ("{fn EXTRACT(MONTH FROM {d '2024-05-31'})}", eq(5)),
    "HOUR": ("{fn HOUR({t '13:45:10'})}", eq(13)),
    "MINUTE": ("{fn MINUTE({t '13:45:10'})}", eq(45)),
    "MONTH": ("{fn MONTH({d '2024-05-31'})}", eq(5)),
    "NOW": ("{fn NOW()}", is_now),
    "QUARTER": ("{fn QUARTER({d '2024-05-31'})}", eq(2)),
    "SECOND": ("{fn SECOND({t '13:45:10'})}", eq(10)),
    "TIMESTAMPADD": ("{fn TIMESTAMPADD(SQL_TSI_HOUR, 3, {ts '2024-01-31 22:00:00'})}",
                     lambda v: str(v).startswith("2024-02-01") and "01:00:00" in str(v)),
    "TIMESTAMPDIFF": ("{fn TIMESTAMPDIFF(SQL_TSI_YEAR, {ts '2020-06-01 00:00:00'},"
                      " {ts '2024-05-31 00:00:00'})}", eq(3)),
    "WEEK": ("{fn WEEK({d '2021-01-03'})}", eq(53)),
    "YEAR": ("{fn YEAR({d '2024-05-31'})}", eq(2024)),
    "DATABASE": ("{fn DATABASE()}", eq("rockset")),
    "IFNULL": ("{fn IFNULL(NULL, 'x')}", eq("x")),
    "USER": ("{fn USER()}", lambda v: isinstance(v, str) and len(v) > 0),
    "CONVERT": ("{fn CONVERT('2.5', SQL_DOUBLE)}", near(2.5)),
}

# literal escapes (the rows of "Literal escapes" but guid, which is plain text)
LITERALS = [
    ("{d '2024-01-31'}", lambda v: str(v).startswith("2024-01-31")),
    ("{t '13:45:00'}", lambda v: str(v).startswith("13:45:00")),
    ("{ts '2024-01-31 13:45:00.5'}", lambda v: str(v).startswith("2024-01-31")),
    ("{guid '0123abcd-4567-89ab-cdef-0123456789ab'}",
     eq("0123abcd-4567-89ab-cdef-0123456789ab")),
    ("{fn TIMESTAMPADD(SQL_TSI_DAY, 1, {ts '2024-01-31 13:45:00'})} "
     "- {INTERVAL '1' DAY}", lambda v: str(v).startswith("2024-01-31")),
]


def documented():
    names = []
    with open(DOC, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\| [a-z ]+ \| `\{fn ([A-Z_0-9]+)", line)
            if m:
                names.append(m.group(1))
    return names


def main():
    names = documented()
    if len(names) < 50:
        print("FAIL: only %d escapes found in %s" % (len(names), DOC))
        return 1
    conn = pyodbc.connect("Driver=%s;Server=%s;ApiKey=%s" % (LIB, os.environ["RS_SERVER"],
                                                            os.environ["RS_APIKEY"]),
                          autocommit=True)
    cur = conn.cursor()
    failures = 0
    cases = [(n,) + CASES[n] for n in names if n in CASES]
    for n in names:
        if n not in CASES:
            print("FAIL %s: documented but no case in this test" % n)
            failures += 1
    cases += [("literal",) + c for c in LITERALS]
    for name, esc, check in cases:
        try:
            row = cur.execute("SELECT %s AS v" % esc).fetchone()
            ok = check(row[0])
            print("%s %s: %s -> %r" % ("ok  " if ok else "FAIL", name, esc, row[0]))
        except pyodbc.Error as e:
            ok = False
            print("FAIL %s: %s -> %s" % (name, esc, e))
        failures += 0 if ok else 1
    conn.close()
    print("%d escapes, %d failures" % (len(cases), failures))
    return 1 if failures else 0


sys.exit(main())
