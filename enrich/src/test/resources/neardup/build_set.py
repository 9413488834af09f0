#!/usr/bin/env python3
"""Builds the labelled near-duplicate set pairs.jsonl.gz from real article texts in ../shared.

Run from the repository root:  python3 enrich/src/test/resources/neardup/build_set.py
Deterministic (seeded); Python 3 standard library only. See README.md beside this file.
"""
import csv, gzip, hashlib, json, os, random, re, sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))


def find_shared():
    """The shared/ folder: $NEWSFLOW_SHARED, else the first shared/ beside a parent of this file."""
    if os.environ.get("NEWSFLOW_SHARED"):
        return os.environ["NEWSFLOW_SHARED"]
    d = HERE
    while d != os.path.dirname(d):
        for c in (os.path.join(d, "shared"), os.path.join(os.path.dirname(d), "shared")):
            if os.path.isdir(os.path.join(c, "fixtures")):
                return c
        d = os.path.dirname(d)
    sys.exit("cannot find shared/; set NEWSFLOW_SHARED")


SHARED = find_shared()
rng = random.Random(20240517)
csv.field_size_limit(10**9)
MAX_WORDS = 700
MAX_CHARS_CJK = 1200


def sid(s):
    return hashlib.sha1(s.encode("utf-8")).hexdigest()[:12]


def cap_paragraphs(paras, cjk=False):
    out, n = [], 0
    for p in paras:
        p = p.strip()
        if not p:
            continue
        out.append(p)
        n += len(p) if cjk else len(p.split())
        if n >= (MAX_CHARS_CJK if cjk else MAX_WORDS):
            break
    return out


def base_articles():
    arts = []
    gt = json.load(open(os.path.join(SHARED, "bench/extraction/aeb/ground-truth.json"), encoding="utf-8"))
    for k, v in sorted(gt.items()):
        paras = cap_paragraphs(re.split(r"\n\s*\n|\n", v["articleBody"]))
        if sum(len(p.split()) for p in paras) < 80:
            continue
        arts.append(dict(id="aeb-" + k, source="aeb", lang="en", category=None, cjk=False,
                         title=v["url"].rstrip("/").split("/")[-1].replace("-", " ")[:120], paras=paras))
    for lang, code, split in [("eng", "en", "dev"), ("fra", "fr", "dev"), ("swa", "sw", "dev"),
                              ("hau", "ha", "dev"), ("pcm", "pcm", "train")]:
        path = os.path.join(SHARED, f"bench/topics/masakhanews/{lang}/{split}.tsv")
        for i, r in enumerate(csv.DictReader(open(path, encoding="utf-8"), delimiter="\t")):
            paras = cap_paragraphs(r["text"].split("\n"))
            if sum(len(p.split()) for p in paras) < 80:
                continue
            arts.append(dict(id=f"masakhanews-{lang}-{split}-{i}", source=f"masakhanews-{lang}", lang=code,
                             category=r["category"], cjk=False, title=r["headline"], paras=paras))
    fixture = open(os.path.join(SHARED, "fixtures/id-news-article.txt"), encoding="utf-8").read()
    arts.append(dict(id="fixture-id-news", source="fixture", lang="id", category="politics", cjk=False,
                     title="Rusia menjadi tuan rumah pembicaraan Taliban", paras=cap_paragraphs(fixture.split("\n"))))
    for folder, code in [("zho_Hans", "zh"), ("jpn_Jpan", "ja"), ("tha_Thai", "th")]:
        by_cat = defaultdict(list)
        for split in ("train", "dev"):
            for r in csv.DictReader(open(os.path.join(SHARED, f"bench/topics/sib-200/{folder}/{split}.tsv"),
                                         encoding="utf-8"), delimiter="\t"):
                by_cat[r["category"]].append((int(r["index_id"]), r["text"]))
        for cat, sents in sorted(by_cat.items()):
            sents.sort()
            for j in range(0, len(sents) - 7, 8):
                chunk = [t for _, t in sents[j:j + 8]]
                paras = [chunk[i] + chunk[i + 1] if code != "th" else chunk[i] + " " + chunk[i + 1]
                         for i in range(0, 8, 2)]
                arts.append(dict(id=f"sib200-{folder}-{cat}-{j}", source=f"sib-200-{folder}", lang=code,
                                 category=cat, cjk=True, title=chunk[0][:24], paras=paras))
    return arts


