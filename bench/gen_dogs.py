#!/usr/bin/env python3
"""The benchmarks' data: ROWS dog records, the same bytes for the same arguments on every machine.

  bench/gen_dogs.py ROWS [--format csv|json|ndjson] [--seed N] [--bad-every N] > out

Columns: id,name,breed_id,age,weight_lbs,adopted,country,notes. id runs 1..ROWS; the other values
come from a seeded generator, so two runs are comparable. Every row carries what a load has to
handle: a number, a float, a boolean, a non-ASCII string and a CSV cell with commas and quotes.
--bad-every N makes every Nth row bad for a table that declares age an Int: its age is the text
"unknown" (N=100 is 1% bad rows; the rows are otherwise the same). Python 3 standard library only.
"""
import argparse
import json
import random
import sys

COLUMNS = ("id", "name", "breed_id", "age", "weight_lbs", "adopted", "country", "notes")
BREEDS = ("Akita", "Basenji", "Beagle", "Borzoi", "Boxer", "Collie", "Dachshund", "Husky",
          "Labrador", "Pointer", "Poodle", "Pug", "Saluki", "Whippet")
COUNTRIES = ("Argentina", "Canada", "Côte d'Ivoire", "France", "Japan", "México", "Norway",
             "Österreich", "UK", "USA")
HABITS = ("walks", "naps", "fetch", "swimming", "the sofa")


def dogs(count, seed, bad_every=0):
    """Yields count records as dicts in column order; with bad_every, every Nth has a bad age."""
    pick = random.Random(seed)
    for n in range(1, count + 1):
        name = f"{pick.choice(BREEDS)} {n}"
        breed_id = pick.randint(1, 350)
        age = pick.randint(1, 18)  # drawn for a bad row too, so the other values stay the same
        yield {
            "id": n,
            "name": name,
            "breed_id": breed_id,
            "age": "unknown" if bad_every and n % bad_every == 0 else age,
            "weight_lbs": round(pick.uniform(5.0, 120.0), 1),
            "adopted": pick.random() < 0.5,
            "country": pick.choice(COUNTRIES),
            "notes": f'likes {pick.choice(HABITS)}, {pick.choice(HABITS)} and "treats" #{n % 101}',
        }


def csv_cell(value):
    """RFC 4180: booleans as Harper writes them, a cell with a comma, quote or newline quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value)
    if any(c in text for c in ',"\r\n'):
        return '"' + text.replace('"', '""') + '"'
    return text


def write(records, fmt, out):
    if fmt == "csv":
        out.write(",".join(COLUMNS) + "\n")
        for record in records:
            out.write(",".join(csv_cell(record[c]) for c in COLUMNS) + "\n")
    elif fmt == "ndjson":
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
    else:
        out.write("[")
        for n, record in enumerate(records):
            out.write(("," if n else "") + json.dumps(record, ensure_ascii=False))
        out.write("]\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", type=int)
    parser.add_argument("--format", choices=("csv", "json", "ndjson"), default="csv")
    parser.add_argument("--seed", type=int, default=9)
    parser.add_argument("--bad-every", type=int, default=0, help="every Nth row gets the age 'unknown'")
    args = parser.parse_args()
    if args.rows < 0 or args.bad_every < 0:
        parser.error("rows and --bad-every must not be negative")
    out = open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", buffering=1 << 20, closefd=False)
    write(dogs(args.rows, args.seed, args.bad_every), args.format, out)
    out.flush()


if __name__ == "__main__":
    main()
