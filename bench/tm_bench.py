"""Benchmark of the translation-memory index against an exhaustive scan and translate-toolkit's matcher.

Generates realistic zh→en trade-news entries (a template grammar over a vocabulary of real phrases, so
sentences share many n-grams), builds :class:`~workflow.memory.index.TranslationMemoryIndex`, then looks
up queries made by changing 5–30% of the characters of random stored sources. Reports lookup latency,
recall@3 against an exhaustive scan with the same scorer, the same for translate-toolkit's ``matcher``
(with its defaults, over at most 100,000 entries), and the time to parse a 100,000-unit TMX.

    .venv/bin/python bench/tm_bench.py            # 200,000 entries, 300 queries
    .venv/bin/python bench/tm_bench.py --quick    # small sizes for CI
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workflow.formats.tmx import extract_pairs, parse_tmx, write_tmx
from workflow.memory.index import TranslationMemoryIndex
from workflow.memory.scoring import finish_score, normalise_for_matching

SOURCE_LANGUAGE = "zh-CN"
THRESHOLD = 70

PLACES = [
    ("湖北自贸试验区宜昌片区", "the Yichang Area of the Hubei Pilot Free Trade Zone"),
    ("上海自贸试验区临港新片区", "the Lingang Special Area of the Shanghai FTZ"),
    ("海南自由贸易港", "the Hainan Free Trade Port"),
    ("广东自贸试验区南沙片区", "the Nansha Area of the Guangdong FTZ"),
    ("浙江自贸试验区宁波片区", "the Ningbo Area of the Zhejiang FTZ"),
    ("重庆两江新区", "Chongqing Liangjiang New Area"),
    ("苏州工业园区", "Suzhou Industrial Park"),
    ("成都高新区", "Chengdu Hi-tech Zone"),
    ("郑州航空港经济综合实验区", "Zhengzhou Airport Economy Zone"),
    ("天津港保税区", "Tianjin Port Free Trade Zone"),
    ("厦门市", "Xiamen"),
    ("青岛市", "Qingdao"),
    ("深圳前海", "Shenzhen Qianhai"),
    ("西安国际港务区", "Xi'an International Trade and Logistics Park"),
]
ORGS = [
    ("管委会", "administrative committee"),
    ("商务局", "commerce bureau"),
    ("海关", "customs"),
    ("市场监管局", "market regulator"),
    ("发展改革委", "development and reform commission"),
    ("", ""),
    ("", ""),
]
TIMES = [
    ("今年前三季度", "In the first three quarters"),
    ("今年上半年", "In the first half of the year"),
    ("今年以来", "Since the start of the year"),
    ("近日", "Recently"),
    ("去年全年", "Last year"),
    ("截至{m}月底", "As of the end of month {m}"),
    ("1至{m}月", "From January to month {m}"),
    ("{m}月{d}日", "On {m}/{d}"),
]
INDUSTRIES = [
    ("生物医药", "biomedicine"),
    ("新能源汽车", "new energy vehicles"),
    ("集成电路", "integrated circuits"),
    ("跨境电商", "cross-border e-commerce"),
    ("冷链物流", "cold-chain logistics"),
    ("数字贸易", "digital trade"),
    ("高端装备制造", "high-end equipment manufacturing"),
    ("绿色低碳", "green and low-carbon industries"),
    ("现代农业", "modern agriculture"),
    ("航运服务", "shipping services"),
    ("融资租赁", "financial leasing"),
    ("文化旅游", "cultural tourism"),
    ("光伏组件", "photovoltaic modules"),
    ("锂电池", "lithium batteries"),
]
PREDICATES = [
    ("实现进出口总值{n}亿元，同比增长{p}%", "recorded imports and exports of {n}00 million yuan, up {p}%"),
    ("实际使用外资{n}亿美元，同比增长{p}%", "used {n}00 million US dollars of foreign investment, up {p}%"),
    ("新设外商投资企业{n}家", "saw {n} new foreign-invested enterprises set up"),
    ("累计签约项目{n}个，总投资{n2}亿元", "signed {n} projects with total investment of {n2}00 million yuan"),
    ("发布《关于支持{i}产业发展的若干措施》", "issued measures to support the {i} industry"),
    ("围绕{i}产业推出{n}项制度创新成果", "launched {n} institutional innovations for {i}"),
    ("举办{i}产业投资推介会，吸引{n}家企业参会", "held a {i} investment fair attended by {n} companies"),
    ("着力打造{i}产业集群", "worked to build a {i} industrial cluster"),
    ("{i}产业产值突破{n}亿元", "saw {i} output exceed {n}00 million yuan"),
]
CLAUSES = [
    ("其中{i}出口增长{p}%", "with {i} exports up {p}%"),
    ("进一步优化营商环境", "further improving the business environment"),
    ("为{i}高质量发展注入新动能", "giving new impetus to high-quality {i} development"),
    ("推动{i}与{i2}深度融合", "integrating {i} with {i2}"),
    ("助力企业降本增效", "helping companies cut costs"),
    ("占全市外贸总值的{p}%", "accounting for {p}% of the city's foreign trade"),
    ("带动就业{n}余人", "creating more than {n} jobs"),
    ("通关时间压缩{p}%", "cutting customs clearance time by {p}%"),
]


def _fill(template: tuple[str, str], rng: random.Random) -> tuple[str, str]:
    industry, industry2 = rng.sample(INDUSTRIES, 2)
    values = {
        "m": rng.randint(2, 11),
        "d": rng.randint(1, 28),
        "n": rng.randint(3, 980),
        "n2": rng.randint(10, 5000),
        "p": rng.choice([f"{rng.randint(1, 60)}", f"{rng.randint(1, 60)}.{rng.randint(1, 9)}"]),
    }
    zh = template[0].format(i=industry[0], i2=industry2[0], **values)
    en = template[1].format(i=industry[1], i2=industry2[1], **values)
    return zh, en


def make_entries(count: int, seed: int = 20220830) -> list[tuple[str, str]]:
    """``count`` deterministic (Chinese source, English target) trade-news sentence pairs."""
    rng = random.Random(seed)
    entries = []
    for _ in range(count):
        time_zh, time_en = _fill(rng.choice(TIMES), rng)
        place, org = rng.choice(PLACES), rng.choice(ORGS)
        predicate_zh, predicate_en = _fill(rng.choice(PREDICATES), rng)
        zh = f"{time_zh}，{place[0]}{org[0]}{predicate_zh}"
        en = f"{time_en}, {place[1]} {org[1]} {predicate_en}".replace("  ", " ")
        for clause in rng.sample(CLAUSES, rng.choice((0, 1, 1, 2))):
            clause_zh, clause_en = _fill(clause, rng)
            zh += f"，{clause_zh}"
            en += f", {clause_en}"
        entries.append((zh + "。", en + "."))
    return entries


def mutate(source: str, rng: random.Random, alphabet: str) -> str:
    """Change 5–30% of the characters: mostly substitutions, some deletions and insertions."""
    chars = list(source)
    edits = max(1, round(len(chars) * rng.uniform(0.05, 0.30)))
    for _ in range(edits):
        position = rng.randrange(len(chars))
        roll = rng.random()
        if roll < 0.8:
            chars[position] = rng.choice(alphabet)
        elif roll < 0.9 and len(chars) > 2:
            del chars[position]
        else:
            chars.insert(position, rng.choice(alphabet))
    return "".join(chars)


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def exhaustive_top3(query: str, sources: list[str], normalised: list[str]) -> list[str]:
    """Top-3 sources by the same scorer, threshold and tie-break as the index, scanning everything."""
    query_normalised = normalise_for_matching(query, SOURCE_LANGUAGE)
    hits = process.extract(
        query_normalised,
        normalised,
        scorer=Levenshtein.normalized_similarity,
        score_cutoff=THRESHOLD / 100,
        limit=50,
    )
    ranked = sorted(
        ((finish_score(100 * score, query, sources[slot]), slot) for _, score, slot in hits),
        key=lambda pair: (-pair[0], -pair[1]),
    )
    return [sources[slot] for score, slot in ranked if score >= THRESHOLD][:3]


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        resident_pages = int(statm.read().split()[1])
    return resident_pages * 4096 / 1e6


def bench_index(entries, queries, exhaustive_queries):
    rss_before = rss_mb()
    started = time.perf_counter()
    index = TranslationMemoryIndex(SOURCE_LANGUAGE)
    for entry_id, (source, target) in enumerate(entries):
        index.add(entry_id, source, target)
    build_seconds = time.perf_counter() - started
    rss_growth = rss_mb() - rss_before
    latencies, results = [], []
    for query, _origin in queries:
        started = time.perf_counter()
        matches = index.lookup(query, limit=3, threshold=THRESHOLD)
        latencies.append((time.perf_counter() - started) * 1000)
        results.append([match.source for match in matches])
    sources = [source for source, _ in entries]
    normalised = [normalise_for_matching(source, SOURCE_LANGUAGE) for source in sources]
    found_by_scan = found_by_both = 0
    for query_number in exhaustive_queries:
        query, origin = queries[query_number]
        if sources[origin] in exhaustive_top3(query, sources, normalised):
            found_by_scan += 1
            found_by_both += sources[origin] in results[query_number]
    recall = found_by_both / found_by_scan if found_by_scan else float("nan")
    return index, build_seconds, rss_growth, latencies, recall, found_by_scan


def bench_translate_toolkit(entries, queries, exhaustive_queries, sources_normalised):
    from translate.search.match import matcher
    from translate.storage import base

    # matcher keeps a heap of (score, unit) and breaks on equal scores, because units are not orderable;
    # a neutral ordering lets it run without changing how it matches.
    base.TranslationUnit.__lt__ = lambda _self, _other: False  # type: ignore[method-assign]
    store = base.TranslationStore()
    for source, target in entries:
        unit = store.UnitClass(source)
        unit.target = target
        store.addunit(unit)
    started = time.perf_counter()
    tm = matcher(store)
    build_seconds = time.perf_counter() - started
    sources = [source for source, _ in entries]
    latencies = []
    found_by_scan = found_by_both = 0
    for query_number in exhaustive_queries:
        query, origin = queries[query_number]
        started = time.perf_counter()
        suggestions = [str(unit.source) for unit in tm.matches(query)[:3]]
        latencies.append((time.perf_counter() - started) * 1000)
        if sources[origin] in exhaustive_top3(query, sources, sources_normalised):
            found_by_scan += 1
            found_by_both += sources[origin] in suggestions
    recall = found_by_both / found_by_scan if found_by_scan else float("nan")
    return build_seconds, latencies, recall, found_by_scan


def bench_tmx(unit_count: int, entries) -> tuple[float, float, int]:
    pairs = [entries[i % len(entries)] for i in range(unit_count)]
    started = time.perf_counter()
    data = write_tmx(pairs, "zh-CN", "en-US")
    write_seconds = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "bench.tmx"
        path.write_bytes(data)
        started = time.perf_counter()
        document = parse_tmx(path.read_bytes())
        extracted = extract_pairs(document, "zh", "en")
        parse_seconds = time.perf_counter() - started
    return write_seconds, parse_seconds, len(extracted)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--scan-queries", type=int, default=100, help="queries checked by exhaustive scan")
    parser.add_argument("--tt-entries", type=int, default=100_000)
    parser.add_argument("--tt-queries", type=int, default=30)
    parser.add_argument("--tmx-units", type=int, default=100_000)
    parser.add_argument("--quick", action="store_true", help="small sizes, for CI")
    args = parser.parse_args(argv)
    if args.quick:
        args.entries, args.queries, args.scan_queries = 5_000, 60, 30
        args.tt_entries, args.tt_queries, args.tmx_units = 5_000, 10, 5_000

    entries = make_entries(args.entries)
    rng = random.Random(7)
    alphabet = "".join(sorted({char for source, _ in entries[:2000] for char in source}))
    origins = [rng.randrange(len(entries)) for _ in range(args.queries)]
    queries = [(mutate(entries[origin][0], rng, alphabet), origin) for origin in origins]
    scan_queries = list(range(min(args.scan_queries, len(queries))))

    _index, build_s, rss_growth, latencies, recall, scanned = bench_index(entries, queries, scan_queries)
    print(f"index build: {len(entries):,} entries in {build_s:.1f} s, RSS growth {rss_growth:.0f} MB")

    tt_count = min(args.tt_entries, len(entries))
    tt_entries = entries[:tt_count]
    tt_queries_all = [(q, o) for q, o in queries if o < tt_count][: args.tt_queries]
    tt_normalised = [normalise_for_matching(source, SOURCE_LANGUAGE) for source, _ in tt_entries]
    tt_build, tt_latencies, tt_recall, tt_scanned = bench_translate_toolkit(
        tt_entries, tt_queries_all, range(len(tt_queries_all)), tt_normalised
    )
    print(f"translate-toolkit matcher build: {tt_count:,} entries in {tt_build:.1f} s")

    # The same data and the same queries through Copydesk's index, for a like-for-like ratio.
    same_index = TranslationMemoryIndex(SOURCE_LANGUAGE)
    for entry_id, (source, target) in enumerate(tt_entries):
        same_index.add(entry_id, source, target)
    same_latencies, same_found = [], 0
    tt_sources = [source for source, _ in tt_entries]
    same_scanned = 0
    for query, origin in tt_queries_all:
        runs = []
        for _ in range(5):
            started = time.perf_counter()
            matches = same_index.lookup(query, limit=3, threshold=THRESHOLD)
            runs.append((time.perf_counter() - started) * 1000)
        same_latencies.append(statistics.median(runs))
        if tt_sources[origin] in exhaustive_top3(query, tt_sources, tt_normalised):
            same_scanned += 1
            same_found += tt_sources[origin] in [m.source for m in matches]
    same_recall = same_found / same_scanned if same_scanned else float("nan")

    ours_median = statistics.median(latencies)
    tt_median = statistics.median(tt_latencies)
    same_median = statistics.median(same_latencies)
    header = ("engine", "entries", "median ms", "p95 ms", "recall@3", "ratio vs ours")
    ours_row = (
        "Copydesk index",
        f"{len(entries):,}",
        f"{ours_median:.2f}",
        f"{percentile(latencies, 0.95):.2f}",
        f"{recall:.1%} of {scanned}",
        "1",
    )
    same_row = (
        "Copydesk index (same set)",
        f"{tt_count:,}",
        f"{same_median:.2f}",
        f"{percentile(same_latencies, 0.95):.2f}",
        f"{same_recall:.1%} of {same_scanned}",
        "1",
    )
    tt_row = (
        "translate-toolkit matcher",
        f"{tt_count:,}",
        f"{tt_median:.1f}",
        f"{percentile(tt_latencies, 0.95):.1f}",
        f"{tt_recall:.1%} of {tt_scanned}",
        f"{tt_median / same_median:,.0f}x slower",
    )
    print()
    for row in (header, ours_row, same_row, tt_row):
        print(" | ".join(cell.ljust(width) for cell, width in zip(row, (26, 8, 9, 8, 14, 14), strict=True)))
    print(
        "(recall@3: of the queries whose origin an exhaustive scan with the same scorer ranks in the top 3,"
        f" the share the engine also ranks there; {len(latencies)} timed lookups for Copydesk,"
        f" {len(tt_latencies)} for translate-toolkit; the ratio compares both engines on the same"
        f" {tt_count:,} entries and the same {len(tt_latencies)} queries)"
    )
    write_s, parse_s, units = bench_tmx(args.tmx_units, entries)
    print(f"\nTMX: wrote {units:,} units in {write_s:.1f} s, parsed and extracted pairs in {parse_s:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