BOILERPLATE_TOP = [
    "Advertisement", "Skip to main content", "Share this article", "Listen to this article",
    "Subscribe to our newsletter for the latest updates.", "This story has been updated.",
    "Reporting by our correspondents; editing by the news desk.",
    "(AP) —", "From our wire services.", "Sign up for our morning briefing.",
]
BOILERPLATE_BOTTOM = [
    "Copyright 2023 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.",
    "Follow us on Twitter, Facebook and Instagram for more news.",
    "Read more: the latest headlines from around the world.",
    "This article was originally published by our partner agency and is republished with permission.",
    "Have a news tip? Email our newsroom.",
    "Related: More stories from this section.",
    "© 2023 Reuters. All rights reserved.",
    "Download our app to get breaking news alerts.",
    "Comments on this story are moderated according to our community guidelines.",
]
BOILERPLATE_CJK_TOP = ["广告", "分享到：", "記事を共有する", "โฆษณา", "订阅我们的新闻简报。", "最新ニュースはこちら"]
BOILERPLATE_CJK_BOTTOM = ["版权所有，未经授权不得转载。", "無断転載を禁じます。", "อ่านข่าวเพิ่มเติมได้ที่เว็บไซต์ของเรา",
                          "责任编辑：新闻中心", "関連記事：このカテゴリの最新記事", "ติดตามข่าวสารล่าสุดได้ทางแอปพลิเคชันของเรา"]


def tokens(text, cjk):
    return list(text) if cjk else text.split(" ")


def join(toks, cjk):
    return "".join(toks) if cjk else " ".join(toks)


def edit(paras, rate, vocab, cjk):
    out = []
    for p in paras:
        toks = tokens(p, cjk)
        new = []
        for t in toks:
            if rng.random() < rate and t.strip():
                op = rng.random()
                if op < 0.6:
                    new.append(rng.choice(vocab))
                elif op < 0.8:
                    continue
                else:
                    new.append(t)
                    new.append(rng.choice(vocab))
            else:
                new.append(t)
        out.append(join(new, cjk))
    return out


def other_headline(a, pool):
    choice = rng.random()
    if choice < 0.4:
        return rng.choice(pool)["title"]
    if choice < 0.7:
        return a["title"] + (" | News" if not a["cjk"] else "｜新闻")
    return ("UPDATE 2-" if not a["cjk"] else "【更新】") + a["title"]


def syndicate(a, pool, vocab):
    paras = list(a["paras"])
    ops = []
    top = BOILERPLATE_CJK_TOP if a["cjk"] else BOILERPLATE_TOP
    bottom = BOILERPLATE_CJK_BOTTOM if a["cjk"] else BOILERPLATE_BOTTOM
    if len(paras) >= 3 and rng.random() < 0.6:
        paras = paras[:-1]
        ops.append("trimmed-last-paragraph")
    if rng.random() < 0.7:
        paras = rng.sample(top, rng.randint(1, 2)) + paras
        ops.append("boilerplate-top")
    if rng.random() < 0.8 or not ops:
        paras = paras + rng.sample(bottom, rng.randint(1, 3))
        ops.append("boilerplate-bottom")
    title = a["title"]
    if rng.random() < 0.6:
        title = other_headline(a, pool)
        ops.append("other-headline")
    return title, paras, ops


def entities(a):
    if a["cjk"]:
        return set()
    ents = set()
    for p in a["paras"]:
        words = re.findall(r"\b[^\W\d_][\w'’-]+", p)
        for i, w in enumerate(words):
            if i > 0 and w[0].isupper() and len(w) > 3 and not w.isupper():
                ents.add(w.lower())
    return ents


def sentence_overlap(a, b):
    sa = set(s.strip() for p in a["paras"] for s in re.split(r"[.!?。！？]", p) if len(s.strip()) > 20)
    sb = set(s.strip() for p in b["paras"] for s in re.split(r"[.!?。！？]", p) if len(s.strip()) > 20)
    return len(sa & sb) / max(1, min(len(sa), len(sb)))


def doc(title, paras, cjk):
    return {"title": title, "text": ("\n\n".join(paras))}


