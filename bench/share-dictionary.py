#!/usr/bin/env python3
"""Builds format 2's preset dictionary for share links (crates/sim/src/share-dictionary-v2.txt).

Run once, from the repository root; the dictionary it wrote is frozen: links depend on every byte,
so a new dictionary is a new format version. Kept to show how it was made and to build the next one.

Method: candidates are substrings (5 to 64 characters) that start at a JSON token boundary in the
compact JSON of the scenarios under tests/scenarios (the conformance corpus and the gallery), as
`roleplay share` compacts them (key order kept, no white space). A candidate is tried only if it
appears in several scenarios (3 in the first pass, 2 in the second), ranked by files × length, and
kept when raw deflate with the dictionary so far plus the candidate packs the whole set smaller.
Later (more valuable) entries go first in the file, so the best ones sit nearest the data.

    python3 bench/share-dictionary.py crates/sim/src/share-dictionary-v2.txt
"""
import base64, collections, glob, json, re, sys, zlib

def compact(path):
    return json.dumps(json.load(open(path)), separators=(",", ":"), ensure_ascii=False)

TEXTS = [compact(f) for f in sorted(glob.glob("tests/scenarios/**/*.json", recursive=True))]

def packed(text, dictionary):
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zdict=dictionary) if dictionary else zlib.compressobj(9, zlib.DEFLATED, -15, 9)
    return len(base64.urlsafe_b64encode(c.compress(text.encode()) + c.flush()).rstrip(b"="))

def total(dictionary):
    return sum(packed(t, dictionary) for t in TEXTS)

def candidates(min_files, count):
    files = collections.Counter()
    for t in TEXTS:
        seen = set()
        for m in re.finditer(r'["{\[:, ]', t):
            for length in (5, 7, 9, 12, 16, 20, 24, 32, 40, 48, 64):
                sub = t[m.start():m.start() + length]
                if len(sub) == length:
                    seen.add(sub)
        files.update(seen)
    ranked = sorted(((n * (len(s) - 4), s) for s, n in files.items() if n >= min_files), reverse=True)
    return [s for _, s in ranked[:count]]

def grow(dictionary, pool, limit):
    best = total(dictionary)
    for s in pool:
        if s in dictionary.decode():
            continue
        trial = s.encode() + dictionary
        if len(trial) > limit:
            continue
        size = total(trial)
        if size < best - 3:
            best, dictionary = size, trial
    return dictionary

if __name__ == "__main__":
    first = candidates(3, 4000)
    d = grow(b"", first + first, 30000)
    d = grow(d, candidates(2, 6000), 32000)
    open(sys.argv[1], "wb").write(d)
    print(f"{len(d)} bytes; the set packs to {total(d)} base64 characters (without: {total(None)})")
