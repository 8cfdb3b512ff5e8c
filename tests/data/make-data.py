#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generates the test data sets (deterministic: same output on every run).
sample.jsonl -> commons.sample: 50 documents covering every Rockset type and missing fields.
orders.jsonl -> sales.orders: 200 orders referencing sample.id, for joins and aggregates."""
import json
import random
import os

here = os.path.dirname(os.path.abspath(__file__))
rnd = random.Random(20261129)
names = ["Alice", "Bob", "Zoë", "Jürgen", "東京", "Ünïcödé 😀", "O'Brien", "Ana \"Q\" Li",
         "Ålesund", "Łódź", "Renée", "Σωκράτης", "Иван", "محمد", "tab\tname", "back\\slash"]
cities = ["Paris", "São Paulo", "Zürich", "New York", "Kraków"]
cats = ["books", "games", "music", "tools"]


def wrap(t, v):
    return {"__rockset_type": t.upper(), "value": v}


def sample_doc(i):
    d = {"_id": "s%02d" % i, "id": i, "name": names[i % len(names)],
         "price": round(rnd.uniform(0.5, 999.0), 2), "qty": rnd.randint(-5, 500),
         "active": i % 3 != 0, "ratio": i / 8.0,
         "address": {"city": cities[i % len(cities)], "zip": "%05d" % (i * 137 % 100000),
                     "geo": {"lat": round(40 + i / 10, 3), "lon": round(-70 - i / 7, 3)}},
         "tags": [cats[(i + k) % len(cats)] for k in range(i % 4)],
         "scores": [rnd.randint(0, 100) for _ in range(3)],
         "created": wrap("date", "2021-%02d-%02d" % (1 + i % 12, 1 + i % 28)),
         "opens": wrap("time", "%02d:%02d:%02d" % (i % 24, i % 60, (i * 7) % 60)),
         "updated": wrap("datetime", "2022-03-%02dT10:%02d:33" % (1 + i % 28, i % 60)),
         "seen": wrap("timestamp", "2023-08-%02dT19:03:04.%06dZ" % (1 + i % 28, i * 1111)),
         "big": 9007199254740993 + i if i % 10 == 0 else i * 1000003,
         "note": None if i % 4 == 0 else "note %d" % i}
    if i % 5 == 0:
        del d["price"]                 # missing field
    if i % 7 == 0:
        d["category"] = cats[i % 4]    # only on some docs
    if i % 9 == 0:
        d["mixed"] = [1, "two", 3.5, True, None, {"k": "v"}]
    elif i % 2 == 0:
        d["mixed"] = i                 # a field with several types
    else:
        d["mixed"] = "m%d" % i
    if i == 50:
        d["empty_obj"], d["empty_arr"], d["empty_str"] = {}, [], ""
    return d


def order(i):
    return {"_id": "o%03d" % i, "order_id": i, "sample_id": rnd.randint(1, 50),
            "customer": names[rnd.randint(0, len(names) - 1)],
            "region": ["north", "south", "east", "west"][i % 4],
            "status": ["new", "paid", "shipped", "returned"][rnd.randint(0, 3)],
            "quantity": rnd.randint(1, 20), "amount": round(rnd.uniform(1, 500), 2),
            "shipped": i % 2 == 0,
            "order_date": wrap("date", "2024-%02d-%02d" % (1 + i % 12, 1 + i % 28))}


for fname, docs in (("sample.jsonl", [sample_doc(i) for i in range(1, 51)]),
                    ("orders.jsonl", [order(i) for i in range(1, 201)])):
    with open(os.path.join(here, fname), "w", encoding="utf-8") as f:
        for d in docs:
            f.write(json.dumps(d, ensure_ascii=False, separators=(",", ":")) + "\n")