def main():
    arts = base_articles()
    for a in arts:
        a["split"] = "test" if int(hashlib.md5(a["id"].encode()).hexdigest(), 16) % 10 < 4 else "dev"
    vocab = defaultdict(list)
    for a in arts:
        for p in a["paras"]:
            vocab[a["lang"]].extend(t for t in tokens(p, a["cjk"]) if t.strip())
    by_lang = defaultdict(list)
    for a in arts:
        by_lang[a["lang"]].append(a)
    pairs = []

    def add(kind, a, title_b, paras_b, dup, note, b_id=None, b_split=None):
        pairs.append({"kind": kind, "duplicate": dup, "lang": a["lang"], "source": a["source"],
                      "split": a["split"], "a_id": a["id"], "b_id": b_id or a["id"] + "#copy",
                      "note": note, "a": doc(a["title"], a["paras"], a["cjk"]),
                      "b": doc(title_b, paras_b, a["cjk"])})

    # Positives: per base language, a fixed number of each kind from distinct base articles.
    quota = {"en": 130, "fr": 25, "sw": 25, "ha": 25, "pcm": 30, "id": 1, "zh": 25, "ja": 25, "th": 25}
    for lang, n in quota.items():
        cands = sorted(by_lang[lang], key=lambda a: a["id"])
        rng.shuffle(cands)
        for i, a in enumerate(cands[:n]):
            pool = by_lang[lang]
            v = vocab[lang]
            r = i % 6
            if r == 0:
                paras = [("  " + p.upper() + "  ") if j == 0 and not a["cjk"] else p for j, p in enumerate(a["paras"])]
                add("exact", a, a["title"], paras, True, "same text under another URL (case and spacing differ)")
            elif r in (1, 2):
                title, paras, ops = syndicate(a, pool, v)
                add("syndicated", a, title, paras, True, ",".join(ops))
            elif r in (3, 4):
                rate = rng.uniform(0.02, 0.10)
                add("edited", a, a["title"], edit(a["paras"], rate, v, a["cjk"]), True,
                    f"{rate:.3f} of words substituted, deleted or inserted")
            else:
                title, paras, ops = syndicate(a, pool, v)
                rate = rng.uniform(0.02, 0.05)
                add("syndicated+edited", a, title, edit(paras, rate, v, a["cjk"]), True,
                    ",".join(ops) + f",{rate:.3f} of words edited")

    # Hard negatives: distinct articles of the same source, split and category sharing the most
    # named entities (capitalised words not opening a sentence); CJK: the same SIB-200 category.
    neg_quota = {"en": 120, "fr": 25, "sw": 25, "ha": 25, "pcm": 30, "zh": 20, "ja": 20, "th": 20}
    for lang, n in neg_quota.items():
        groups = defaultdict(list)
        for a in by_lang[lang]:
            groups[(a["source"], a["split"], a["category"])].append(a)
        scored = []
        for key, g in sorted(groups.items(), key=lambda kv: str(kv[0])):
            ents = {a["id"]: entities(a) for a in g}
            for i in range(len(g)):
                for j in range(i + 1, len(g)):
                    a, b = g[i], g[j]
                    if a["cjk"]:
                        score = rng.random()
                    else:
                        ea, eb = ents[a["id"]], ents[b["id"]]
                        score = len(ea & eb) / max(1, len(ea | eb))
                    scored.append((score, a["id"], b["id"], a, b))
        scored.sort(key=lambda t: (-t[0], t[1], t[2]))
        used = defaultdict(int)
        taken = 0
        for score, _, _, a, b in scored:
            if taken >= n:
                break
            if used[a["id"]] >= 2 or used[b["id"]] >= 2 or sentence_overlap(a, b) > 0.3:
                continue
            used[a["id"]] += 1
            used[b["id"]] += 1
            taken += 1
            pairs.append({"kind": "hard-negative", "duplicate": False, "lang": lang, "source": a["source"],
                          "split": a["split"], "a_id": a["id"], "b_id": b["id"],
                          "note": (f"same category '{a['category']}', named-entity Jaccard {score:.2f}"
                                   if not a["cjk"] else f"same SIB-200 category '{a['category']}'"),
                          "a": doc(a["title"], a["paras"], a["cjk"]), "b": doc(b["title"], b["paras"], b["cjk"])})

    for i, p in enumerate(pairs):
        p["id"] = f"p{i:04d}"
    out = os.path.join(HERE, "pairs.jsonl.gz")
    with gzip.GzipFile(out, "wb", mtime=0) as gz:
        for p in pairs:
            gz.write((json.dumps({k: p[k] for k in ["id", "split", "kind", "duplicate", "lang", "source",
                                                    "a_id", "b_id", "note", "a", "b"]},
                                 ensure_ascii=False) + "\n").encode("utf-8"))
    from collections import Counter
    print(len(pairs), "pairs", Counter((p["split"], p["kind"]) for p in pairs), file=sys.stderr)


if __name__ == "__main__":
    main()
